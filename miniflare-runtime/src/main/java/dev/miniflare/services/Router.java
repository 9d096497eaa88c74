package dev.miniflare.services;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Matches request URLs against workers' routes in Cloudflare's route syntax: an optional protocol, a host that
 * may start with {@code *} (any subdomain), and a path that may end with {@code *} (any suffix). Ports are
 * ignored. The most specific (longest) pattern wins.
 */
public final class Router {
  private record Route(String worker, String pattern, String protocol, boolean hostPrefix, String host,
      boolean pathSuffix, String path, int specificity) {}

  private final List<Route> routes = new ArrayList<>();

  /** Adds a route of a worker; throws {@link IllegalArgumentException} for a malformed pattern. */
  public void add(String worker, String pattern) {
    String p = pattern.trim();
    String protocol = null;
    int scheme = p.indexOf("://");
    if (scheme > 0) {
      protocol = p.substring(0, scheme).toLowerCase(Locale.ROOT) + ":";
      p = p.substring(scheme + 3);
    }
    int slash = p.indexOf('/');
    String host = slash < 0 ? p : p.substring(0, slash);
    String path = slash < 0 ? "/" : p.substring(slash);
    int colon = host.lastIndexOf(':');
    if (colon >= 0 && host.indexOf(']') < colon) {
      host = host.substring(0, colon);
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("route \"" + pattern + "\" has no host; expected e.g. \"example.com/*\"");
    }
    boolean hostPrefix = host.startsWith("*");
    if (hostPrefix) {
      host = host.substring(1);
    }
    boolean pathSuffix = path.endsWith("*");
    if (pathSuffix) {
      path = path.substring(0, path.length() - 1);
    }
    int specificity = pattern.length() - (protocol == null ? 0 : protocol.length() + 2);
    routes.add(new Route(worker, pattern, protocol, hostPrefix, host.toLowerCase(Locale.ROOT), pathSuffix, path,
        specificity));
    routes.sort(Comparator.comparingInt(Route::specificity).reversed());
  }

  /** Whether any route is configured. */
  public boolean isEmpty() {
    return routes.isEmpty();
  }

  /**
   * The worker whose route matches, or {@code null}. {@code hostOverride} (a Host header) replaces the URL's
   * host when present.
   */
  public String match(String url, String hostOverride) {
    if (routes.isEmpty()) {
      return null;
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return null;
    }
    String host = hostOverride != null && !hostOverride.isEmpty() ? stripPort(hostOverride) : uri.getHost();
    if (host == null) {
      return null;
    }
    host = host.toLowerCase(Locale.ROOT);
    String protocol = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT) + ":";
    String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    for (Route r : routes) {
      if (r.protocol() != null && !r.protocol().equals(protocol)) {
        continue;
      }
      if (r.hostPrefix() ? !host.endsWith(r.host()) : !host.equals(r.host())) {
        continue;
      }
      if (r.pathSuffix() ? !path.startsWith(r.path()) : !path.equals(r.path())) {
        continue;
      }
      return r.worker();
    }
    return null;
  }

  private static String stripPort(String host) {
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end > 0 ? host.substring(1, end) : host;
    }
    int colon = host.indexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }
}
