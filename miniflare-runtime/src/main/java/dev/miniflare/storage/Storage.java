package dev.miniflare.storage;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.PSortedMap;
import org.pcollections.TreePMap;

/**
 * All persistent state of one Miniflare instance (every KV namespace, Durable Object storage including SQLite
 * databases ({@link SqlDatabase}), and later R2 and cache), held as one persistent sorted map per namespace under
 * a single root. Snapshots keep the root and rollback restores it, both O(1) whatever the data size; concurrent
 * writers update the root with compare-and-set. Optional write-through {@link FilePersistence} keeps selected
 * kinds on disk.
 */
public final class Storage implements AutoCloseable {
  private static final PSortedMap<String, StoredValue> EMPTY = TreePMap.empty(Utf8Order.INSTANCE);

  private final AtomicReference<PMap<String, PSortedMap<String, StoredValue>>> root;
  private final Map<String, FilePersistence> persistenceByKind = new ConcurrentHashMap<>();
  private final Map<String, Boolean> loadedNamespaces = new ConcurrentHashMap<>();
  private final Map<String, SqlDatabase> databases = new ConcurrentHashMap<>();
  private volatile String discardedBy;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Storage.class);

  /** Empty storage. */
  public Storage() {
    this(HashTreePMap.empty());
  }

  private Storage(PMap<String, PSortedMap<String, StoredValue>> initial) {
    root = new AtomicReference<>(initial);
  }

  /** A new, independent storage starting from the snapshot (used to branch parallel tests). */
  public static Storage fromSnapshot(Snapshot snapshot) {
    return new Storage(snapshot.root);
  }

  /**
   * Persists every namespace of {@code kind} (e.g. "kv") under {@code directory}, loading what is there now (so
   * listings such as Durable Object ids see namespaces nobody has opened yet).
   */
  public void persist(String kind, java.nio.file.Path directory) {
    FilePersistence persistence = new FilePersistence(directory);
    persistenceByKind.put(kind, persistence);
    for (String id : persistence.namespaces()) {
      namespace(kind, id);
    }
  }

  /** Whether namespaces of this kind are persisted. */
  public boolean isPersisted(String kind) {
    return persistenceByKind.containsKey(kind);
  }

  /** The namespace {@code id} of {@code kind}; namespaces are created on first write. */
  public StorageNamespace namespace(String kind, String id) {
    String key = kind + ":" + id;
    FilePersistence persistence = persistenceByKind.get(kind);
    if (persistence != null && loadedNamespaces.putIfAbsent(key, Boolean.TRUE) == null) {
      PSortedMap<String, StoredValue> entries = persistence.load(id, EMPTY);
      // A persisted SQLite database's file (and its write-ahead log) is newer than any entry an older version left.
      byte[] database = SqlDatabase.readFile(persistence.namespaceDir(id).resolve(SqlDatabase.FILE_NAME));
      PSortedMap<String, StoredValue> loaded = database == null ? entries
          : entries.plus(SqlDatabase.ENTRY, new StoredValue(database, null, 0));
      if (!loaded.isEmpty()) {
        root.updateAndGet(r -> r.containsKey(key) ? r : r.plus(key, loaded));
      }
    }
    return new StorageNamespace(this, key, id, persistence);
  }

  /**
   * The SQLite database {@code id} of {@code kind} (e.g. a Durable Object's SQL storage), opened lazily from this
   * storage's state on first use. The handle stays valid across snapshots and rollbacks.
   */
  public SqlDatabase sqlDatabase(String kind, String id) {
    return databases.computeIfAbsent(kind + ":" + id, k -> {
      FilePersistence persistence = persistenceByKind.get(kind);
      if (persistence == null) {
        return new SqlDatabase(this, k, null, false);
      }
      namespace(kind, id); // loads what is on disk into the state first
      return new SqlDatabase(this, k, persistence.namespaceDir(id).resolve(SqlDatabase.FILE_NAME),
          persistence.forcesWrites());
    });
  }

  /** Deletes the one-entry form of a database that now lives in its own file (written by older versions). */
  void dropLegacyEntry(String key, String entry) {
    int colon = key.indexOf(':');
    FilePersistence persistence = persistenceByKind.get(key.substring(0, colon));
    if (persistence != null) {
      persistence.delete(key.substring(colon + 1), entry);
    }
  }

  PSortedMap<String, StoredValue> read(String key) {
    return root.get().getOrDefault(key, EMPTY);
  }

  /** Writes one entry of namespace {@code key} ("kind:id") through to disk if its kind is persisted. */
  void writeThrough(String key, String entry, StoredValue value) {
    int colon = key.indexOf(':');
    FilePersistence persistence = persistenceByKind.get(key.substring(0, colon));
    if (persistence == null) {
      return;
    }
    if (value == null) {
      persistence.delete(key.substring(colon + 1), entry);
    } else {
      persistence.write(key.substring(colon + 1), entry, value);
    }
  }

  /** Whether writes are still accepted (false after {@link #discard}). */
  boolean acceptsWrites(String namespaceKey) {
    String owner = discardedBy;
    if (owner == null) {
      return true;
    }
    LOG.warn("dropped a late write to {} from a discarded runtime ({}): work left running after its scope ended"
        + " (an un-awaited promise, waitUntil, or a timer) cannot reach later tests", namespaceKey, owner);
    return false;
  }

  /**
   * Discards this storage: every later write is dropped with a warning naming {@code owner} (e.g. the test whose
   * scope ended), so work a test left running can never leak into another test.
   */
  public void discard(String owner) {
    this.discardedBy = owner;
  }

  void update(String key, UnaryOperator<PSortedMap<String, StoredValue>> change) {
    root.updateAndGet(r -> {
      PSortedMap<String, StoredValue> next = change.apply(r.getOrDefault(key, EMPTY));
      return next.isEmpty() ? r.minus(key) : r.plus(key, next);
    });
  }

  /** Ids of the namespaces of {@code kind} that hold data. */
  public java.util.List<String> namespaceIds(String kind) {
    String prefix = kind + ":";
    java.util.List<String> out = new java.util.ArrayList<>();
    for (String key : root.get().keySet()) {
      if (key.startsWith(prefix)) {
        out.add(key.substring(prefix.length()));
      }
    }
    java.util.Collections.sort(out);
    return out;
  }

  /**
   * The current state: O(1), plus serialising the SQLite databases written since the previous snapshot (their
   * bytes become part of the state, so a snapshot or branch carries them).
   */
  public Snapshot snapshot() {
    for (SqlDatabase db : databases.values()) {
      db.flush();
    }
    return new Snapshot(root.get());
  }

  /**
   * Restores the state of the snapshot, O(1) in memory. Persisted namespaces are rewritten on disk to match
   * (proportional to the entries that differ).
   */
  public void rollback(Snapshot snapshot) {
    PMap<String, PSortedMap<String, StoredValue>> previous = root.getAndSet(snapshot.root);
    // Live SQL connections hold state newer than the snapshot: drop them; the next query reloads its bytes.
    for (SqlDatabase db : databases.values()) {
      db.invalidate();
    }
    if (persistenceByKind.isEmpty()) {
      return;
    }
    java.util.Set<String> keys = new java.util.HashSet<>(previous.keySet());
    keys.addAll(snapshot.root.keySet());
    for (String key : keys) {
      SqlDatabase db = databases.get(key);
      if (db != null && db.isFileBacked()) {
        continue; // its file is rewritten from the rolled-back state when next used
      }
      int colon = key.indexOf(':');
      FilePersistence persistence = persistenceByKind.get(key.substring(0, colon));
      if (persistence != null) {
        persistence.sync(key.substring(colon + 1), previous.getOrDefault(key, EMPTY),
            snapshot.root.getOrDefault(key, EMPTY));
      }
    }
  }

  @Override
  public void close() {
    // Persisted databases are files already up to date; in-memory ones have nothing to keep.
    for (SqlDatabase db : databases.values()) {
      db.close();
    }
  }
}
