package dev.miniflare.durableobjects;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.miniflare.MiniflareException;
import dev.miniflare.http.Json;
import dev.miniflare.storage.StorageNamespace;
import dev.miniflare.storage.StoredValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One object's storage from Java, on the same data the object's {@code state.storage} sees. Values written here
 * are JSON (Jackson); the object reads them back as the equivalent JS values. Values the object stored that are
 * not JSON (Maps, Dates...) cannot be read as Java types.
 */
public final class DurableObjectStorageView {
  private final StorageNamespace storage;

  DurableObjectStorageView(StorageNamespace storage) {
    this.storage = storage;
  }

  /** The value as {@code type}, or null when absent. */
  public <T> T get(String key, Class<T> type) {
    StoredValue v = storage.get(key);
    return v == null ? null : decode(key, v, type);
  }

  /** The value as a generic type, or null when absent. */
  public <T> T get(String key, TypeReference<T> type) {
    StoredValue v = storage.get(key);
    if (v == null) {
      return null;
    }
    String text = new String(v.value(), StandardCharsets.UTF_8);
    requireJson(key, text);
    return Json.read(text.substring(1), type);
  }

  /** Stores a JSON-serialisable value (Jackson). */
  public void put(String key, Object value) {
    storage.put(key, new StoredValue(("J" + Json.write(value)).getBytes(StandardCharsets.UTF_8), null, 0));
  }

  /** Deletes a key; whether it existed. */
  public boolean delete(String key) {
    return storage.delete(key);
  }

  /** Every key, in storage order. */
  public List<String> keys() {
    return new ArrayList<>(storage.entries().keySet());
  }

  /** Deletes every key. */
  public void deleteAll() {
    storage.clear();
  }

  private static <T> T decode(String key, StoredValue v, Class<T> type) {
    String text = new String(v.value(), StandardCharsets.UTF_8);
    requireJson(key, text);
    return Json.read(text.substring(1), type);
  }

  private static void requireJson(String key, String text) {
    if (!text.startsWith("J")) {
      throw new MiniflareException("the value of \"" + key + "\" is not JSON data (a Map, Date, typed array...) and"
          + " cannot be read from Java");
    }
  }
}
