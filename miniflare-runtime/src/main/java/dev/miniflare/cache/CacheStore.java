package dev.miniflare.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniflare.http.Headers;
import dev.miniflare.http.Json;
import dev.miniflare.http.Response;
import dev.miniflare.storage.StorageNamespace;
import dev.miniflare.storage.StoredValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The semantics of one cache (the default cache or one opened by name) over its storage namespace, as
 * Miniflare's cache service implements them: what may be stored and for how long ({@link CachePolicy}), expiry by
 * the instance clock, and the responses {@code match} gives (a {@code cf-cache-status: HIT} header, 304 for
 * conditional requests, 206/416 for {@code Range} requests). Shared by the worker binding and the Java
 * {@link Cache} API.
 *
 * <p>Entries are stored under the cache key (the request URL without fragment) as the body bytes, with the
 * status, headers and expiry (milliseconds, by the instance clock) as JSON metadata.
 */
public final class CacheStore {
  /** The storage kind caches live under. */
  public static final String KIND = "cache";

  private static final Pattern RANGE_PREFIX = Pattern.compile("^ *bytes *=", Pattern.CASE_INSENSITIVE);
  private static final Pattern RANGE = Pattern.compile("^ *(\\d+)? *- *(\\d+)? *$");
  private static final Pattern ETAG = Pattern.compile("^(W/)?\"(.+)\"$");
  private static final Pattern UTC_DATE = Pattern.compile("^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d\\d "
      + "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d\\d\\d\\d \\d\\d:\\d\\d:\\d\\d GMT$");

  private final StorageNamespace namespace;
  private final InstantSource clock;

  /** Cache semantics over a storage namespace, expiring entries by {@code clock}. */
  public CacheStore(StorageNamespace namespace, InstantSource clock) {
    this.namespace = namespace;
    this.clock = clock;
  }

  /** The storage namespace id of a cache: {@code default} for {@code caches.default}, else {@code named:NAME}. */
  public static String namespaceId(String cacheName) {
    return cacheName == null ? "default" : "named:" + cacheName;
  }

  /**
   * Stores a response to a GET request under {@code key} if a shared cache may store it; returns whether it was
   * stored. A response that may be stored but is not fresh (no {@code max-age}, {@code no-cache}...) replaces an
   * earlier entry and expires at once, as in Miniflare; one that may not be stored ({@code no-store},
   * {@code private}, {@code Set-Cookie}, an uncacheable status) leaves the cache as it was.
   *
   * @param requestHeaders the headers of the request (an {@code Authorization} header prevents storing)
   * @param status the response status
   * @param responseHeaders the response headers as they reach the cache (with {@code content-length} when known)
   * @param body the body bytes (not copied: the caller must not modify them)
   */
  public boolean put(String key, Headers requestHeaders, int status, Headers responseHeaders, byte[] body) {
    if (status == 204) {
      return false; // workerd + Miniflare never store a 204 (checked on the real runtime): the old entry stays
    }
    Map<String, String> req = combined(requestHeaders);
    req.remove("cache-control"); // Cloudflare ignores the request's Cache-Control
    Map<String, String> res = combined(responseHeaders);
    String cacheControl = res.get("cache-control");
    if (cacheControl != null && cacheControl.toLowerCase().contains("private=set-cookie")) {
      // Cloudflare strips Set-Cookie itself when told it is private (Miniflare rewrites the directive this way)
      res.put("cache-control", cacheControl.toLowerCase().replaceFirst("private=set-cookie;?", ""));
      res.remove("set-cookie");
    }
    long now = clock.millis();
    CachePolicy policy = new CachePolicy(req, status, res, now);
    if (!policy.storable() || res.containsKey("set-cookie")) {
      return false;
    }
    long expires = now + (long) Math.ceil(policy.timeToLiveMillis());
    ObjectNode meta = Json.MAPPER.createObjectNode();
    meta.put("status", status);
    ArrayNode headers = meta.putArray("headers");
    policy.responseHeaders().forEach((name, value) -> headers.addArray().add(name).add(value));
    meta.put("expires", expires);
    namespace.put(key, new StoredValue(body, meta.toString(), 0));
    return true;
  }

  /** The fresh entry under {@code key}, or {@code null}. */
  public Entry get(String key) {
    StoredValue v = namespace.get(key);
    if (v == null || v.metadata() == null) {
      return null;
    }
    JsonNode meta = Json.read(v.metadata(), JsonNode.class);
    if (meta.get("expires").asLong() <= clock.millis()) {
      return null;
    }
    Headers.Builder headers = Headers.builder();
    for (JsonNode h : meta.get("headers")) {
      headers.add(h.get(0).asText(), h.get(1).asText());
    }
    return new Entry(meta.get("status").asInt(), headers.build(), v.value(), meta.get("expires").asLong());
  }

