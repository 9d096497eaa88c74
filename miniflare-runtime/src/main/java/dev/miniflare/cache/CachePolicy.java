package dev.miniflare.cache;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Whether a response may be stored and for how long, as Miniflare decides it: the rules of the
 * {@code http-cache-semantics} library (RFC 7234, shared cache, 10% last-modified heuristic) that Miniflare's
 * cache service applies. The quirks of that library are kept on purpose (a quoted {@code "0"} directive counts
 * as present, {@code immutable} grants 86,400,000 seconds), so a response caches here exactly when it caches
 * under Miniflare.
 */
final class CachePolicy {
  private static final Set<Integer> CACHEABLE_BY_DEFAULT =
      Set.of(200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501);
  private static final Set<Integer> UNDERSTOOD_STATUSES =
      Set.of(200, 203, 204, 300, 301, 302, 303, 307, 308, 404, 405, 410, 414, 501);
  private static final Set<String> HOP_BY_HOP = Set.of("date", "connection", "keep-alive", "proxy-authenticate",
      "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");
  /** The library's default minimum TTL of {@code immutable} responses, used as seconds (its own unit slip). */
  private static final double IMMUTABLE_MIN_TTL = 24 * 3600 * 1000;
  private static final double CACHE_HEURISTIC = 0.1;
  /** {@code Date.prototype.toUTCString()}: always a two-digit day, unlike RFC_1123_DATE_TIME. */
  static final DateTimeFormatter UTC_STRING =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

  private final long now;
  private final int status;
  private final Map<String, String> resHeaders;
  private final Map<String, Object> rescc;
  private final boolean noAuthorization;

  /**
   * A policy for a response to a GET request.
   *
   * @param reqHeaders the request's headers, lower-cased names to combined values
   * @param status the response status
   * @param resHeaders the response's headers, lower-cased names to combined values (not modified)
   * @param now the instance clock's time in milliseconds
   */
  CachePolicy(Map<String, String> reqHeaders, int status, Map<String, String> resHeaders, long now) {
    this.now = now;
    this.status = status;
    this.resHeaders = resHeaders;
    this.rescc = parseCacheControl(resHeaders.get("cache-control"));
    this.noAuthorization = !truthy(reqHeaders.get("authorization"));
    String pragma = resHeaders.get("pragma");
    if (resHeaders.get("cache-control") == null && pragma != null && pragma.contains("no-cache")) {
      rescc.put("no-cache", Boolean.TRUE);
    }
  }

  /** Parses Cache-Control as the library does: later directives win, one level of quotes is removed. */
  static Map<String, Object> parseCacheControl(String header) {
    Map<String, Object> cc = new LinkedHashMap<>();
    if (header == null || header.isEmpty()) {
      return cc;
    }
    for (String part : header.trim().split(",", -1)) {
      String[] kv = part.split("=", -1);
      Object value = kv.length < 2 ? Boolean.TRUE : kv[1].trim().replaceAll("^\"|\"$", "");
      cc.put(kv[0].trim(), value);
    }
    return cc;
  }

  /** JavaScript truthiness of a directive or header value: present with no value, or a non-empty string. */
  private static boolean truthy(Object v) {
    return v == Boolean.TRUE || (v instanceof String s && !s.isEmpty());
  }

  private boolean cc(String directive) {
    return truthy(rescc.get(directive));
  }

  /** Whether a shared cache may store the response at all. */
  boolean storable() {
    return UNDERSTOOD_STATUSES.contains(status)
        && !cc("no-store")
        && !cc("private")
        && (noAuthorization || cc("must-revalidate") || cc("public") || cc("s-maxage"))
        && (truthy(resHeaders.get("expires")) || cc("max-age") || cc("s-maxage") || cc("public")
            || CACHEABLE_BY_DEFAULT.contains(status));
  }

  private boolean hasExplicitExpiration() {
    return cc("s-maxage") || cc("max-age") || truthy(resHeaders.get("expires"));
  }

