package dev.miniflare.durableobjects;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.miniflare.MiniflareException;
import dev.miniflare.http.Json;
import dev.miniflare.storage.SqlDatabase;
import dev.miniflare.storage.StorageNamespace;
import dev.miniflare.storage.StoredValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One object's storage from Java, on the same data the object's {@code state.storage} sees. Values written here
 * are JSON (Jackson); the object reads them back as the equivalent JS values. Values the object stored that are
 * not JSON (Maps, Dates...) cannot be read as Java types. On a SQLite-backed object {@link #sql} runs SQL on its
 * database, so a test can seed or inspect rows without constructing the object.
 */
public final class DurableObjectStorageView {
  private final StorageNamespace storage;
  private final SqlDatabase sql;

  DurableObjectStorageView(StorageNamespace storage, SqlDatabase sql) {
    this.storage = storage;
    this.sql = sql;
  }

  /**
   * Runs SQL on a SQLite-backed object's database, like {@code ctx.storage.sql.exec(query, ...bindings)}, and
   * returns the last statement's rows as maps from column name to value (Long, Double, String, byte[] or null; a
   * repeated column name keeps its last value). Bindings may be numbers (Integer and Long bind as INTEGER, other
   * numbers as REAL), strings, byte arrays or null. Throws {@link SqlStorageException} with workerd's message when
   * SQLite refuses the query, or when the class is not SQLite-backed.
   */
  public List<Map<String, Object>> sql(String query, Object... bindings) {
    if (sql == null) {
      throw new SqlStorageException(SqlExecutor.NOT_ENABLED);
    }
    SqlExecutor.Result result = SqlExecutor.exec(sql, query, java.util.Arrays.asList(bindings));
    List<Map<String, Object>> out = new ArrayList<>(result.rows().size());
    for (Object[] row : result.rows()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (int i = 0; i < row.length; i++) {
        map.put(result.columns().get(i), row[i]);
      }
      out.add(map);
    }
    return out;
  }

  /** Whether the object's class is SQLite-backed (has {@code ctx.storage.sql}). */
  public boolean isSqlite() {
    return sql != null;
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

  /** Deletes every key and, on a SQLite-backed object, every table. */
  public void deleteAll() {
    storage.clear();
    if (sql != null) {
      sql.clear();
    }
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
