package dev.miniflare.durableobjects;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.miniflare.core.JsBytes;
import dev.miniflare.http.Json;
import dev.miniflare.storage.SqlDatabase;
import dev.miniflare.storage.StorageNamespace;
import dev.miniflare.storage.StoredValue;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;
import org.pcollections.PSortedMap;

/**
 * The host half of one Durable Object's storage: {@code durable-objects.js} wraps it in the
 * {@code DurableObjectStorage} class. Values arrive already serialised (text) and are stored as UTF-8 bytes in
 * the instance's snapshot-able storage, so rollback covers them like KV. Operations complete synchronously, which
 * gives the input-gate guarantee for free: a storage call's continuation runs before any other event. A
 * SQLite-backed object also has a {@link SqlDatabase} for {@code ctx.storage.sql}; its key-value API stays on the
 * key-value path (workerd keeps it in a hidden table of the same database; the behaviour is the same).
 */
public final class ObjectHost {
  private final DurableObjects registry;
  private final DurableObjects.ObjectAddress address;
  private final StorageNamespace storage;
  private final List<PSortedMap<String, StoredValue>> transactions = new ArrayList<>();
  private final SqlDatabase sql;
  private int savepoints;

  ObjectHost(DurableObjects registry, DurableObjects.ObjectAddress address, StorageNamespace storage,
      SqlDatabase sql) {
    this.registry = registry;
    this.address = address;
    this.storage = storage;
    this.sql = sql;
  }

  private static String text(StoredValue v) {
    return v == null ? null : new String(v.value(), StandardCharsets.UTF_8);
  }

  private static StoredValue value(String serialized) {
    return new StoredValue(serialized.getBytes(StandardCharsets.UTF_8), null, 0);
  }

  /** The serialised value, or null. */
  @HostAccess.Export
  public String get(String key) {
    return text(storage.get(key));
  }

  /** The present keys among {@code keysJson} (a JSON array), sorted, as JSON {@code [[key, value], ...]}. */
  @HostAccess.Export
  public String getMany(String keysJson) {
    List<String> keys = Json.read(keysJson, new TypeReference<List<String>>() {});
    java.util.TreeMap<String, String> found = new java.util.TreeMap<>(dev.miniflare.storage.Utf8Order.INSTANCE);
    for (String k : keys) {
      String v = text(storage.get(k));
      if (v != null) {
        found.put(k, v);
      }
    }
    return pairs(found);
  }

  /** Stores one serialised value. */
  @HostAccess.Export
  public void put(String key, String serialized) {
    storage.put(key, value(serialized));
  }

  /** Stores {@code [[key, value], ...]}. */
  @HostAccess.Export
  public void putMany(String entriesJson) {
    List<List<String>> entries = Json.read(entriesJson, new TypeReference<List<List<String>>>() {});
    for (List<String> e : entries) {
      storage.put(e.get(0), value(e.get(1)));
    }
  }

  /** Deletes a key; whether it existed. */
  @HostAccess.Export
  public boolean delete(String key) {
    return storage.delete(key);
  }

  /** Deletes keys; how many existed. */
  @HostAccess.Export
  public int deleteMany(String keysJson) {
    int n = 0;
    for (String k : Json.read(keysJson, new TypeReference<List<String>>() {})) {
      if (storage.delete(k)) {
        n++;
      }
    }
    return n;
  }

  /** Deletes every key and, on a SQLite-backed object, every table (the alarm stays, as on Cloudflare). */
  @HostAccess.Export
  public void deleteAll() {
    storage.clear();
    if (sql != null) {
      sql.clear();
    }
  }

