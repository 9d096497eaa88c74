package dev.miniflare.durableobjects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.miniflare.Miniflare;
import dev.miniflare.storage.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ctx.storage.sql} on SQLite-backed Durable Objects, checked against workerd's behaviour and wording. */
class SqlDurableObjectsTest {
  static final String WORKER = """
      import { DurableObject } from "cloudflare:workers";
      const plain = (v) => v instanceof ArrayBuffer ? { bytes: [...new Uint8Array(v)] } : v;
      const rowsOf = (rows) => rows.map((r) => Array.isArray(r) ? r.map(plain)
        : Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
      export class Notes extends DurableObject {
        alarm() {} // workerd refuses setAlarm() in a class without one
        exec(query, ...bindings) {
          const c = this.ctx.storage.sql.exec(query, ...bindings);
          const rows = rowsOf(c.toArray());
          return { rows, columns: c.columnNames, rowsRead: c.rowsRead, rowsWritten: c.rowsWritten };
        }
        error(query, ...bindings) {
          try { this.ctx.storage.sql.exec(query, ...bindings).toArray(); return null; }
          catch (e) { return e.constructor.name + ": " + e.message; }
        }
        cursor() {
          const sql = this.ctx.storage.sql;
          sql.exec("CREATE TABLE IF NOT EXISTS c(id INTEGER PRIMARY KEY, name TEXT)");
          sql.exec("INSERT INTO c(name) VALUES ('a'), ('b'), ('c')");
          const it = [];
          for (const row of sql.exec("SELECT name FROM c ORDER BY id")) it.push(row.name);
          const c = sql.exec("SELECT id, name, id FROM c ORDER BY id");
          const first = c.next();
          const rest = [...c.raw()];
          const after = c.next();
          const one = (q) => { try { return sql.exec(q).one(); } catch (e) { return e.message; } };
          return { it, first, rest, after, columns: c.columnNames, tag: String(c),
            one: one("SELECT name FROM c WHERE id = 2"), none: one("SELECT * FROM c WHERE id = 99"),
            many: one("SELECT * FROM c"), rawArray: sql.exec("SELECT id FROM c ORDER BY id").raw().toArray(),
            size: sql.databaseSize };
        }
        blob() {
          const sql = this.ctx.storage.sql;
          sql.exec("CREATE TABLE b(data BLOB, t TEXT)");
          sql.exec("INSERT INTO b VALUES (?, 'u8'), (?, 'ab'), (?, 'view')", new Uint8Array([1, 2, 255]),
            new Uint8Array([9, 8]).buffer, new Uint8Array([0, 7, 6, 0]).subarray(1, 3));
          return sql.exec("SELECT data, typeof(data) AS type, t FROM b").toArray().map((r) => ({
            isArrayBuffer: r.data instanceof ArrayBuffer, bytes: [...new Uint8Array(r.data)], type: r.type, t: r.t }));
        }
        txn(fail) {
          const sql = this.ctx.storage.sql;
          sql.exec("CREATE TABLE IF NOT EXISTS t(v TEXT)");
          let error = null;
          let result = null;
          try {
            result = this.ctx.storage.transactionSync(() => {
              sql.exec("INSERT INTO t VALUES ('inside')");
              this.ctx.storage.put("k", "inside");
              if (fail) throw new Error("boom");
              return 42;
            });
          } catch (e) { error = e.message; }
          return { result, error, rows: sql.exec("SELECT count(*) AS n FROM t").one().n };
        }
        async kv() {
          const s = this.ctx.storage;
          s.sql.exec("CREATE TABLE k(v)");
          await s.put({ a: 1, b: new Map([["x", 2]]) });
          const before = [...(await s.list()).keys()];
          try { await s.transaction(async (txn) => { await txn.put("a", 99); s.sql.exec("INSERT INTO k VALUES (1)");
            throw new Error("undo"); }); } catch (e) {}
          const a = await s.get("a");
          const kRows = s.sql.exec("SELECT count(*) AS n FROM k").one().n;
          await s.setAlarm(Date.now() + 60_000);
          await s.deleteAll();
          return { before, a, kRows, after: (await s.list()).size, alarm: (await s.getAlarm()) !== null,
            tables: s.sql.exec("SELECT name FROM sqlite_master").toArray().length };
        }
        async count() { return this.ctx.storage.sql.exec("SELECT count(*) AS n FROM notes").one().n; }
      }
      export class Plain extends DurableObject {
        probe() {
          const out = { type: typeof this.ctx.storage.sql };
          try { this.ctx.storage.sql.exec("SELECT 1"); out.exec = "ok"; } catch (e) { out.exec = e.message; }
          return out;
        }
      }
      export default { fetch() { return new Response("ok"); } };
      """;

