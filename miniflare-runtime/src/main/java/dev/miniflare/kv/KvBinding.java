package dev.miniflare.kv;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.miniflare.core.JsBytes;
import dev.miniflare.http.Json;
import dev.miniflare.storage.StoredValue;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * The host half of a worker's KV binding: {@code kv.js} wraps it in the {@code KVNamespace} class workers see.
 * Operations are synchronous here (storage is in memory); the JS side returns promises.
 */
public final class KvBinding {
  private final KvStore store;

  /** A binding over the store. */
  public KvBinding(KvStore store) {
    this.store = store;
  }

  /** The store behind this binding. */
  public KvStore store() {
    return store;
  }

  /** The live entry, or {@code null}. */
  @HostAccess.Export
  public Entry entry(String key) {
    StoredValue v = store.get(key);
    return v == null ? null : new Entry(v);
  }

  /** Validates the cacheTtl option of a read. */
  @HostAccess.Export
  public void checkCacheTtl(double cacheTtl) {
    KvStore.validateCacheTtl(cacheTtl);
  }

  /** Stores a string or the {@code [offset, offset+length)} range of an ArrayBuffer. */
  @HostAccess.Export
  public void put(String key, Value data, int offset, int length, double expiration, double expirationTtl,
      String metadataJson) {
    KvStore.validateKey("PUT", key);
    store.put(key, JsBytes.read(data, offset, length), expiration, expirationTtl, metadataJson);
  }

  /** Deletes a key. */
  @HostAccess.Export
  public void delete(String key) {
    store.delete(key);
  }

  /** A page of keys as JSON text: {@code {"keys":[...],"list_complete":..,"cursor":..}}. */
  @HostAccess.Export
  public String list(String prefix, double limit, String cursor) {
    KvStore.Page page = store.list(prefix, Double.isNaN(limit) ? 0 : (long) limit, cursor);
    StringWriter out = new StringWriter(64 + page.entries().size() * 32);
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("keys");
      for (Map.Entry<String, StoredValue> e : page.entries()) {
        g.writeStartObject();
        g.writeStringField("name", e.getKey());
        if (e.getValue().expiration() != 0) {
          g.writeNumberField("expiration", e.getValue().expiration());
        }
        if (e.getValue().metadata() != null) {
          g.writeFieldName("metadata");
          g.writeRawValue(e.getValue().metadata());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeBooleanField("list_complete", page.complete());
      if (page.cursor() != null) {
        g.writeStringField("cursor", page.cursor());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** A read entry as JS sees it. */
  public static final class Entry {
    private final StoredValue value;

    Entry(StoredValue value) {
      this.value = value;
    }

    /** The value as UTF-8 text. */
    @HostAccess.Export
    public String text() {
      return new String(value.value(), StandardCharsets.UTF_8);
    }

    /** The value bytes as a read-only buffer (JS copies it into its own ArrayBuffer). */
    @HostAccess.Export
    public ByteBuffer buffer() {
      return ByteBuffer.wrap(value.value()).asReadOnlyBuffer();
    }

    /** The metadata's JSON text, or {@code null}. */
    @HostAccess.Export
    public String metadata() {
      return value.metadata();
    }
  }
}
