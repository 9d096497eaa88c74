package dev.miniflare.d1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.miniflare.Miniflare;
import dev.miniflare.storage.Snapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The D1 binding and the Java API. Expected shapes, values and messages were recorded on Miniflare 4 (workerd's D1
 * shim over Miniflare's database object); {@code size_after} and {@code rows_read} are approximations and only
 * checked loosely.
 */
class D1Test {
  static final String WORKER = """
      const scenarios = {
        async setup(DB) {
          await DB.exec("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, age INTEGER, b BLOB, r REAL)");
          return DB.prepare("INSERT INTO users (name, age, b, r) VALUES (?1, ?2, ?3, ?4)")
            .bind("ann", 31, new Uint8Array([1, 2, 3]), 1.5).run();
        },
        all: (DB) => DB.prepare("SELECT * FROM users ORDER BY id").all(),
        first: (DB) => DB.prepare("SELECT name, age FROM users ORDER BY id").first(),
        firstCol: (DB) => DB.prepare("SELECT count(*) AS n FROM users").first("n"),
        firstNone: (DB) => DB.prepare("SELECT * FROM users WHERE id = ?").bind(999).first(),
        firstMissingColumn: (DB) => DB.prepare("SELECT * FROM users").first("nope"),
        firstMissingColumnNoRows: (DB) => DB.prepare("SELECT * FROM users WHERE id < 0").first("nope"),
        raw: (DB) => DB.prepare("SELECT id, name FROM users ORDER BY id").raw(),
        rawColumns: (DB) => DB.prepare("SELECT 1 AS a, 2 AS a").raw({ columnNames: true }),
        rawColumnsNoRows: (DB) => DB.prepare("SELECT id, name FROM users WHERE id < 0").raw({ columnNames: true }),
        duplicateColumns: (DB) => DB.prepare("SELECT 1 AS a, 2 AS a").all(),
        runSelect: (DB) => DB.prepare("SELECT name FROM users").run(),
        returning: (DB) => DB.prepare("INSERT INTO users (name) VALUES ('ret') RETURNING id, name").all(),
        update: (DB) => DB.prepare("UPDATE users SET age = 40").run(),
        multi: (DB) => DB.prepare("SELECT 1 AS a; SELECT 2 AS b").all(),
        types: (DB) => DB.prepare("SELECT ?1 AS t, ?2 AS f, typeof(?3) AS n, ?4 AS nul, ?5 AS nan, ?6 AS inf, ?7 AS s")
          .bind(true, false, 3, null, NaN, Infinity, "é").first(),
        blobs: (DB) => DB.prepare("SELECT ?1 AS arr, typeof(?1) AS t, ?2 AS buf, ?3 AS view, ?4 AS u16, x'ff00' AS lit")
          .bind([1, 2, 3], new Uint8Array([9, 8]).buffer, new Uint8Array([0, 7, 6, 0]).subarray(1, 3),
            new Uint16Array([1, 300])).first(),
        numbered: (DB) => DB.prepare("SELECT ?2 AS a, ?1 AS b").bind(1, 2).first(),
        rebind: (DB) => { const s = DB.prepare("SELECT ? AS v"); const a = s.bind(1); const b = s.bind(2);
          return Promise.all([a.first("v"), b.first("v")]); },
        bigInt: (DB) => DB.prepare("SELECT 9007199254740993 AS a, 1e400 AS b").first(),
        async batch(DB) {
          return DB.batch([DB.prepare("INSERT INTO users (name) VALUES (?)").bind("b1"),
            DB.prepare("SELECT name FROM users WHERE name = ?").bind("b1")]);
        },
        async batchAtomic(DB) {
          const error = await attempt(() => DB.batch([DB.prepare("INSERT INTO users (name) VALUES ('b2')"),
            DB.prepare("INSERT INTO users (name) VALUES (NULL)")]));
          return { error, count: await DB.prepare("SELECT count(*) AS n FROM users").first("n") };
        },
        batchEmpty: (DB) => DB.batch([]),
        exec: (DB) => DB.exec("CREATE TABLE e (v);\\nINSERT INTO e VALUES (1); INSERT INTO e VALUES (2)\\n\\n  \\nSELECT 1"),
        async execAtomic(DB) {
          const error = await attempt(() => DB.exec("CREATE TABLE x (v NOT NULL)\\nINSERT INTO x VALUES (1)\\nINSERT INTO x VALUES (NULL)"));
          return { error, table: await attempt(() => DB.prepare("SELECT * FROM x").all()) };
        },
        execEmpty: (DB) => DB.exec(""),
        execComment: (DB) => DB.exec("-- comment"),
        execTransaction: (DB) => DB.exec("BEGIN TRANSACTION"),
        syntax: (DB) => DB.prepare("SELEC nonsense").all(),
        notNull: (DB) => DB.prepare("INSERT INTO users (name) VALUES (NULL)").run(),
        unique: (DB) => DB.prepare("INSERT INTO users (id, name) VALUES (1, 'z')").run(),
        noTable: (DB) => DB.prepare("SELECT * FROM nope").all(),
        noColumn: (DB) => DB.prepare("SELECT nope FROM users").all(),
        exists: (DB) => DB.prepare("CREATE TABLE users (x)").run(),
        wrongBindings: (DB) => DB.prepare("SELECT ?, ?").bind(1).all(),
        multiBind: (DB) => DB.prepare("SELECT ? AS a; SELECT ? AS b").bind(1, 2).all(),
        empty: (DB) => DB.prepare("").all(),
        undefinedBind: (DB) => DB.prepare("SELECT ?").bind(undefined).all(),
        bigintBind: (DB) => DB.prepare("SELECT ?").bind(1n).all(),
        objectBind: (DB) => DB.prepare("SELECT ?").bind({ a: 1 }).all(),
        arrayBind: (DB) => DB.prepare("SELECT ?").bind([1, 2, 300]).all(),
        reserved: (DB) => DB.prepare("CREATE TABLE _cf_x (v)").run(),
        async session(DB) {
          const s = DB.withSession();
          const before = s.getBookmark();
          const rows = (await s.prepare("SELECT 1 AS x").all()).results;
          const batch = (await s.batch([s.prepare("SELECT 2 AS y")])).length;
          return { before, after: typeof s.getBookmark(), rows, batch, given: DB.withSession("bm").getBookmark(),
            primary: DB.withSession("first-primary").getBookmark() };
        },
        async dump(DB) {
          const b = await DB.dump();
          return { isArrayBuffer: b instanceof ArrayBuffer, magic: new TextDecoder().decode(new Uint8Array(b, 0, 15)) };
        },
        shape: (DB) => ({ db: Object.getOwnPropertyNames(Object.getPrototypeOf(DB)),
          stmt: Object.getOwnPropertyNames(Object.getPrototypeOf(DB.prepare("SELECT 1"))),
          stmtKeys: Object.keys(DB.prepare("SELECT 1").bind(1)) }),
        count: (DB) => DB.prepare("SELECT count(*) AS n FROM users").first("n"),
      };
      async function attempt(fn) {
        try { return { ok: await fn() }; }
        catch (e) { return { error: e.constructor.name, message: e.message, cause: e.cause?.message }; }
      }
      export default { async fetch(req, env) {
        const name = new URL(req.url).pathname.slice(1);
        return Response.json(await attempt(() => scenarios[name](env.DB)));
      } };
      """;

  Miniflare mf;

  @BeforeEach
  void start() {
    mf = Miniflare.builder()
        .worker(w -> w.name("main").modules(true).script(WORKER).d1Database("DB", "db-1"))
        .build();
    run("setup");
  }

  @AfterEach
  void stop() {
    mf.close();
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> call(String scenario) {
    return mf.worker("main").fetch("http://localhost/" + scenario).json(Map.class);
  }

  Object run(String scenario) {
    Map<String, Object> r = call(scenario);
    assertThat(r).as(scenario).containsKey("ok");
    return r.get("ok");
  }

  String error(String scenario) {
    Map<String, Object> r = call(scenario);
    assertThat(r).as(scenario).containsKey("error");
    assertThat(r.get("error")).isEqualTo("Error");
    String message = (String) r.get("message");
    assertThat(message).startsWith(message.substring(0, message.indexOf(": ") + 2) + r.get("cause"));
    return message;
  }

  @Test
  @SuppressWarnings("unchecked")
  void runReportsMetaLikeWorkerd() {
    mf.close();
    mf = Miniflare.builder().worker(w -> w.name("main").modules(true).script(WORKER).d1Database("DB", "db-1"))
        .build();
    Map<String, Object> r = (Map<String, Object>) run("setup");
    assertThat(r.keySet()).containsExactly("success", "meta", "results");
    assertThat(r.get("success")).isEqualTo(true);
    assertThat(r.get("results")).isEqualTo(List.of());
    Map<String, Object> meta = (Map<String, Object>) r.get("meta");
    assertThat(meta.keySet()).containsExactly("served_by", "duration", "changes", "last_row_id", "changed_db",
        "size_after", "rows_read", "rows_written");
    assertThat(meta).containsEntry("served_by", "miniflare.db").containsEntry("changes", 1)
        .containsEntry("last_row_id", 1).containsEntry("changed_db", true).containsEntry("rows_written", 1);
    assertThat(((Number) meta.get("size_after")).longValue()).isPositive().isEqualTo(mf.d1DatabaseById("db-1")
        .run("SELECT 1").meta().sizeAfter());
  }

  @Test
  @SuppressWarnings("unchecked")
  void allFirstAndRawShapes() {
    Map<String, Object> all = (Map<String, Object>) run("all");
    assertThat(all.get("results")).isEqualTo(List.of(Map.of("id", 1, "name", "ann", "age", 31,
        "b", List.of(1, 2, 3), "r", 1.5)));
    assertThat((Map<String, Object>) all.get("meta")).containsEntry("changes", 0).containsEntry("changed_db", false)
        .containsEntry("last_row_id", 1).containsEntry("rows_read", 1).containsEntry("rows_written", 0);
    assertThat(run("first")).isEqualTo(Map.of("name", "ann", "age", 31));
    assertThat(run("firstCol")).isEqualTo(1);
    assertThat(run("firstNone")).isNull();
    assertThat(run("firstMissingColumnNoRows")).isNull();
    assertThat(call("firstMissingColumn")).containsEntry("message", "D1_COLUMN_NOTFOUND: Column not found (nope)")
        .containsEntry("cause", "Column not found");
    assertThat(run("raw")).isEqualTo(List.of(List.of(1, "ann")));
    assertThat(run("rawColumns")).isEqualTo(List.of(List.of("a", "a"), List.of(1, 2)));
    assertThat(run("rawColumnsNoRows")).isEqualTo(List.of(List.of("id", "name")));
    assertThat(((Map<String, Object>) run("duplicateColumns")).get("results")).isEqualTo(List.of(Map.of("a", 2)));
    assertThat(((Map<String, Object>) run("runSelect")).get("results")).isEqualTo(List.of(Map.of("name", "ann")));
    assertThat(((Map<String, Object>) run("returning")).get("results"))
        .isEqualTo(List.of(Map.of("id", 2, "name", "ret")));
    Map<String, Object> update = (Map<String, Object>) run("update");
    assertThat((Map<String, Object>) update.get("meta")).containsEntry("changes", 2).containsEntry("changed_db", true)
        .containsEntry("rows_written", 2).containsEntry("last_row_id", 2);
    assertThat(((Map<String, Object>) run("multi")).get("results")).isEqualTo(List.of(Map.of("b", 2)));
  }

  @Test
  void valueConversion() {
    Map<String, Object> types = new java.util.HashMap<>();
    types.put("t", 1);
    types.put("f", 0);
    types.put("n", "real"); // every JS number binds as REAL
    types.put("nul", null);
    types.put("nan", null);
    types.put("inf", null);
    types.put("s", "é");
    assertThat(run("types")).isEqualTo(types);
    assertThat(run("blobs")).isEqualTo(Map.of("arr", List.of(1, 2, 3), "t", "blob", "buf", List.of(9, 8),
        "view", List.of(7, 6), "u16", List.of(1, 44), "lit", List.of(255, 0)));
    assertThat(run("numbered")).isEqualTo(Map.of("a", 2, "b", 1));
    assertThat(run("rebind")).isEqualTo(List.of(1, 2));
    Map<String, Object> big = new java.util.HashMap<>();
    big.put("a", 9007199254740992L);
    big.put("b", null);
    assertThat(run("bigInt")).isEqualTo(big);
  }

  @Test
  @SuppressWarnings("unchecked")
  void batchReturnsOneResultPerStatementAndIsAtomic() {
    List<Map<String, Object>> batch = (List<Map<String, Object>>) run("batch");
    assertThat(batch).hasSize(2);
    assertThat((Map<String, Object>) batch.get(0).get("meta")).containsEntry("changes", 1)
        .containsEntry("last_row_id", 2);
    assertThat(batch.get(1).get("results")).isEqualTo(List.of(Map.of("name", "b1")));
    Map<String, Object> atomic = (Map<String, Object>) run("batchAtomic");
    assertThat((Map<String, Object>) atomic.get("error")).containsEntry("message",
        "D1_ERROR: NOT NULL constraint failed: users.name: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_NOTNULL)");
    assertThat(atomic.get("count")).isEqualTo(2);
    assertThat(error("batchEmpty")).isEqualTo("D1_ERROR: No SQL statements detected.");
  }

  @Test
  @SuppressWarnings("unchecked")
  void execCountsLinesAndIsAtomic() {
    Map<String, Object> exec = (Map<String, Object>) run("exec");
    assertThat(exec.get("count")).isEqualTo(3);
    assertThat(exec).containsKey("duration");
    assertThat(mf.d1DatabaseById("db-1").query("SELECT v FROM e")).containsExactly(Map.of("v", 1L), Map.of("v", 2L));
    Map<String, Object> atomic = (Map<String, Object>) run("execAtomic");
    assertThat((Map<String, Object>) atomic.get("error")).containsEntry("message", "D1_EXEC_ERROR: Error in line 1:"
        + " CREATE TABLE x (v NOT NULL): NOT NULL constraint failed: x.v: SQLITE_CONSTRAINT"
        + " (extended: SQLITE_CONSTRAINT_NOTNULL)");
    assertThat((Map<String, Object>) atomic.get("table"))
        .containsEntry("message", "D1_ERROR: no such table: x: SQLITE_ERROR");
    assertThat(error("execEmpty")).isEqualTo("D1_EXEC_ERROR: Error in line 1: : No SQL statements detected.");
    assertThat(error("execComment"))
        .isEqualTo("D1_EXEC_ERROR: Error in line 1: -- comment: SQL code did not contain a statement.");
    assertThat(error("execTransaction")).startsWith("D1_EXEC_ERROR: Error in line 1: BEGIN TRANSACTION: To execute"
        + " a transaction, please use the state.storage.transaction()");
  }

  @Test
  void errorsAreWordedLikeWorkerd() {
    assertThat(error("syntax")).isEqualTo("D1_ERROR: near \"SELEC\": syntax error at offset 0: SQLITE_ERROR");
    assertThat(error("notNull")).isEqualTo("D1_ERROR: NOT NULL constraint failed: users.name: SQLITE_CONSTRAINT"
        + " (extended: SQLITE_CONSTRAINT_NOTNULL)");
    assertThat(error("unique")).isEqualTo("D1_ERROR: UNIQUE constraint failed: users.id: SQLITE_CONSTRAINT"
        + " (extended: SQLITE_CONSTRAINT_PRIMARYKEY)");
    assertThat(error("noTable")).isEqualTo("D1_ERROR: no such table: nope: SQLITE_ERROR");
    assertThat(error("noColumn")).isEqualTo("D1_ERROR: no such column: nope at offset 7: SQLITE_ERROR");
    assertThat(error("exists")).isEqualTo("D1_ERROR: table users already exists at offset 13: SQLITE_ERROR");
    assertThat(error("wrongBindings")).isEqualTo("D1_ERROR: Wrong number of parameter bindings for SQL query.");
    assertThat(error("multiBind")).isEqualTo("D1_ERROR: When executing multiple SQL statements in a single call,"
        + " only the last statement can have parameters.");
    assertThat(error("empty")).isEqualTo("D1_ERROR: No SQL statements detected.");
    assertThat(error("reserved")).isEqualTo("D1_ERROR: not authorized: SQLITE_AUTH");
    assertThat(error("undefinedBind"))
        .isEqualTo("D1_TYPE_ERROR: Type 'undefined' not supported for value 'undefined'");
    assertThat(error("bigintBind")).isEqualTo("D1_TYPE_ERROR: Type 'bigint' not supported for value '1'");
    assertThat(error("objectBind"))
        .isEqualTo("D1_TYPE_ERROR: Type 'object' not supported for value '[object Object]'");
    assertThat(error("arrayBind")).isEqualTo("D1_TYPE_ERROR: Type 'object' not supported for value '1,2,300'");
  }

  @Test
  @SuppressWarnings("unchecked")
  void sessionsDumpAndApiShape() {
    Map<String, Object> session = (Map<String, Object>) run("session");
    Map<String, Object> expected = new java.util.HashMap<>();
    expected.put("before", null);
    expected.put("after", "string");
    expected.put("rows", List.of(Map.of("x", 1)));
    expected.put("batch", 1);
    expected.put("given", "bm");
    expected.put("primary", null);
    assertThat(session).isEqualTo(expected);
    assertThat(run("dump")).isEqualTo(Map.of("isArrayBuffer", true, "magic", "SQLite format 3"));
    assertThat(run("shape")).isEqualTo(Map.of(
        "db", List.of("constructor", "prepare", "batch", "exec", "withSession", "dump"),
        "stmt", List.of("constructor", "bind", "first", "run", "all", "raw"),
        "stmtKeys", List.of("dbSession", "statement", "params")));
  }

  @Test
  void javaApiSharesTheDatabaseWithTheWorker() {
    D1Database db = mf.d1Database("main", "DB");
    assertThat(db).isEqualTo(mf.worker("main").d1Database("DB")).isEqualTo(mf.getD1Database("DB"));
    assertThat(db.execute("INSERT INTO users (name, age, b) VALUES (?, ?, ?)", "bob", 25, new byte[] {1, -1}))
        .isEqualTo(1);
    assertThat(run("count")).isEqualTo(2);
    Map<String, Object> bob = db.first("SELECT name, age, b, r FROM users WHERE name = ?", "bob");
    assertThat(bob).containsEntry("name", "bob").containsEntry("age", 25L).containsEntry("r", null);
    assertThat((byte[]) bob.get("b")).containsExactly(1, -1);
    assertThat(db.first("SELECT typeof(?) AS a, typeof(?) AS b, ? AS c", 1, 1.5, true))
        .isEqualTo(Map.of("a", "integer", "b", "real", "c", 1L));
    assertThat(db.first("SELECT * FROM users WHERE id = ?", 99)).isNull();
    assertThat(db.raw("SELECT id FROM users ORDER BY id")).containsExactly(new Object[] {1L}, new Object[] {2L});
    assertThat(db.exec("CREATE TABLE j (v)\nINSERT INTO j VALUES (1)")).isEqualTo(2);
    assertThatThrownBy(() -> db.execute("INSERT INTO users (name) VALUES (NULL)")).isInstanceOf(D1Exception.class)
        .hasMessage("D1_ERROR: NOT NULL constraint failed: users.name: SQLITE_CONSTRAINT"
            + " (extended: SQLITE_CONSTRAINT_NOTNULL)");
    assertThatThrownBy(() -> db.exec("SELEC")).isInstanceOf(D1Exception.class)
        .hasMessage("D1_EXEC_ERROR: Error in line 1: SELEC: near \"SELEC\": syntax error at offset 0: SQLITE_ERROR");
    assertThatThrownBy(() -> db.query("SELECT ?", new Object())).isInstanceOf(D1Exception.class)
        .hasMessageStartingWith("D1_TYPE_ERROR: Type 'java.lang.Object' not supported");
    assertThat(db.dump()).startsWith("SQLite format 3".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> mf.d1Database("main", "NOPE")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("worker \"main\" has no D1 database bound as \"NOPE\"; its D1 bindings: [DB]");
    assertThat(mf.worker("main").bindingNames()).contains("DB");
  }

  @Test
  void workersNamingTheSameIdShareData() {
    mf.close();
    mf = Miniflare.builder()
        .worker(w -> w.name("main").modules(true).script(WORKER).d1Database("DB", "shared"))
        .worker(w -> w.name("other").modules(true).script(WORKER).d1Database("DB", "shared"))
        .worker(w -> w.name("third").modules(true).script(WORKER).d1Database("DB", "separate"))
        .build();
    run("setup");
    assertThat(mf.worker("other").fetch("http://localhost/count").text()).isEqualTo("{\"ok\":1}");
    assertThat(mf.worker("third").fetch("http://localhost/count").text()).contains("no such table: users");
  }

  @Test
  void snapshotsAndRollbackCoverD1() {
    D1Database db = mf.d1Database("main", "DB");
    Snapshot before = mf.snapshot();
    db.execute("INSERT INTO users (name) VALUES ('later')");
    run("batch");
    assertThat(run("count")).isEqualTo(3);
    mf.rollback(before);
    assertThat(run("count")).isEqualTo(1);
    assertThat(db.query("SELECT name FROM users")).containsExactly(Map.of("name", "ann"));

    // A new instance started from a snapshot sees the rows; its writes stay its own.
    Snapshot seeded = mf.snapshot();
    try (Miniflare branch = Miniflare.builder().initialState(seeded)
        .worker(w -> w.name("main").modules(true).script(WORKER).d1Database("DB", "db-1")).build()) {
      D1Database other = branch.d1Database("main", "DB");
      assertThat(other.query("SELECT name FROM users")).containsExactly(Map.of("name", "ann"));
      other.execute("DELETE FROM users");
      assertThat(branch.worker("main").fetch("http://localhost/count").text()).isEqualTo("{\"ok\":0}");
    }
    assertThat(run("count")).isEqualTo(1);
  }
}
