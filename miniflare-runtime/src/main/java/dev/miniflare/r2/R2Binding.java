package dev.miniflare.r2;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniflare.core.JsBytes;
import dev.miniflare.http.Json;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * The host half of a worker's R2 binding: {@code r2.js} checks arguments the way workerd does and calls these
 * methods with plain data (options as JSON text, values as strings or ArrayBuffer ranges); results cross back as
 * JSON text plus a read-only buffer for bodies. Operations are synchronous here (storage is in memory); the JS
 * side returns promises.
 */
public final class R2Binding {
  private static final TypeReference<Map<String, Object>> HTTP = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> CUSTOM = new TypeReference<>() {};
  private final R2Store store;

  /** A binding over the store. */
  public R2Binding(R2Store store) {
    this.store = store;
  }

  /** The store behind this binding. */
  public R2Store store() {
    return store;
  }

  /** The object's metadata as JSON, or {@code null} when absent. */
  @HostAccess.Export
  public String head(String key) {
    R2Store.Entry e = store.head(key);
    return e == null ? null : toJson(e, 0, e.value().value().length, true, true, true).toString();
  }

  /** A read: metadata JSON, whether the precondition failed, and the body of the range. */
  public static final class Reply {
    private final R2Store.Read read;

    Reply(R2Store.Read read) {
      this.read = read;
    }

    /** The metadata JSON (with the range read). */
    @HostAccess.Export
    public String meta() {
      return toJson(read.entry(), read.offset(), read.length(), true, true, true).toString();
    }

    /** Whether {@code onlyIf} did not hold (no body then). */
    @HostAccess.Export
    public boolean preconditionFailed() {
      return read.preconditionFailed();
    }

    /** The bytes of the range, read-only (JS copies them). */
    @HostAccess.Export
    public ByteBuffer body() {
      return ByteBuffer.wrap(read.entry().value().value(), (int) read.offset(), (int) read.length()).slice()
          .asReadOnlyBuffer();
    }
  }

  /** Reads an object ({@code optionsJson}: {@code {onlyIf, range: {offset,length,suffix}, rangeHeader}}). */
  @HostAccess.Export
  public Reply get(String key, String optionsJson) {
    JsonNode o = optionsJson == null ? Json.read("{}", JsonNode.class) : Json.read(optionsJson, JsonNode.class);
    double[] range = null;
    if (o.hasNonNull("range")) {
      JsonNode r = o.get("range");
      range = new double[] {num(r, "offset"), num(r, "length"), num(r, "suffix")};
    }
    String rangeHeader = o.hasNonNull("rangeHeader") ? o.get("rangeHeader").asText() : null;
    R2Store.Read read = store.get(key, R2Conditional.fromJson(o.get("onlyIf")), range, rangeHeader);
    return read == null ? null : new Reply(read);
  }

  private static double num(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asDouble() : Double.NaN;
  }

  /**
   * Stores a string or the {@code [offset, offset+length)} range of an ArrayBuffer ({@code optionsJson}:
   * {@code {onlyIf, httpMetadata, customMetadata, md5: hex, ...}}); the new object's JSON, or {@code null} when the
   * precondition failed.
   */
  @HostAccess.Export
  public String put(String key, Value data, int offset, int length, String optionsJson) {
    JsonNode o = Json.read(optionsJson, JsonNode.class);
    Map<String, byte[]> hashes = new LinkedHashMap<>();
    for (String alg : R2Store.HASH_ORDER) {
      if (o.hasNonNull(alg)) {
        hashes.put(alg, HexFormat.of().parseHex(o.get(alg).asText()));
      }
    }
    R2Store.Entry e = store.put(key, JsBytes.read(data, offset, length), http(o), custom(o), hashes,
        R2Conditional.fromJson(o.get("onlyIf")));
    return e == null ? null : toJson(e, -1, -1, true, true, true).toString();
  }

  private static Map<String, Object> http(JsonNode o) {
    return o.hasNonNull("httpMetadata") ? Json.MAPPER.convertValue(o.get("httpMetadata"), HTTP) : null;
  }