  Miniflare mf;
  DurableObjectNamespace notes;

  @BeforeEach
  void start() {
    mf = build(null);
    notes = mf.getDurableObjectNamespace("NOTES");
  }

  static Miniflare build(Snapshot initial) {
    Miniflare.Builder b = Miniflare.builder()
        .worker(w -> w.name("main").modules(true).script(WORKER).sqliteDurableObjects("Notes")
            .durableObject("NOTES", "Notes").durableObject("PLAIN", "Plain"));
    if (initial != null) {
      b.initialState(initial);
    }
    return b.build();
  }

  @AfterEach
  void stop() {
    mf.close();
  }

  DurableObjectStub note(String name) {
    return notes.getByName(name);
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> exec(String name, String query, Object... bindings) {
    Object[] args = new Object[bindings.length + 1];
    args[0] = query;
    System.arraycopy(bindings, 0, args, 1, bindings.length);
    return note(name).call("exec", Map.class, args);
  }

  String error(String name, String query, Object... bindings) {
    Object[] args = new Object[bindings.length + 1];
    args[0] = query;
    System.arraycopy(bindings, 0, args, 1, bindings.length);
    return note(name).call("error", String.class, args);
  }

  @Test
  void createInsertAndSelectWithBindings() {
    Map<String, Object> created = exec("a", "CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT, score REAL)");
    assertThat(created).containsEntry("rows", List.of()).containsEntry("columns", List.of());
    Map<String, Object> inserted = exec("a", "INSERT INTO notes(text, score) VALUES (?, ?), (?, ?)",
        "first", 1.5, "second", null);
    assertThat(inserted).containsEntry("rowsWritten", 2);
    Map<String, Object> selected = exec("a", "SELECT id, text, score FROM notes WHERE id >= ? ORDER BY id", 1);
    Map<String, Object> second = new java.util.HashMap<>();
    second.put("id", 2);
    second.put("text", "second");
    second.put("score", null);
    assertThat(selected.get("rows")).isEqualTo(List.of(Map.of("id", 1, "text", "first", "score", 1.5), second));
    assertThat(selected).containsEntry("columns", List.of("id", "text", "score")).containsEntry("rowsRead", 2)
        .containsEntry("rowsWritten", 0);
    // JS numbers are bound as REAL, like workerd; booleans as their string form.
    assertThat(exec("a", "SELECT typeof(?) AS n, ? AS b", 1, true).get("rows"))
        .isEqualTo(List.of(Map.of("n", "real", "b", "true")));
    Map<String, Object> returning = exec("a", "INSERT INTO notes(text) VALUES (?) RETURNING id, text", "third");
    assertThat(returning.get("rows")).isEqualTo(List.of(Map.of("id", 3, "text", "third")));
    assertThat(returning).containsEntry("rowsWritten", 1);
    // Other objects have their own database.
    assertThat(error("b", "SELECT * FROM notes")).isEqualTo("Error: no such table: notes: SQLITE_ERROR");
  }

  @Test
  void cursorMethodsBehaveLikeWorkerd() {
    @SuppressWarnings("unchecked")
    Map<String, Object> r = note("c").call("cursor", Map.class);
    assertThat(r.get("it")).isEqualTo(List.of("a", "b", "c"));
    assertThat(r.get("first")).isEqualTo(Map.of("done", false, "value", Map.of("id", 1, "name", "a")));
    assertThat(r.get("rest")).isEqualTo(List.of(List.of(2, "b", 2), List.of(3, "c", 3)));
    assertThat(r.get("after")).isEqualTo(Map.of("done", true));
    assertThat(r.get("columns")).isEqualTo(List.of("id", "name", "id"));
    assertThat(r.get("tag")).isEqualTo("[object Cursor]");
    assertThat(r.get("one")).isEqualTo(Map.of("name", "b"));
    assertThat(r.get("none")).isEqualTo("Expected exactly one result from SQL query, but got no results.");
    assertThat(r.get("many")).isEqualTo("Expected exactly one result from SQL query, but got multiple results.");
    assertThat(r.get("rawArray")).isEqualTo(List.of(List.of(1), List.of(2), List.of(3)));
    assertThat(((Number) r.get("size")).longValue()).isGreaterThanOrEqualTo(4096);
  }

  @Test
  void blobsRoundTripAsArrayBuffers() {
    List<?> rows = note("blob").call("blob", List.class);
    assertThat(rows).isEqualTo(List.of(
        Map.of("isArrayBuffer", true, "bytes", List.of(1, 2, 255), "type", "blob", "t", "u8"),
        Map.of("isArrayBuffer", true, "bytes", List.of(9, 8), "type", "blob", "t", "ab"),
        Map.of("isArrayBuffer", true, "bytes", List.of(7, 6), "type", "blob", "t", "view")));
  }

  @Test
  void severalStatementsInOneExecReturnTheLastOnesRows() {
    Map<String, Object> r = exec("m", """
        CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT);
        -- a comment; with a semicolon
        INSERT INTO notes(text) VALUES ('x;y'), ('z');
        CREATE TRIGGER tr AFTER DELETE ON notes BEGIN INSERT INTO notes(text) VALUES ('gone'); END;
        SELECT text FROM notes WHERE id > ? ORDER BY id;
        """, 0);
    assertThat(r.get("rows")).isEqualTo(List.of(Map.of("text", "x;y"), Map.of("text", "z")));
    assertThat(r.get("columns")).isEqualTo(List.of("text"));
    assertThat(exec("m", "DELETE FROM notes WHERE text = 'z'; SELECT text FROM notes ORDER BY id").get("rows"))
        .isEqualTo(List.of(Map.of("text", "x;y"), Map.of("text", "gone")));
    assertThat(error("m", "SELECT ?; SELECT ? AS x", 1, 2)).isEqualTo("Error: When executing multiple SQL statements"
        + " in a single call, only the last statement can have parameters.");
    assertThat(error("m", "SELECT ?, ?", 1)).isEqualTo("Error: Wrong number of parameter bindings for SQL query.");
    assertThat(error("m", " ; -- nothing")).isEqualTo("Error: SQL code did not contain a statement.");
  }

  @Test
  void errorsAreWordedAsWorkerdWordsThem() {
    assertThat(error("e", "SELEC 1")).isEqualTo("Error: near \"SELEC\": syntax error at offset 0: SQLITE_ERROR");
    assertThat(error("e", "SELECT 1;\n  SELEC 2"))
        .isEqualTo("Error: near \"SELEC\": syntax error at offset 0: SQLITE_ERROR");
    assertThat(error("e", "SELECT nocol")).isEqualTo("Error: no such column: nocol at offset 7: SQLITE_ERROR");
    assertThat(error("e", "SELECT * FROM nope")).isEqualTo("Error: no such table: nope: SQLITE_ERROR");
    exec("e", "CREATE TABLE u(id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL); INSERT INTO u VALUES (1, 'a')");
    assertThat(error("e", "INSERT INTO u(name) VALUES ('a')")).isEqualTo(
        "Error: UNIQUE constraint failed: u.name: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_UNIQUE)");
    assertThat(error("e", "INSERT INTO u(id, name) VALUES (1, 'b')")).isEqualTo(
        "Error: UNIQUE constraint failed: u.id: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_PRIMARYKEY)");
    assertThat(error("e", "INSERT INTO u(name) VALUES (NULL)")).isEqualTo(
        "Error: NOT NULL constraint failed: u.name: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_NOTNULL)");
    assertThat(error("e", "CREATE TABLE u(x)")).isEqualTo("Error: table u already exists at offset 13: SQLITE_ERROR");
    String useApi = "Error: To execute a transaction, please use the state.storage.transaction() or"
        + " state.storage.transactionSync() APIs instead of the SQL BEGIN TRANSACTION or SAVEPOINT statements."
        + " The JavaScript API is safer because it will automatically roll back on exceptions, and because it"
        + " interacts correctly with Durable Objects' automatic atomic write coalescing.";
    assertThat(error("e", "BEGIN TRANSACTION")).isEqualTo(useApi);
    assertThat(error("e", "/* c */ savepoint x")).isEqualTo(useApi);
    assertThat(error("e", "SELECT 1; COMMIT")).isEqualTo(useApi);
    assertThat(error("e", "PRAGMA user_version")).isEqualTo("Error: not authorized: SQLITE_AUTH");
    assertThat(error("e", "ATTACH DATABASE 'x' AS y")).isEqualTo("Error: not authorized: SQLITE_AUTH");
    assertThat(error("e", "CREATE TABLE _cf_mine(a)")).isEqualTo("Error: not authorized: SQLITE_AUTH");
    assertThat(exec("e", "PRAGMA table_info(u)").get("rows")).asList().hasSize(2);
    // Foreign keys are enforced, as on Cloudflare.
    assertThat(exec("e", "PRAGMA foreign_keys").get("rows")).isEqualTo(List.of(Map.of("foreign_keys", 1)));
  }

  @Test
  void transactionSyncRollsBackWhenTheClosureThrows() {
    @SuppressWarnings("unchecked")
    Map<String, Object> failed = note("t").call("txn", Map.class, true);
    assertThat(failed).containsEntry("error", "boom").containsEntry("rows", 0);
    assertThat(note("t").storage().get("k", String.class)).isNull();
    @SuppressWarnings("unchecked")
    Map<String, Object> ok = note("t").call("txn", Map.class, false);
    assertThat(ok).containsEntry("result", 42).containsEntry("rows", 1);
    assertThat(note("t").storage().get("k", String.class)).isEqualTo("inside");
  }

  @Test
  void keyValueApiWorksOnSqliteObjectsAndDeleteAllDropsTables() {
    @SuppressWarnings("unchecked")
    Map<String, Object> r = note("kv").call("kv", Map.class);
    assertThat(r.get("before")).isEqualTo(List.of("a", "b"));
    assertThat(r).containsEntry("a", 1).containsEntry("kRows", 0).containsEntry("after", 0)
        .containsEntry("alarm", true).containsEntry("tables", 0);
    assertThat(notes.listIds()).isEmpty();
  }

  @Test
  void sqlOnAKeyValueObjectThrowsWorkerdsMessage() {
    DurableObjectNamespace plain = mf.getDurableObjectNamespace("PLAIN");
    @SuppressWarnings("unchecked")
    Map<String, Object> r = plain.getByName("p").call("probe", Map.class);
    assertThat(r).containsEntry("type", "object");
    assertThat((String) r.get("exec")).startsWith("SQL is not enabled for this Durable Object class. To enable it,"
        + " change `new_classes` to `new_sqlite_classes`");
    assertThatThrownBy(() -> plain.storage(plain.idFromName("p")).sql("SELECT 1"))
        .isInstanceOf(SqlStorageException.class).hasMessageStartingWith("SQL is not enabled");
    assertThat(plain.storage(plain.idFromName("p")).isSqlite()).isFalse();
  }

  @Test
  void javaViewSeedsAndInspectsRowsWithoutTheInstance() {
    DurableObjectStorageView view = notes.storage(notes.idFromName("j"));
    assertThat(view.isSqlite()).isTrue();
    view.sql("CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT, data BLOB)");
    view.sql("INSERT INTO notes(text, data) VALUES (?, ?), (?, ?)", "seeded", new byte[] {1, 2}, "two", null);
    assertThat(note("j").call("count", Integer.class)).isEqualTo(2);
    exec("j", "INSERT INTO notes(text) VALUES ('from js')");
    List<Map<String, Object>> rows = view.sql("SELECT id, text, data FROM notes ORDER BY id");
    assertThat(rows).extracting(m -> m.get("text")).containsExactly("seeded", "two", "from js");
    assertThat(rows.get(0).get("id")).isEqualTo(1L);
    assertThat((byte[]) rows.get(0).get("data")).containsExactly(1, 2);
    assertThatThrownBy(() -> view.sql("SELEC"))
        .isInstanceOf(SqlStorageException.class).hasMessage("near \"SELEC\": syntax error at offset 0: SQLITE_ERROR");
    assertThat(notes.listIds()).extracting(DurableObjectId::hex).containsExactly(notes.idFromName("j").hex());
  }

  @Test
  void rollbackRestoresTheRowsOfTheSnapshot() {
    exec("r", "CREATE TABLE notes(text TEXT); INSERT INTO notes VALUES ('first')");
    Snapshot s = mf.snapshot();
    exec("r", "INSERT INTO notes VALUES ('second'); CREATE TABLE later(x)");
    assertThat(note("r").call("count", Integer.class)).isEqualTo(2);
    mf.rollback(s);
    mf.resetDurableObjects();
    assertThat(exec("r", "SELECT text FROM notes").get("rows")).isEqualTo(List.of(Map.of("text", "first")));
    assertThat(error("r", "SELECT * FROM later")).isEqualTo("Error: no such table: later: SQLITE_ERROR");
    // Rolling back to the same snapshot again (a second test) works too.
    exec("r", "INSERT INTO notes VALUES ('third')");
    mf.rollback(s);
    assertThat(notes.storage(notes.idFromName("r")).sql("SELECT count(*) AS n FROM notes"))
        .isEqualTo(List.of(Map.of("n", 1L)));
  }

  @Test
  void branchesFromOneSnapshotDoNotSeeEachOthersRows() throws Exception {
    exec("s", "CREATE TABLE notes(text TEXT); INSERT INTO notes VALUES ('base')");
    Snapshot base = mf.snapshot();
    try (Miniflare left = build(base); Miniflare right = build(base)) {
      DurableObjectNamespace l = left.getDurableObjectNamespace("NOTES");
      DurableObjectNamespace r = right.getDurableObjectNamespace("NOTES");
      Thread t = new Thread(() -> l.getByName("s").call("exec", Map.class, "INSERT INTO notes VALUES ('left')"));
      t.start();
      r.getByName("s").call("exec", Map.class, "INSERT INTO notes VALUES ('right')");
      t.join();
      assertThat(l.storage(l.idFromName("s")).sql("SELECT text FROM notes ORDER BY rowid"))
          .extracting(m -> m.get("text")).containsExactly("base", "left");
      assertThat(r.storage(r.idFromName("s")).sql("SELECT text FROM notes ORDER BY rowid"))
          .extracting(m -> m.get("text")).containsExactly("base", "right");
      // A branch of a branch carries the branch's rows.
      try (Miniflare deeper = build(left.snapshot())) {
        DurableObjectNamespace d = deeper.getDurableObjectNamespace("NOTES");
        assertThat(d.storage(d.idFromName("s")).sql("SELECT count(*) AS n FROM notes"))
            .isEqualTo(List.of(Map.of("n", 2L)));
      }
    }
    assertThat(note("s").call("count", Integer.class)).isEqualTo(1);
  }

  @Test
  void wranglerNewSqliteClassesMakeAClassSqliteBacked(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("index.js"), WORKER);
    Path config = dir.resolve("wrangler.toml");
    Files.writeString(config, """
        name = "sql"
        main = "index.js"
        [[durable_objects.bindings]]
        name = "NOTES"
        class_name = "Notes"
        [[durable_objects.bindings]]
        name = "PLAIN"
        class_name = "Plain"
        [[migrations]]
        tag = "v1"
        new_sqlite_classes = ["Notes"]
        new_classes = ["Plain"]
        """);
    try (Miniflare w = Miniflare.builder().wranglerConfig(config, null).build()) {
      DurableObjectNamespace n = w.getDurableObjectNamespace("NOTES");
      @SuppressWarnings("unchecked")
      Map<String, Object> r = n.getByName("x").call("exec", Map.class, "SELECT 1 AS one");
      assertThat(r.get("rows")).isEqualTo(List.of(Map.of("one", 1)));
      DurableObjectNamespace p = w.getDurableObjectNamespace("PLAIN");
      assertThat(p.storage(p.idFromName("x")).isSqlite()).isFalse();
    }
  }
}
