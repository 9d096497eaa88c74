package dev.miniflare.storage;

import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConnection;

/**
 * One SQLite database kept inside a {@link Storage} (a SQLite-backed Durable Object's {@code ctx.storage.sql}).
 *
 * <p>While in use the database is an in-memory SQLite connection owned by the storage it was opened from; its
 * durable form is the serialised database file, stored as one value in the storage's persistent map. That makes
 * snapshots, rollback and {@link Storage#fromSnapshot branches} cover SQL data exactly like KV data:
 * {@link Storage#snapshot()} first serialises the databases written since the last snapshot, a branch opens its own
 * connection from the bytes in its own state, and {@link Storage#rollback} closes live connections so the next use
 * reloads the rolled-back bytes. A database that was only read is never serialised again.
 *
 * <p>All methods are synchronised: the object's isolate runs queries while a test thread may take a snapshot.
 */
public final class SqlDatabase {
  /** Work done with the open connection. */
  @FunctionalInterface
  public interface Work<T> {
    /** Runs with the connection (auto-commit unless the work opened a savepoint). */
    T run(SQLiteConnection connection) throws SQLException;
  }

  static final String ENTRY = "db";

  private final Storage storage;
  private final String key;
  private SQLiteConnection connection;
  private boolean dirty;

  SqlDatabase(Storage storage, String key) {
    this.storage = storage;
    this.key = key;
  }

  /**
   * Runs {@code work} on the live connection, opening it from the stored bytes first if needed. Work that may
   * have changed the database must call {@link #markDirty()} so the next snapshot serialises it.
   */
  public synchronized <T> T use(Work<T> work) throws SQLException {
    SQLiteConnection c = open();
    return work.run(c);
  }

  /** The storage key ("kind:id") of this database. */
  String key() {
    return key;
  }

  /** Marks the database as changed since the last snapshot. */
  public synchronized void markDirty() {
    dirty = true;
  }

  /** The size of the database in bytes (page count times page size, at least one page). */
  public synchronized long size() throws SQLException {
    SQLiteConnection c = open();
    try (Statement s = c.createStatement()) {
      long pages = longOf(s, "PRAGMA page_count");
      long pageSize = longOf(s, "PRAGMA page_size");
      return Math.max(1, pages) * pageSize;
    }
  }

  /** Drops every table: the connection is closed and the stored bytes removed. */
  public synchronized void clear() {
    closeConnection();
    dirty = false;
    storage.update(key, m -> m.minus(ENTRY));
    storage.writeThrough(key, ENTRY, null);
  }

  private static long longOf(Statement s, String query) throws SQLException {
    try (ResultSet rs = s.executeQuery(query)) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private SQLiteConnection open() throws SQLException {
    if (connection != null) {
      return connection;
    }
    SQLiteConnection c = (SQLiteConnection) DriverManager.getConnection("jdbc:sqlite::memory:");
    try {
      StoredValue stored = storage.read(key).get(ENTRY);
      if (stored != null) {
        c.deserialize("main", stored.value());
      }
      try (Statement s = c.createStatement()) {
        // Cloudflare enables foreign key enforcement on Durable Object databases.
        s.execute("PRAGMA foreign_keys = ON");
      }
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
    connection = c;
    return c;
  }

  /** Serialises the database into the storage's current state if it changed (called by {@link Storage}). */
  synchronized void flush() {
    if (!dirty || connection == null) {
      return;
    }
    dirty = false;
    try {
      boolean empty;
      try (Statement s = connection.createStatement()) {
        empty = longOf(s, "SELECT count(*) FROM sqlite_schema") == 0;
      }
      if (empty) {
        storage.update(key, m -> m.minus(ENTRY));
        storage.writeThrough(key, ENTRY, null);
      } else {
        byte[] bytes = connection.serialize("main");
        StoredValue value = new StoredValue(bytes, null, 0);
        storage.update(key, m -> m.plus(ENTRY, value));
        storage.writeThrough(key, ENTRY, value);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot serialise SQLite database " + key, e);
    }
  }

  /** Forgets the live connection, so the next use reloads from the storage's (rolled-back) state. */
  synchronized void invalidate() {
    closeConnection();
    dirty = false;
  }

  /** Closes the connection (the storage is closing). */
  synchronized void close() {
    closeConnection();
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // an in-memory database has nothing to lose on close
      }
      connection = null;
    }
  }
}