  /** A listing as JSON {@code [[key, value], ...]}; null bounds are absent, limit below 0 means all. */
  @HostAccess.Export
  public String list(String start, String startAfter, String end, String prefix, boolean reverse, int limit) {
    NavigableMap<String, StoredValue> range = storage.entries();
    if (prefix != null && !prefix.isEmpty()) {
      range = range.tailMap(prefix, true);
    }
    if (startAfter != null) {
      range = range.tailMap(startAfter, false);
    } else if (start != null) {
      range = range.tailMap(start, true);
    }
    if (end != null) {
      range = range.headMap(end, false);
    }
    if (reverse) {
      range = range.descendingMap();
    }
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, StoredValue> e : range.entrySet()) {
      if (prefix != null && !e.getKey().startsWith(prefix)) {
        if (reverse) {
          continue;
        }
        break;
      }
      if (limit >= 0 && out.size() >= limit) {
        break;
      }
      out.put(e.getKey(), text(e.getValue()));
    }
    return pairs(out);
  }

  /** Starts a transaction; returns a token for {@link #transactionRollback}. */
  @HostAccess.Export
  public int transactionBegin() {
    transactions.add(storage.entries());
    return transactions.size() - 1;
  }

  /** Restores the object's storage to where the transaction began. */
  @HostAccess.Export
  public void transactionRollback(int token) {
    storage.restore(transactions.get(token));
  }

  // --- SQL (SQLite-backed objects only) -------------------------------------------------------------------------

  /** Whether the object's class is SQLite-backed. */
  @HostAccess.Export
  public boolean sqlEnabled() {
    return sql != null;
  }

  /**
   * Runs {@code ctx.storage.sql.exec}. {@code bindingsJson} is a JSON array of numbers, strings, nulls and
   * markers: {@code {"b":i}} is the i-th ArrayBuffer of {@code blobs}, {@code {"n":"Infinity"}} a non-finite number.
   */
  @HostAccess.Export
  public SqlResult sqlExec(String query, String bindingsJson, Value blobs) {
    List<Object> bindings = new ArrayList<>();
    for (JsonNode b : Json.read(bindingsJson, JsonNode.class)) {
      if (b.isNull()) {
        bindings.add(null);
      } else if (b.isNumber()) {
        bindings.add(b.doubleValue()); // JS numbers are bound as REAL, as workerd binds them
      } else if (b.isTextual()) {
        bindings.add(b.textValue());
      } else if (b.has("b")) {
        Value buffer = blobs.getArrayElement(b.get("b").intValue());
        bindings.add(JsBytes.read(buffer, 0, (int) buffer.getBufferSize()));
      } else {
        bindings.add(Double.parseDouble(b.get("n").textValue()));
      }
    }
    return new SqlResult(SqlExecutor.exec(requireSql(), query, bindings));
  }

  /** {@code ctx.storage.sql.databaseSize}. */
  @HostAccess.Export
  public double sqlDatabaseSize() {
    try {
      return requireSql().size();
    } catch (java.sql.SQLException e) {
      throw new SqlStorageException(e.getMessage());
    }
  }

  /** Opens a savepoint for a transaction on a SQLite-backed object; returns its depth (-1 when KV-backed). */
  @HostAccess.Export
  public int sqlSavepoint() {
    if (sql == null) {
      return -1;
    }
    int depth = savepoints++;
    SqlExecutor.internal(sql, "SAVEPOINT _mf_txn_" + depth);
    return depth;
  }

  /** Ends a savepoint: keeps its changes, or rolls them back. */
  @HostAccess.Export
  public void sqlEndSavepoint(int depth, boolean commit) {
    if (sql == null || depth < 0) {
      return;
    }
    savepoints = depth;
    String name = "_mf_txn_" + depth;
    try {
      if (!commit) {
        SqlExecutor.internal(sql, "ROLLBACK TO " + name);
      }
      SqlExecutor.internal(sql, "RELEASE " + name);
    } catch (SqlStorageException e) {
      // The savepoint is gone when the storage was rolled back (the connection reloaded) meanwhile.
    }
  }

  private SqlDatabase requireSql() {
    if (sql == null) {
      throw new SqlStorageException(SqlExecutor.NOT_ENABLED);
    }
    return sql;
  }

  /** The result of one {@code exec}, read by the JS cursor. */
  public static final class SqlResult {
    private final SqlExecutor.Result result;
    private final List<byte[]> blobs = new ArrayList<>();
    private String rows;

    SqlResult(SqlExecutor.Result result) {
      this.result = result;
    }

    /** The column names as a JSON array. */
    @HostAccess.Export
    public String columns() {
      return Json.write(result.columns());
    }

    /** The rows as a JSON array of arrays; blobs and non-finite numbers are markers as in {@link #sqlExec}. */
    @HostAccess.Export
    public String rows() {
      if (rows == null) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
          g.writeStartArray();
          for (Object[] row : result.rows()) {
            g.writeStartArray();
            for (Object v : row) {
              writeValue(g, v);
            }
            g.writeEndArray();
          }
          g.writeEndArray();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        rows = out.toString();
      }
      return rows;
    }

    private void writeValue(JsonGenerator g, Object v) throws IOException {
      if (v == null) {
        g.writeNull();
      } else if (v instanceof Long l) {
        g.writeNumber(l);
      } else if (v instanceof Double d) {
        if (d.isInfinite()) {
          g.writeStartObject();
          g.writeStringField("n", d > 0 ? "Infinity" : "-Infinity");
          g.writeEndObject();
        } else {
          g.writeNumber(d);
        }
      } else if (v instanceof byte[] b) {
        g.writeStartObject();
        g.writeNumberField("b", blobs.size());
        g.writeEndObject();
        blobs.add(b);
      } else {
        g.writeString(v.toString());
      }
    }

    /** The i-th blob of {@link #rows} (JS copies it into an ArrayBuffer). */
    @HostAccess.Export
    public ByteBuffer blob(int index) {
      return ByteBuffer.wrap(blobs.get(index)).asReadOnlyBuffer();
    }

    /** Rows read by the last statement. */
    @HostAccess.Export
    public double rowsRead() {
      return result.rowsRead();
    }

    /** Rows written by the last statement. */
    @HostAccess.Export
    public double rowsWritten() {
      return result.rowsWritten();
    }
  }

  /** The scheduled alarm time in epoch milliseconds, or -1. */
  @HostAccess.Export
  public double getAlarm() {
    Long t = registry.alarm(address);
    return t == null ? -1 : t;
  }

  /** Schedules the alarm (replacing any other). */
  @HostAccess.Export
  public void setAlarm(double epochMillis) {
    registry.setAlarm(address, (long) epochMillis);
  }

  /** Cancels the alarm. */
  @HostAccess.Export
  public void deleteAlarm() {
    registry.deleteAlarm(address);
  }

  private static String pairs(Map<String, String> entries) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartArray();
      for (Map.Entry<String, String> e : entries.entrySet()) {
        g.writeStartArray();
        g.writeString(e.getKey());
        g.writeString(e.getValue());
        g.writeEndArray();
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
