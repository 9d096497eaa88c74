package dev.miniflare.durableobjects;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.miniflare.http.Json;
import dev.miniflare.storage.StorageNamespace;
import dev.miniflare.storage.StoredValue;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.graalvm.polyglot.HostAccess;
import org.pcollections.PSortedMap;

/**
 * The host half of one Durable Object's storage: {@code durable-objects.js} wraps it in the
 * {@code DurableObjectStorage} class. Values arrive already serialised (text) and are stored as UTF-8 bytes in
 * the instance's snapshot-able storage, so rollback covers them like KV. Operations complete synchronously, which
 * gives the input-gate guarantee for free: a storage call's continuation runs before any other event.
 */
public final class ObjectHost {
  private final DurableObjects registry;
  private final DurableObjects.ObjectAddress address;
  private final StorageNamespace storage;
  private final List<PSortedMap<String, StoredValue>> transactions = new ArrayList<>();

  ObjectHost(DurableObjects registry, DurableObjects.ObjectAddress address, StorageNamespace storage) {
    this.registry = registry;
    this.address = address;
    this.storage = storage;
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

  /** Deletes every key (the alarm stays, as on Cloudflare). */
  @HostAccess.Export
  public void deleteAll() {
    storage.clear();
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
