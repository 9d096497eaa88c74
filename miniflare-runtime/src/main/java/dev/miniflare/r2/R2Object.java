package dev.miniflare.r2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Java view of an R2 object: its metadata and, when read with {@link R2Bucket#get}, its bytes (objects from
 * {@link R2Bucket#head} and listings have no body).
 */
public final class R2Object {
  private final String key;
  private final ObjectNode meta;
  private final byte[] bytes;
  private final boolean hasBody;

  R2Object(R2Store.Entry entry, boolean withBody) {
    this.key = entry.key();
    this.meta = entry.meta();
    this.bytes = entry.value().value();
    this.hasBody = withBody;
  }

  /** The key. */
  public String key() {
    return key;
  }

  /** The size in bytes. */
  public long size() {
    return bytes.length;
  }

  /** The etag (the MD5 hex of the value, or {@code <md5 of part md5s>-<parts>} for multipart uploads). */
  public String etag() {
    return meta.path("etag").asText();
  }

  /** The etag quoted, as in an {@code ETag} header. */
  public String httpEtag() {
    return "\"" + etag() + "\"";
  }

  /** A random id of this version of the object. */
  public String version() {
    return meta.path("version").asText();
  }

  /** When it was uploaded, by the instance clock. */
  public Instant uploaded() {
    return Instant.ofEpochMilli(meta.path("uploaded").asLong());
  }

  /** Checksums as lower-case hex by algorithm ({@code md5}, and {@code sha1} etc. when given at upload). */
  public Map<String, String> checksums() {
    Map<String, String> out = new LinkedHashMap<>();
    meta.path("checksums").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return Collections.unmodifiableMap(out);
  }

  /** The HTTP metadata. */
  public R2HttpMetadata httpMetadata() {
    JsonNode h = meta.path("http");
    return new R2HttpMetadata(text(h, "contentType"), text(h, "contentLanguage"), text(h, "contentDisposition"),
        text(h, "contentEncoding"), text(h, "cacheControl"),
        h.hasNonNull("cacheExpiry") ? Instant.ofEpochMilli(h.get("cacheExpiry").asLong()) : null);
  }

  private static String text(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : null;
  }

  /** The custom metadata. */
  public Map<String, String> customMetadata() {
    Map<String, String> out = new LinkedHashMap<>();
    meta.path("custom").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return Collections.unmodifiableMap(out);
  }

  /** Whether this view carries the value (read with {@code get}). */
  public boolean hasBody() {
    return hasBody;
  }

  /** The value (a copy); throws {@link IllegalStateException} for views without a body. */
  public byte[] bytes() {
    if (!hasBody) {
      throw new IllegalStateException("R2 object \"" + key + "\" was read without its body (head or list); use get");
    }
    return bytes.clone();
  }

  /** The value as UTF-8 text; throws {@link IllegalStateException} for views without a body. */
  public String text() {
    return new String(bytes(), StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "R2Object(" + key + ", " + size() + " bytes, etag " + etag() + ")";
  }
}
