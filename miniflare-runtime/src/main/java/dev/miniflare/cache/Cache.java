package dev.miniflare.cache;

import dev.miniflare.http.Headers;
import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * One cache of a Miniflare instance seen from Java ({@code Miniflare#defaultCache()} is the workers'
 * {@code caches.default}, {@code Miniflare#cache(name)} is {@code caches.open(name)}): seed it before a request or
 * inspect what a worker stored. Reads and writes follow the same rules as the workers' Cache API: only GET
 * requests, Cache-Control honoured, expiry by the instance clock, and {@code cf-cache-status: HIT} on matches.
 *
 * <pre>{@code
 * mf.defaultCache().put("https://example.com/a", Response.builder(200)
 *     .header("cache-control", "max-age=60").body("seeded").build());
 * Optional<Response> hit = mf.defaultCache().match("https://example.com/a");
 * }</pre>
 */
public final class Cache {
  private final String name;
  private final CacheStore store;

  /** A view of {@code store}; {@code name} is null for the default cache. */
  public Cache(String name, CacheStore store) {
    this.name = name;
    this.store = store;
  }

  /** The cache's name, or {@code null} for the default cache. */
  public String name() {
    return name;
  }

  /** The stored response for a GET of {@code url}, with {@code cf-cache-status: HIT}; empty on a miss. */
  public Optional<Response> match(String url) {
    return match(Request.get(url));
  }

  /**
   * The response {@code cache.match(request)} gives a worker: empty for non-GET requests and misses; honours
   * {@code Range}, {@code If-None-Match} and {@code If-Modified-Since}.
   */
  public Optional<Response> match(Request request) {
    if (!request.method().equals("GET")) {
      return Optional.empty();
    }
    return Optional.ofNullable(store.match(key(request.url()), request.headers()));
  }

  /** Stores {@code response} for a GET of {@code url} (if its Cache-Control allows it, as for a worker). */
  public void put(String url, Response response) {
    put(Request.get(url), response);
  }

  /**
   * Stores {@code response} for {@code request} as {@code cache.put} does.
   *
   * @throws IllegalArgumentException with workerd's message for a non-GET request, a 206 response or
   *     {@code Vary: *}
   */
  public void put(Request request, Response response) {
    if (!request.method().equals("GET")) {
      throw new IllegalArgumentException("Cannot cache response to non-GET request.");
    }
    if (response.status() == 206) {
      throw new IllegalArgumentException("Cannot cache response to a range request (206 Partial Content).");
    }
    String vary = response.headers().get("vary");
    if (vary != null) {
      for (String v : vary.split(",")) {
        if (v.trim().equals("*")) {
          throw new IllegalArgumentException("Cannot cache response with 'Vary: *' header.");
        }
      }
    }
    byte[] body = response.bytes();
    Headers headers = response.headers().toBuilder().set("content-length", Integer.toString(body.length)).build();
    store.put(key(request.url()), request.headers(), response.status(), headers, body);
  }

  /** Deletes the entry for {@code url}; whether a fresh one existed. */
  public boolean delete(String url) {
    return store.delete(key(url));
  }

  /** Number of stored entries, expired ones included. */
  public int size() {
    return store.size();
  }

  /**
   * The cache key of a URL as a worker's {@code Request} would normalise it: scheme and host lower-cased, an
   * empty path as "/", no fragment.
   */
  static String key(String url) {
    try {
      URI u = new URI(url);
      if (u.getScheme() == null) {
        throw new IllegalArgumentException("Invalid URL: " + url);
      }
      String scheme = u.getScheme().toLowerCase(Locale.ROOT);
      if (u.getRawAuthority() == null) {
        return scheme + ":" + u.getRawSchemeSpecificPart();
      }
      String authority = u.getRawAuthority();
      int at = authority.lastIndexOf('@');
      authority = authority.substring(0, at + 1) + authority.substring(at + 1).toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") && authority.endsWith(":80")) || (scheme.equals("https") && authority.endsWith(":443"))) {
        authority = authority.substring(0, authority.lastIndexOf(':'));
      }
      String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
      return scheme + "://" + authority + path + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("Invalid URL: " + url, e);
    }
  }
}