  /**
   * The response {@code match} gives for a request with these headers, or {@code null} on a miss: the stored
   * response with {@code cf-cache-status: HIT}, a 304 when {@code If-None-Match} / {@code If-Modified-Since} say
   * the client's copy is current, a 206 for a satisfiable {@code Range} (multipart for several ranges) and a 416
   * for an unsatisfiable one.
   */
  public Response match(String key, Headers requestHeaders) {
    Entry entry = get(key);
    if (entry == null) {
      return null;
    }
    byte[] body = entry.body();
    Headers.Builder headers = entry.headers().toBuilder().set("cf-cache-status", "HIT");
    List<long[]> ranges = List.of();
    String range = requestHeaders.get("range");
    if (range != null) {
      ranges = parseRanges(range, body.length);
      if (ranges == null) {
        return Response.builder(416).header("content-range", "bytes */" + body.length)
            .header("cf-cache-status", "HIT").build();
      }
    }
    Headers stored = headers.build();
    if (notModified(requestHeaders, stored)) {
      return Response.builder(304).headers(stored).build();
    }
    if (ranges.isEmpty()) {
      return Response.builder(entry.status()).headers(stored).bodyUnsafe(body).build();
    }
    if (ranges.size() == 1) {
      long[] r = ranges.get(0);
      headers.set("content-range", "bytes " + r[0] + "-" + r[1] + "/" + body.length)
          .set("content-length", Long.toString(r[1] - r[0] + 1));
      return Response.builder(206).headers(headers.build())
          .bodyUnsafe(java.util.Arrays.copyOfRange(body, (int) r[0], (int) r[1] + 1)).build();
    }
    String boundary = "miniflare-boundary-" + UUID.randomUUID();
    String contentType = stored.get("content-type");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < ranges.size(); i++) {
      long[] r = ranges.get(i);
      StringBuilder head = new StringBuilder(i > 0 ? "\r\n" : "").append("--").append(boundary).append("\r\n");
      if (contentType != null) {
        head.append("Content-Type: ").append(contentType).append("\r\n");
      }
      head.append("Content-Range: bytes ").append(r[0]).append('-').append(r[1]).append('/').append(body.length)
          .append("\r\n\r\n");
      out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
      out.write(body, (int) r[0], (int) (r[1] - r[0] + 1));
    }
    out.writeBytes(("\r\n--" + boundary + "--").getBytes(StandardCharsets.UTF_8));
    byte[] multipart = out.toByteArray();
    // Miniflare keeps the stored Content-Length here; the real length keeps HTTP clients of the worker sane.
    headers.set("content-type", "multipart/byteranges; boundary=" + boundary)
        .set("content-length", Integer.toString(multipart.length));
    return Response.builder(206).headers(headers.build()).bodyUnsafe(multipart).build();
  }

  /** Deletes the entry; returns whether a fresh one existed. */
  public boolean delete(String key) {
    boolean fresh = get(key) != null;
    return namespace.delete(key) && fresh;
  }

  /** Number of stored entries, expired ones included. */
  public int size() {
    return namespace.size();
  }

  private static boolean notModified(Headers request, Headers stored) {
    String ifNoneMatch = request.get("if-none-match");
    String etagHeader = stored.get("etag");
    if (ifNoneMatch != null && etagHeader != null) {
      String etag = parseEtag(etagHeader);
      if (etag != null) {
        if (ifNoneMatch.trim().equals("*")) {
          return true;
        }
        for (String candidate : ifNoneMatch.split(",", -1)) {
          if (etag.equals(parseEtag(candidate))) {
            return true; // weak comparison, as Miniflare
          }
        }
      }
    }
    String ifModifiedSince = request.get("if-modified-since");
    String lastModified = stored.get("last-modified");
    if (ifModifiedSince != null && lastModified != null) {
      double since = parseUtcDate(ifModifiedSince);
      double modified = parseUtcDate(lastModified);
      return modified <= since; // false when either is NaN
    }
    return false;
  }

  private static String parseEtag(String value) {
    Matcher m = ETAG.matcher(value.trim());
    return m.matches() ? m.group(2) : null;
  }

  private static double parseUtcDate(String value) {
    return UTC_DATE.matcher(value).matches() ? CachePolicy.parseDate(value) : Double.NaN;
  }

  /** Byte ranges of a {@code Range} header, inclusive; empty for the whole body; {@code null} if unsatisfiable. */
  public static List<long[]> parseRanges(String header, long length) {
    Matcher prefix = RANGE_PREFIX.matcher(header);
    if (!prefix.find()) {
      return null;
    }
    String rest = header.substring(prefix.end());
    if (rest.stripLeading().isEmpty()) {
      return List.of();
    }
    List<long[]> out = new ArrayList<>();
    for (String part : rest.split(",", -1)) {
      Matcher m = RANGE.matcher(part);
      if (!m.matches()) {
        return null;
      }
      String start = m.group(1);
      String end = m.group(2);
      if (start != null && end != null) {
        long s = parseLong(start);
        long e = parseLong(end);
        if (s > e || s >= length) {
          return null;
        }
        out.add(new long[] {s, Math.min(e, length - 1)});
      } else if (start != null) {
        long s = parseLong(start);
        if (s >= length) {
          return null;
        }
        out.add(new long[] {s, length - 1});
      } else if (end != null) {
        long suffix = parseLong(end);
        if (suffix >= length) {
          return List.of(); // the whole body, as Miniflare
        }
        if (suffix != 0) {
          out.add(new long[] {length - suffix, length - 1});
        }
      } else {
        return null;
      }
    }
    return out;
  }

  private static long parseLong(String digits) {
    return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
  }

  /** Header values combined per lower-cased name (as iterating JS Headers gives them), names sorted. */
  private static Map<String, String> combined(Headers headers) {
    Map<String, String> out = new TreeMap<>();
    for (int i = 0; i < headers.size(); i++) {
      out.merge(headers.name(i), headers.value(i), (a, b) -> a + ", " + b);
    }
    return new java.util.LinkedHashMap<>(out);
  }

  /**
   * A fresh cache entry.
   *
   * @param status the stored status
   * @param headers the stored headers (with the {@code age} and {@code date} set when it was stored)
   * @param body the body bytes; do not modify
   * @param expires when it expires, in milliseconds by the instance clock
   */
  public record Entry(int status, Headers headers, byte[] body, long expires) {}
}
