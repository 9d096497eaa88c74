package dev.miniflare.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * <p>When its kind is persisted the database lives in a file instead ({@code db.sqlite} in the namespace's
 * folder, WAL journal), so every statement that returned is on disk and survives the process being killed; the
 * serialised bytes in the storage's state are then only refreshed for snapshots, and a rollback rewrites the file
 * from them. Without persistence (tests) it stays in memory, with the O(1) snapshot and rollback above.
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
  /** Name of a persisted database's file in its namespace's folder. */
  static final String FILE_NAME = "db.sqlite";

  private final Storage storage;
  private final String key;
  private final Path file;
  private final boolean forceWrites;
  private SQLiteConnection connection;
  private boolean dirty;
  /** The file must be rewritten from the storage's state before the next use (after a rollback). */
  private boolean restorePending;

  SqlDatabase(Storage storage, String key, Path file, boolean forceWrites) {
    this.storage = storage;
    this.key = key;
    this.file = file;
    this.forceWrites = forceWrites;
  }

  /** Whether this database lives in a file (its kind is persisted). */
  boolean isFileBacked() {
    return file != null;
  }

  /**
   * The bytes of the persisted database {@code file} (its write-ahead log included), or null when it has no schema
   * objects or does not exist.
   */
  static byte[] readFile(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try (SQLiteConnection c = (SQLiteConnection) DriverManager.getConnection("jdbc:sqlite:" + file)) {
      try (Statement s = c.createStatement()) {
        if (longOf(s, "SELECT count(*) FROM sqlite_schema") == 0) {
          return null;
        }
      }
      return c.serialize("main");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the SQLite database " + file + ": " + e.getMessage(), e);
    }
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
    if (file != null) {
      restorePending = false;
      deleteFiles();
    } else {
      storage.writeThrough(key, ENTRY, null);
    }
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
    if (file != null) {
      return openFile();
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

  private SQLiteConnection openFile() throws SQLException {
    if (restorePending || !Files.exists(file)) {
      // After a rollback (or for a database stored by an older version as one entry) the state is the truth.
      StoredValue stored = storage.read(key).get(ENTRY);
      deleteFiles();
      if (stored != null) {
        try {
          Files.createDirectories(file.getParent());
          Path temp = file.resolveSibling(FILE_NAME + ".tmp");
          Files.write(temp, stored.value());
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
          throw new SQLException("cannot write the SQLite database " + file + ": " + e.getMessage(), e);
        }
      }
      restorePending = false;
      storage.dropLegacyEntry(key, ENTRY);
    }
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new SQLException("cannot create the folder of " + file + ": " + e.getMessage(), e);
    }
    SQLiteConnection c = (SQLiteConnection) DriverManager.getConnection("jdbc:sqlite:" + file);
    try (Statement s = c.createStatement()) {
      // WAL: a commit appends to the log, which the OS keeps when the process is killed; FULL also forces it to
      // the device on every commit (power-loss durability, when asked for).
      s.execute("PRAGMA journal_mode = WAL");
      s.execute("PRAGMA synchronous = " + (forceWrites ? "FULL" : "NORMAL"));
      s.execute("PRAGMA foreign_keys = ON");
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
    connection = c;
    return c;
  }

  private void deleteFiles() {
    for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
      try {
        Files.deleteIfExists(file.resolveSibling(FILE_NAME + suffix));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("cannot delete the SQLite database " + file, e);
      }
    }
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
      // A file-backed database is already durable: only the in-memory state is refreshed.
      if (empty) {
        storage.update(key, m -> m.minus(ENTRY));
        if (file == null) {
          storage.writeThrough(key, ENTRY, null);
        }
      } else {
        byte[] bytes = connection.serialize("main");
        StoredValue value = new StoredValue(bytes, null, 0);
        storage.update(key, m -> m.plus(ENTRY, value));
        if (file == null) {
          storage.writeThrough(key, ENTRY, value);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot serialise SQLite database " + key, e);
    }
  }

  /** Forgets the live connection, so the next use reloads from the storage's (rolled-back) state. */
  synchronized void invalidate() {
    closeConnection();
    dirty = false;
    restorePending = file != null;
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
        // nothing to lose: committed data is already in the file (or the database was in memory)
      }
      connection = null;
    }
  }
}