  /** Freshness lifetime in seconds, counted from the response's Date. */
  double maxAge() {
    if (!storable() || cc("no-cache")
        || (truthy(resHeaders.get("set-cookie")) && !cc("public") && !cc("immutable"))
        || "*".equals(resHeaders.get("vary"))) {
      return 0;
    }
    if (cc("proxy-revalidate")) {
      return 0;
    }
    if (cc("s-maxage")) {
      return toNumberOrZero(rescc.get("s-maxage"));
    }
    if (cc("max-age")) {
      return toNumberOrZero(rescc.get("max-age"));
    }
    double defaultMinTtl = cc("immutable") ? IMMUTABLE_MIN_TTL : 0;
    double serverDate = date();
    if (truthy(resHeaders.get("expires"))) {
      double expires = parseDate(resHeaders.get("expires"));
      if (Double.isNaN(expires) || expires < serverDate) {
        return 0;
      }
      return Math.max(defaultMinTtl, (expires - serverDate) / 1000);
    }
    if (truthy(resHeaders.get("last-modified"))) {
      double lastModified = parseDate(resHeaders.get("last-modified"));
      if (!Double.isNaN(lastModified) && serverDate > lastModified) {
        return Math.max(defaultMinTtl, (serverDate - lastModified) / 1000 * CACHE_HEURISTIC);
      }
    }
    return defaultMinTtl;
  }

  private double date() {
    double serverDate = parseDate(resHeaders.get("date"));
    return Double.isNaN(serverDate) ? now : serverDate;
  }

  /** The response's age in seconds (its Age header: it was just received). */
  double age() {
    return toNumberOrZero(resHeaders.get("age"));
  }

  /** How long the entry stays fresh, in milliseconds (stale-while-revalidate and stale-if-error extend it). */
  double timeToLiveMillis() {
    double age = maxAge() - age();
    double staleIfError = age + toNumberOrZero(rescc.get("stale-if-error"));
    double staleWhileRevalidate = age + toNumberOrZero(rescc.get("stale-while-revalidate"));
    return Math.max(Math.max(0, age), Math.max(staleIfError, staleWhileRevalidate)) * 1000;
  }

  /** The headers to store: hop-by-hop headers removed, Age and Date set. */
  Map<String, String> responseHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    resHeaders.forEach((name, value) -> {
      if (!HOP_BY_HOP.contains(name)) {
        headers.put(name, value);
      }
    });
    String connection = resHeaders.get("connection");
    if (truthy(connection)) {
      for (String token : connection.trim().split("\\s*,\\s*")) {
        headers.remove(token);
      }
    }
    String warning = headers.get("warning");
    if (warning != null) {
      StringBuilder kept = new StringBuilder();
      for (String w : warning.split(",", -1)) {
        if (!w.matches("^\\s*1[0-9][0-9][\\s\\S]*")) {
          kept.append(kept.length() == 0 ? "" : ",").append(w);
        }
      }
      if (kept.length() == 0) {
        headers.remove("warning");
      } else {
        headers.put("warning", kept.toString().trim());
      }
    }
    double age = age();
    if (age > 3600 * 24 && !hasExplicitExpiration() && maxAge() > 3600 * 24) {
      String w = headers.get("warning");
      headers.put("warning", (w != null && !w.isEmpty() ? w + ", " : "") + "113 - \"rfc7234 5.5.4\"");
    }
    headers.put("age", Long.toString(Math.round(age)));
    headers.put("date", UTC_STRING.format(Instant.ofEpochMilli(now)));
    return headers;
  }

  /** JavaScript {@code parseInt(String(v), 10)}, with NaN as 0. */
  static double toNumberOrZero(Object v) {
    if (v == null) {
      return 0;
    }
    String s = v.toString().stripLeading();
    int i = 0;
    boolean negative = false;
    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    int start = i;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    if (i == start) {
      return 0;
    }
    double n = Double.parseDouble(s.substring(start, i));
    return negative ? -n : n;
  }

  private static final DateTimeFormatter RFC_850 =
      DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss zzz", Locale.US);
  private static final DateTimeFormatter ASCTIME =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC);

  /** Epoch millis of an HTTP date (RFC 1123, RFC 850, asctime or ISO 8601) as {@code Date.parse} reads it; NaN if not one. */
  static double parseDate(String value) {
    if (value == null) {
      return Double.NaN;
    }
    String s = value.trim();
    for (DateTimeFormatter f : new DateTimeFormatter[] {DateTimeFormatter.RFC_1123_DATE_TIME, RFC_850, ASCTIME}) {
      try {
        return ZonedDateTime.parse(s, f).toInstant().toEpochMilli();
      } catch (DateTimeParseException e) {
        // try the next format
      }
    }
    try {
      return Instant.parse(s).toEpochMilli();
    } catch (DateTimeParseException e) {
      return Double.NaN;
    }
  }
}