  private static Map<String, String> custom(JsonNode o) {
    return o.hasNonNull("customMetadata") ? Json.MAPPER.convertValue(o.get("customMetadata"), CUSTOM) : null;
  }

  /** Deletes the keys of a JSON array. */
  @HostAccess.Export
  public void delete(String keysJson) {
    store.delete(Json.read(keysJson, new TypeReference<List<String>>() {}));
  }

  /** A page as JSON ({@code optionsJson}: prefix, limit, cursor, delimiter, startAfter, include). */
  @HostAccess.Export
  public String list(String optionsJson) {
    JsonNode o = Json.read(optionsJson, JsonNode.class);
    boolean http = false;
    boolean custom = false;
    for (JsonNode i : o.path("include")) {
      http |= i.asText().equals("httpMetadata");
      custom |= i.asText().equals("customMetadata");
    }
    R2Store.Page page = store.list(new R2Store.ListOptions(text(o, "prefix"),
        o.hasNonNull("limit") ? o.get("limit").asLong() : null, text(o, "cursor"), text(o, "delimiter"),
        text(o, "startAfter"), http, custom));
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    var objects = out.putArray("objects");
    for (R2Store.Entry e : page.objects()) {
      objects.add(toJson(e, -1, -1, http, custom, false));
    }
    out.put("truncated", page.truncated());
    if (page.cursor() != null) {
      out.put("cursor", page.cursor());
    }
    var prefixes = out.putArray("delimitedPrefixes");
    page.delimitedPrefixes().forEach(prefixes::add);
    return out.toString();
  }

  private static String text(JsonNode o, String field) {
    return o.hasNonNull(field) ? o.get(field).asText() : null;
  }

  /** Starts a multipart upload ({@code optionsJson}: httpMetadata, customMetadata); returns its id. */
  @HostAccess.Export
  public String createMultipartUpload(String key, String optionsJson) {
    JsonNode o = Json.read(optionsJson, JsonNode.class);
    return store.createMultipartUpload(key, http(o), custom(o));
  }

  /** Uploads a part; returns its etag. */
  @HostAccess.Export
  public String uploadPart(String key, String uploadId, int partNumber, Value data, int offset, int length) {
    return store.uploadPart(key, uploadId, partNumber, JsBytes.read(data, offset, length));
  }

  /** Completes an upload from a JSON array of {@code {partNumber, etag}}; the object's JSON. */
  @HostAccess.Export
  public String completeMultipartUpload(String key, String uploadId, String partsJson) {
    List<R2Store.Part> parts = new ArrayList<>();
    for (JsonNode p : Json.read(partsJson, JsonNode.class)) {
      parts.add(new R2Store.Part(p.path("partNumber").asInt(), p.path("etag").asText()));
    }
    return toJson(store.completeMultipartUpload(key, uploadId, parts), -1, -1, true, true, true).toString();
  }

  /** Aborts an upload. */
  @HostAccess.Export
  public void abortMultipartUpload(String key, String uploadId) {
    store.abortMultipartUpload(key, uploadId);
  }

  /**
   * An object as {@code r2.js} builds its R2Object from: metadata not included (listings without {@code include})
   * is reported empty, as Miniflare does; {@code offset < 0} means no range.
   */
  static ObjectNode toJson(R2Store.Entry e, long offset, long length, boolean http, boolean custom,
      boolean withRange) {
    ObjectNode meta = e.meta();
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("key", e.key());
    out.put("version", meta.path("version").asText());
    out.put("size", e.value().value().length);
    out.put("etag", meta.path("etag").asText());
    out.put("uploaded", meta.path("uploaded").asLong());
    out.set("checksums", meta.path("checksums"));
    out.set("httpMetadata", http ? meta.path("http") : JsonNodeFactory.instance.objectNode());
    out.set("customMetadata", custom ? meta.path("custom") : JsonNodeFactory.instance.objectNode());
    if (withRange && offset >= 0) {
      ObjectNode r = out.putObject("range");
      r.put("offset", offset);
      r.put("length", length);
    }
    return out;
  }
}
