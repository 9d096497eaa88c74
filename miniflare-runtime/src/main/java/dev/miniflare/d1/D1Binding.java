package dev.miniflare.d1;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.miniflare.http.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.HostAccess;

/**
 * The host half of a worker's D1 binding: {@code d1.js} wraps it in the {@code D1Database} class workers see.
 * Queries cross as JSON text (as they do between workerd's D1 shim and Miniflare's database object, which is why
 * {@code NaN}, {@code Infinity} and {@code -0} arrive as {@code null} and {@code 0}); results come back as JSON.
 */
public final class D1Binding {
  private final D1Store store;

  /** A binding over the store. */
  public D1Binding(D1Store store) {
    this.store = store;
  }

  /**
   * Runs {@code [{"sql": ..., "params": [...]}, ...]} in one transaction. Returns
   * {@code {"results": [{"columns", "rows", "meta"}...]}} or {@code {"error": message}} (without the D1 prefix).
   */
  @HostAccess.Export
  public String run(String queriesJson) {
    List<D1Store.Query> queries = new ArrayList<>();
    try {
      for (JsonNode q : Json.MAPPER.readTree(queriesJson)) {
        List<Object> params = new ArrayList<>();
        for (JsonNode p : q.path("params")) {
          params.add(param(p));
        }
        queries.add(new D1Store.Query(q.path("sql").asText(), params));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<D1Store.Result> results;
    try {
      results = store.run(queries);
    } catch (D1Exception e) {
      return error(e.causeMessage());
    }
    return write(g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("results");
      for (D1Store.Result r : results) {
        writeResult(g, r);
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  /** The bookmark of the latest query, for sessions. */
  @HostAccess.Export
  public String bookmark() {
    return store.bookmark();
  }

  /** The database file (JS copies it into an ArrayBuffer). */
  @HostAccess.Export
  public ByteBuffer dump() {
    return ByteBuffer.wrap(store.dump()).asReadOnlyBuffer();
  }

  /** Numbers bind as REAL (D1 passes every JS number as a double); arrays are blobs of bytes. */
  private static Object param(JsonNode p) {
    if (p.isNull() || p.isMissingNode()) {
      return null;
    }
    if (p.isNumber()) {
      return p.asDouble();
    }
    if (p.isArray()) {
      byte[] bytes = new byte[p.size()];
      for (int i = 0; i < bytes.length; i++) {
        // Like new Uint8Array(array): each element is truncated and taken modulo 256.
        double d = p.get(i).asDouble();
        bytes[i] = (byte) (Double.isFinite(d) ? (long) d : 0);
      }
      return bytes;
    }
    return p.asText();
  }

  static void writeResult(JsonGenerator g, D1Store.Result r) throws IOException {
    g.writeStartObject();
    g.writeArrayFieldStart("columns");
    for (String c : r.columns()) {
      g.writeString(c);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("rows");
    for (Object[] row : r.rows()) {
      g.writeStartArray();
      for (Object v : row) {
        writeValue(g, v);
      }
      g.writeEndArray();
    }
    g.writeEndArray();
    D1Store.Meta m = r.meta();
    g.writeObjectFieldStart("meta");
    g.writeStringField("served_by", D1Store.SERVED_BY);
    g.writeNumberField("duration", (long) m.duration());
    g.writeNumberField("changes", m.changes());
    g.writeNumberField("last_row_id", m.lastRowId());
    g.writeBooleanField("changed_db", m.changedDb());
    g.writeNumberField("size_after", m.sizeAfter());
    g.writeNumberField("rows_read", m.rowsRead());
    g.writeNumberField("rows_written", m.rowsWritten());
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeValue(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Integer i) {
      g.writeNumber(i);
    } else if (v instanceof Double d) {
      if (Double.isFinite(d)) {
        g.writeNumber(d);
      } else {
        g.writeNull(); // JSON has no Infinity: D1 results carry null, as they do on the real runtime
      }
    } else if (v instanceof Number n) {
      g.writeNumber(n.doubleValue());
    } else if (v instanceof byte[] b) {
      g.writeStartArray();
      for (byte x : b) {
        g.writeNumber(x & 0xff);
      }
      g.writeEndArray();
    } else {
      g.writeString(v.toString());
    }
  }

  private static String error(String message) {
    return write(g -> {
      g.writeStartObject();
      g.writeStringField("error", message);
      g.writeEndObject();
    });
  }

  private interface Writer {
    void write(JsonGenerator g) throws IOException;
  }

  private static String write(Writer w) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      w.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
