package dev.miniflare.d1;

import dev.miniflare.durableobjects.SqlExecutor;
import dev.miniflare.durableobjects.SqlStorageException;
import dev.miniflare.storage.SqlDatabase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.sqlite.SQLiteConnection;

/**
 * One D1 database: runs groups of queries against a {@link SqlDatabase} the way Miniflare's D1 database object
 * does. A group (one statement, a {@code batch}, or the lines of an {@code exec}) runs in one transaction, so a
 * failing query rolls back the whole group; each query is a {@code ctx.storage.sql.exec} call (several statements
 * allowed, parameters only on the last one, numbers bound as REAL) and reports workerd's D1 meta.
 *
 * <p>Every worker binding the same database id gets a store over the same {@link SqlDatabase}, so they share data;
 * the database lives in the instance's storage, so snapshots, rollback and test branches cover it.
 */
public final class D1Store {
  /** Storage kind of D1 databases (one SQLite database per database id). */
  public static final String KIND = "d1";
  /** What {@code meta.served_by} says (Miniflare's wording). */
  static final String SERVED_BY = "miniflare.db";
  static final String NO_STATEMENTS = "No SQL statements detected.";
  /** Lines that are only a comment after leading blanks do not count as a query (Miniflare filters them). */
  private static final Pattern INDENTED_COMMENT = Pattern.compile("^\\s+--.*", Pattern.MULTILINE);

  /** A query and its parameters (Double, Long, String, byte[] or null). */
  public record Query(String sql, List<Object> params) {}

  /**
   * Counters of one query, as in workerd's {@code meta}.
   *
   * @param duration milliseconds spent
   * @param changes rows inserted, updated or deleted (triggers included)
   * @param lastRowId {@code last_insert_rowid()} after the query
   * @param changedDb whether the query changed the database
   * @param sizeAfter database size in bytes after the query
   * @param rowsRead rows read (approximated: rows returned plus rows changed by UPDATE and DELETE)
   * @param rowsWritten rows written
   */
  public record Meta(double duration, long changes, long lastRowId, boolean changedDb, long sizeAfter,
      long rowsRead, long rowsWritten) {}

  /**
   * One query's result.
   *
   * @param columns column names (duplicates kept)
   * @param rows rows of Long, Double, String, byte[] or null values
   * @param meta counters
   */
  public record Result(List<String> columns, List<Object[]> rows, Meta meta) {}

  private final String id;
  private final SqlDatabase db;
  /** Version handed out as session bookmark; every query advances it, like the commit token of a D1 replica. */
  private final AtomicLong version = new AtomicLong();

  /** A store over {@code db}, the database with id {@code id}. */
  public D1Store(String id, SqlDatabase db) {
    this.id = id;
    this.db = db;
  }

  /** The database id. */
  public String id() {
    return id;
  }

  /** The database. */
  public SqlDatabase database() {
    return db;
  }

  /** The bookmark of the latest query (D1 sessions). */
  String bookmark() {
    return String.format("%08x-%08x-%08x-%032x", 0, version.get(), 0, 0);
  }

  /**
   * Runs the queries in one transaction: all of them take effect, or (when one fails) none. Blank and
   * comment-only queries are skipped; nothing left is an error.
   *
   * @throws D1Exception with workerd's {@code D1_ERROR: ...} message
   */
  public List<Result> run(List<Query> queries) {
    List<Query> kept = new ArrayList<>();
    for (Query q : queries) {
      if (!INDENTED_COMMENT.matcher(q.sql()).replaceAll("").trim().isEmpty()) {
        kept.add(q);
      }
    }
    if (kept.isEmpty()) {
      throw new D1Exception("D1_ERROR", NO_STATEMENTS);
    }
    version.incrementAndGet();
    try {
      return db.use(c -> {
        internal(c, "SAVEPOINT _mf_d1");
        List<Result> out = new ArrayList<>(kept.size());
        try {
          for (Query q : kept) {
            out.add(runOne(c, q));
          }
        } catch (RuntimeException | SQLException e) {
          db.markDirty();
          internal(c, "ROLLBACK TO _mf_d1");
          internal(c, "RELEASE _mf_d1");
          throw e;
        }
        internal(c, "RELEASE _mf_d1");
        return out;
      });
    } catch (SqlStorageException e) {
      throw new D1Exception("D1_ERROR", e.getMessage());
    } catch (SQLException e) {
      throw new D1Exception("D1_ERROR", e.getMessage());
    }
  }

  private Result runOne(SQLiteConnection c, Query q) throws SQLException {
    long start = System.nanoTime();
    long sizeBefore = db.size();
    long changesBefore = c.getDatabase().total_changes();
    long rowIdBefore = lastRowId(c);
    SqlExecutor.Result r = SqlExecutor.exec(db, q.sql(), q.params());
    long changes = c.getDatabase().total_changes() - changesBefore;
    long rowId = lastRowId(c);
    long sizeAfter = db.size();
    boolean changed = changes != 0 || rowId != rowIdBefore || sizeAfter != sizeBefore;
    if (changed) {
      db.markDirty();
    }
    double duration = Math.floor((System.nanoTime() - start) / 1_000_000.0);
    Meta meta = new Meta(duration, changes, rowId, changed, sizeAfter, r.rowsRead() + (r.columns().isEmpty()
        ? changes : 0), r.rowsWritten());
    return new Result(r.columns(), r.rows(), meta);
  }

  private static long lastRowId(SQLiteConnection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /** Runs a statement of our own; a savepoint that is released unchanged leaves the database clean. */
  private static void internal(SQLiteConnection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** The database file's bytes (an empty database when nothing was created). */
  byte[] dump() {
    try {
      return db.use(c -> c.serialize("main"));
    } catch (SQLException e) {
      throw new D1Exception("D1_DUMP_ERROR", e.getMessage());
    }
  }
}
