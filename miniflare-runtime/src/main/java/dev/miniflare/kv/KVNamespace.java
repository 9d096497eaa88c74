package dev.miniflare.kv;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.miniflare.http.Json;
import dev.miniflare.storage.StoredValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Java-side access to a KV namespace: the same data the worker's binding sees, with the same limits and errors.
 * Safe to use from any thread while the worker runs. JSON variants use Jackson.
 *
 * <pre>{@code
 * kv.put("a", "3");
 * kv.putJson("user", new User("ada"));
 * User u = kv.getJson("user", User.class);
 * kv.put("session", "x", KVPutOptions.expirationTtl(60));
 * }</pre>
 */
public final class KVNamespace {
  private final KvStore store;

  /** A Java view of the store. */
  public KVNamespace(KvStore store) {
    this.store = store;
  }

  /** The store behind this namespace (used to hand it to a worker as its own binding). */
  public KvStore store() {
    return store;
  }

  /** The namespace id (namespaces with the same id share data). */
  public String id() {
    return store.id();
  }

  /** The value as UTF-8 text, or {@code null} when absent or expired. */
  public String get(String key) {
    StoredValue v = store.get(key);
    return v == null ? null : new String(v.value(), StandardCharsets.UTF_8);
  }

  /** The value as bytes, or {@code null}. */
  public byte[] getBytes(String key) {
    StoredValue v = store.get(key);
    return v == null ? null : v.value().clone();
  }

  /** The value parsed as JSON into {@code type}, or {@code null}. */
  public <T> T getJson(String key, Class<T> type) {
    String text = get(key);
    return text == null ? null : Json.read(text, type);
  }

  /** The value parsed as JSON into a generic type, or {@code null}. */
  public <T> T getJson(String key, TypeReference<T> type) {
    String text = get(key);
    return text == null ? null : Json.read(text, type);
  }

  /** The value with its metadata and expiration, or {@code null} when absent. */
  public KVEntry getWithMetadata(String key) {
    StoredValue v = store.get(key);
    return v == null ? null : toEntry(key, v, true);
  }

  /** Whether the key holds a live value. */
  public boolean containsKey(String key) {
    return store.get(key) != null;
  }

  /** Stores text. */
  public void put(String key, String value) {
    put(key, value.getBytes(StandardCharsets.UTF_8), KVPutOptions.none());
  }

  /** Stores text with expiry and/or metadata. */
  public void put(String key, String value, KVPutOptions options) {
    put(key, value.getBytes(StandardCharsets.UTF_8), options);
  }

  /** Stores bytes with expiry and/or metadata. */
  public void put(String key, byte[] value, KVPutOptions options) {
    String meta = options.metadata() == null ? null : Json.write(options.metadata());
    store.put(key, value.clone(), options.expiration() == null ? Double.NaN : options.expiration(),
        options.expirationTtl() == null ? Double.NaN : options.expirationTtl(), meta);
  }

  /** Stores a value serialised as JSON. */
  public void putJson(String key, Object value) {
    put(key, Json.write(value));
  }

  /** Deletes the key. */
  public void delete(String key) {
    store.delete(key);
  }

  /** The first page (up to 1000 keys). */
  public KVListResult list() {
    return list(KVListOptions.defaults());
  }

  /** A page of keys in UTF-8 byte order. */
  public KVListResult list(KVListOptions options) {
    KvStore.Page page = store.list(options.prefix(), options.limit(), options.cursor());
    List<KVEntry> keys = new ArrayList<>(page.entries().size());
    for (Map.Entry<String, StoredValue> e : page.entries()) {
      keys.add(toEntry(e.getKey(), e.getValue(), false));
    }
    return new KVListResult(List.copyOf(keys), page.complete(), page.cursor());
  }

  /** Every live key, following cursors. */
  public List<String> keys() {
    List<String> out = new ArrayList<>();
    String cursor = null;
    do {
      KVListResult r = list(new KVListOptions(null, 0, cursor));
      r.keys().forEach(k -> out.add(k.name()));
      cursor = r.listComplete() ? null : r.cursor();
    } while (cursor != null);
    return out;
  }

  private static KVEntry toEntry(String key, StoredValue v, boolean withValue) {
    JsonNode meta = v.metadata() == null ? null : Json.read(v.metadata(), JsonNode.class);
    return new KVEntry(key, withValue ? new String(v.value(), StandardCharsets.UTF_8) : null, meta,
        v.expiration() == 0 ? null : v.expiration());
  }

  @Override
  public String toString() {
    return "KVNamespace(" + id() + ")";
  }
}
