package dev.miniflare.r2;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Java-side access to an R2 bucket: the same objects the worker's binding sees, with the same limits and errors
 * ({@link R2Exception}). Safe to use from any thread while the worker runs.
 *
 * <pre>{@code
 * bucket.put("photos/cat.txt", "meow");
 * bucket.put("data.json", json.getBytes(UTF_8), R2PutOptions.http(R2HttpMetadata.contentType("application/json")));
 * String text = bucket.get("photos/cat.txt").orElseThrow().text();
 * List<String> keys = bucket.keys("photos/");
 * }</pre>
 */
public final class R2Bucket {
  private final R2Store store;

  /** A Java view of the store. */
  public R2Bucket(R2Store store) {
    this.store = store;
  }

  /** The store behind this bucket. */
  public R2Store store() {
    return store;
  }

  /** The bucket name (bindings naming the same bucket share its objects). */
  public String name() {
    return store.bucketName();
  }

  /** The object with its value, if present. */
  public Optional<R2Object> get(String key) {
    R2Store.Read read = store.get(key, null, null, null);
    return read == null ? Optional.empty() : Optional.of(new R2Object(read.entry(), true));
  }

  /** The object's metadata without its value, if present. */
  public Optional<R2Object> head(String key) {
    R2Store.Entry e = store.head(key);
    return e == null ? Optional.empty() : Optional.of(new R2Object(e, false));
  }

  /** Whether an object is stored under the key. */
  public boolean containsKey(String key) {
    return store.head(key) != null;
  }

  /** Stores UTF-8 text. */
  public R2Object put(String key, String value) {
    return put(key, value.getBytes(StandardCharsets.UTF_8), R2PutOptions.none());
  }

  /** Stores bytes. */
  public R2Object put(String key, byte[] value) {
    return put(key, value, R2PutOptions.none());
  }

  /** Stores bytes with HTTP and/or custom metadata; returns the stored object (without body). */
  public R2Object put(String key, byte[] value, R2PutOptions options) {
    Map<String, Object> http = null;
    R2HttpMetadata h = options.httpMetadata();
    if (h != null) {
      http = new LinkedHashMap<>();
      putIfSet(http, "contentType", h.contentType());
      putIfSet(http, "contentLanguage", h.contentLanguage());
      putIfSet(http, "contentDisposition", h.contentDisposition());
      putIfSet(http, "contentEncoding", h.contentEncoding());
      putIfSet(http, "cacheControl", h.cacheControl());
      if (h.cacheExpiry() != null) {
        http.put("cacheExpiry", h.cacheExpiry().toEpochMilli());
      }
    }
    return new R2Object(store.put(key, value.clone(), http, options.customMetadata(), null, null), false);
  }

  private static void putIfSet(Map<String, Object> m, String field, String value) {
    if (value != null) {
      m.put(field, value);
    }
  }

  /** Deletes objects (absent keys are fine). */
  public void delete(String... keys) {
    store.delete(List.of(keys));
  }

  /** The first page (up to 1000 objects) of keys starting with {@code prefix} (null for all). */
  public R2ListResult list(String prefix) {
    return list(prefix, null, null);
  }

  /** A page of objects starting with {@code prefix}, after {@code cursor}, grouped by {@code delimiter}. */
  public R2ListResult list(String prefix, String cursor, String delimiter) {
    R2Store.Page page = store.list(new R2Store.ListOptions(prefix, null, cursor, delimiter, null, false, false));
    List<R2Object> objects = new ArrayList<>(page.objects().size());
    page.objects().forEach(e -> objects.add(new R2Object(e, false)));
    return new R2ListResult(List.copyOf(objects), page.truncated(), page.cursor(),
        List.copyOf(page.delimitedPrefixes()));
  }

  /** Every key starting with {@code prefix} (null for all), following cursors. */
  public List<String> keys(String prefix) {
    List<String> out = new ArrayList<>();
    String cursor = null;
    do {
      R2ListResult page = list(prefix, cursor, null);
      page.objects().forEach(o -> out.add(o.key()));
      cursor = page.truncated() ? page.cursor() : null;
    } while (cursor != null);
    return out;
  }

  @Override
  public String toString() {
    return "R2Bucket(" + name() + ")";
  }
}
