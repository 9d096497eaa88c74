package dev.miniflare.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** One namespace of a {@link Storage} (a KV namespace, say): a sorted map of string keys to {@link StoredValue}s. */
public final class StorageNamespace {
  private final Storage storage;
  private final String key;
  private final String id;
  private final FilePersistence persistence;

  StorageNamespace(Storage storage, String key, String id, FilePersistence persistence) {
    this.storage = storage;
    this.key = key;
    this.id = id;
    this.persistence = persistence;
  }

  /** The namespace id. */
  public String id() {
    return id;
  }

  /** The entry for {@code name}, or {@code null}. */
  public StoredValue get(String name) {
    return storage.read(key).get(name);
  }

  /** Stores an entry (written through to disk when persisted). */
  public void put(String name, StoredValue value) {
    if (!storage.acceptsWrites(key)) {
      return;
    }
    storage.update(key, m -> m.plus(name, value));
    if (persistence != null) {
      persistence.write(id, name, value);
    }
  }

  /** Removes an entry; returns whether it existed. */
  public boolean delete(String name) {
    if (!storage.acceptsWrites(key)) {
      return false;
    }
    boolean[] existed = {false};
    storage.update(key, m -> {
      existed[0] = m.containsKey(name);
      return m.minus(name);
    });
    if (persistence != null) {
      persistence.delete(id, name);
    }
    return existed[0];
  }

  /**
   * Up to {@code limit} entries in UTF-8 key order whose keys start with {@code prefix} and come strictly after
   * {@code after} (null for the beginning), skipping entries for which {@code skip} holds.
   */
  public List<Map.Entry<String, StoredValue>> list(String prefix, String after, int limit,
      java.util.function.Predicate<StoredValue> skip) {
    SortedMap<String, StoredValue> map = storage.read(key);
    String from = after != null && Utf8Order.INSTANCE.compare(after, prefix) >= 0 ? after : prefix;
    SortedMap<String, StoredValue> tail = map.tailMap(from);
    List<Map.Entry<String, StoredValue>> out = new ArrayList<>(Math.min(limit, 64));
    for (Map.Entry<String, StoredValue> e : tail.entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        break;
      }
      if (after != null && e.getKey().equals(after)) {
        continue;
      }
      if (skip.test(e.getValue())) {
        continue;
      }
      if (out.size() == limit) {
        out.add(e); // one more than asked: tells the caller the listing is incomplete
        break;
      }
      out.add(e);
    }
    return out;
  }

  /** The namespace's entries now: an immutable sorted map (later writes do not change it). */
  public org.pcollections.PSortedMap<String, StoredValue> entries() {
    return storage.read(key);
  }

  /**
   * Replaces the namespace's entries with an earlier state of them (a transaction's rollback); on disk too, so
   * a rolled-back write cannot reappear after a restart.
   */
  public void restore(org.pcollections.PSortedMap<String, StoredValue> state) {
    replaceAll(state);
  }

  /** Removes every entry (and its file when persisted). */
  public void clear() {
    replaceAll(storage.read(key).minusAll(storage.read(key).keySet()));
  }

  private void replaceAll(org.pcollections.PSortedMap<String, StoredValue> state) {
    if (!storage.acceptsWrites(key)) {
      return;
    }
    @SuppressWarnings("unchecked")
    org.pcollections.PSortedMap<String, StoredValue>[] previous = new org.pcollections.PSortedMap[1];
    storage.update(key, m -> {
      previous[0] = m;
      return state;
    });
    if (persistence != null) {
      persistence.sync(id, previous[0], state);
    }
  }

  /** Number of entries, including expired ones not yet removed. */
  public int size() {
    return storage.read(key).size();
  }
}
