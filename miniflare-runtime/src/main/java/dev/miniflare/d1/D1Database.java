package dev.miniflare.d1;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A D1 database from Java: seed tables before a test, read what a worker wrote, or clear data, while workers use
 * the same database through their binding. Queries run exactly as a worker's do (same SQL checks, transactions
 * and {@code D1_ERROR} messages).
 *
 * <p>Values come back as {@link Long} (INTEGER), {@link Double} (REAL), {@link String}, {@code byte[]} (BLOB) or
 * {@code null}. Bindings may be any {@link Number} (integers bind as INTEGER, others as REAL), {@link Boolean}
 * (1 or 0), {@link String}, {@code byte[]} or {@code null}; parameters are positional ({@code ?} or {@code ?NNN}).
 *
 * <pre>{@code
 * D1Database db = mf.d1Database("api", "DB");
 * db.exec("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)");
 * db.execute("INSERT INTO users (name) VALUES (?)", "ann");
 * assertThat(db.query("SELECT name FROM users")).containsExactly(Map.of("name", "ann"));
 * }</pre>
 *
 * <p>A schema kept as wrangler migrations is applied with {@link #applyMigrations(Path)}, typically in
 * {@code @BeforeAll} so every test of the class starts from it.
 */
public final class D1Database {
  private final D1Store store;
  private final Path migrationsDir;

  /** A handle on the store (see {@code Miniflare#d1Database}). */
  public D1Database(D1Store store) {
    this(store, null);
  }

  /** A handle on the store whose binding has a {@code migrations_dir} (null: none known). */
  public D1Database(D1Store store, Path migrationsDir) {
    this.store = store;
    this.migrationsDir = migrationsDir;
  }

  /** The database id. */
  public String id() {
    return store.id();
  }

  /**
   * Runs SQL like the binding's {@code exec}: every line (and every statement of a line) runs, all in one
   * transaction. Returns the number of lines run.
   *
   * @throws D1Exception with a {@code D1_EXEC_ERROR} message when a statement fails (nothing is applied)
   */
  public int exec(String sql) {
    String[] lines = sql.trim().split("\n", -1);
    List<D1Store.Query> queries = new ArrayList<>(lines.length);
    for (String line : lines) {
      queries.add(new D1Store.Query(line, List.of()));
    }
    try {
      return store.run(queries).size();
    } catch (D1Exception e) {
      throw new D1Exception("D1_EXEC_ERROR", "Error in line 1: " + lines[0] + ": " + e.causeMessage());
    }
  }

  /** Runs a query and returns its rows, each a map from column name to value in column order. */
  public List<Map<String, Object>> query(String sql, Object... bindings) {
    D1Store.Result r = run(sql, bindings);
    List<Map<String, Object>> out = new ArrayList<>(r.rows().size());
    for (Object[] row : r.rows()) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (int i = 0; i < row.length; i++) {
        m.put(r.columns().get(i), row[i]);
      }
      out.add(m);
    }
    return out;
  }

  /** The rows of a query as arrays of values in column order. */
  public List<Object[]> raw(String sql, Object... bindings) {
    return run(sql, bindings).rows();
  }

  /** The first row of a query, or {@code null} when there is none. */
  public Map<String, Object> first(String sql, Object... bindings) {
    List<Map<String, Object>> rows = query(sql, bindings);
    return rows.isEmpty() ? null : rows.get(0);
  }

  /**
   * Runs a statement (INSERT, UPDATE, DELETE, DDL) and returns the number of rows it changed.
   *
   * @throws D1Exception with workerd's {@code D1_ERROR} message when it fails
   */
  public long execute(String sql, Object... bindings) {
    return run(sql, bindings).meta().changes();
  }

  /** Runs a query and returns everything workerd reports about it (columns, rows, meta). */
  public D1Store.Result run(String sql, Object... bindings) {
    return store.run(List.of(new D1Store.Query(sql, params(bindings)))).get(0);
  }

  /** The table in which {@code wrangler d1 migrations apply} records applied migrations (its default name). */
  public static final String MIGRATIONS_TABLE = "d1_migrations";

  /**
   * Applies the binding's {@code migrations_dir} (known when the worker came from a wrangler config: its
   * {@code migrations_dir}, else {@code migrations} beside the config file), as {@link #applyMigrations(Path)}.
   *
   * @throws IllegalStateException when this database has no known migrations directory
   */
  public List<String> applyMigrations() {
    if (migrationsDir == null) {
      throw new IllegalStateException("no migrations directory is known for D1 database " + store.id()
          + " (it comes from a wrangler config's migrations_dir): pass one to applyMigrations(Path)");
    }
    return applyMigrations(migrationsDir);
  }

  /**
   * Applies the migrations of a directory that are not applied yet, like {@code wrangler d1 migrations apply
   * --local}: its {@code .sql} files in name order, each in one transaction together with its row in the
   * {@code d1_migrations} table, so a database migrated by wrangler and one migrated here agree. Stops at the
   * first failing migration (the ones before it stay applied).
   *
   * @param directory the {@code migrations_dir} (wrangler's default is {@code migrations} beside the config)
   * @return the names of the migrations applied now, in order
   * @throws D1Exception naming the migration file when one fails
   */
  public List<String> applyMigrations(Path directory) {
    return applyMigrations(directory, MIGRATIONS_TABLE);
  }

  /** As {@link #applyMigrations(Path)}, recording them in {@code table} (wrangler's {@code migrations_table}). */
  public List<String> applyMigrations(Path directory, String table) {
    if (!table.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("invalid migrations table name \"" + table + "\"");
    }
    List<Path> files = migrationFiles(directory);
    run("CREATE TABLE IF NOT EXISTS " + table + "(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE,"
        + " applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)");
    Set<String> applied = new HashSet<>();
    for (Object[] row : raw("SELECT name FROM " + table)) {
      applied.add(String.valueOf(row[0]));
    }
    List<String> now = new ArrayList<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (applied.contains(name)) {
        continue;
      }
      String sql;
      try {
        sql = Files.readString(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read D1 migration " + file, e);
      }
      try {
        store.run(List.of(new D1Store.Query(sql, List.of()),
            new D1Store.Query("INSERT INTO " + table + " (name) VALUES (?)", List.of(name))));
      } catch (D1Exception e) {
        throw new D1Exception("D1_MIGRATION_ERROR", "migration " + file + " failed: " + e.getMessage());
      }
      now.add(name);
    }
    return now;
  }

  private static List<Path> migrationFiles(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException("the D1 migrations directory " + directory.toAbsolutePath()
          + " does not exist");
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.filter(p -> p.getFileName().toString().endsWith(".sql") && Files.isRegularFile(p))
          .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the D1 migrations directory " + directory, e);
    }
  }

  /** The serialised database file (as {@code sqlite3} writes it). */
  public byte[] dump() {
    return store.dump();
  }

  private static List<Object> params(Object[] bindings) {
    List<Object> out = new ArrayList<>(bindings.length);
    for (Object b : bindings) {
      if (b == null || b instanceof String || b instanceof Long || b instanceof Double || b instanceof byte[]) {
        out.add(b);
      } else if (b instanceof Integer || b instanceof Short || b instanceof Byte) {
        out.add(((Number) b).longValue());
      } else if (b instanceof Number n) {
        out.add(n.doubleValue());
      } else if (b instanceof Boolean x) {
        out.add(x ? 1L : 0L);
      } else {
        throw new D1Exception("D1_TYPE_ERROR", "Type '" + b.getClass().getName() + "' not supported for value '"
            + b + "'");
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "D1Database(" + store.id() + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof D1Database d && d.store == store;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(store);
  }
}
