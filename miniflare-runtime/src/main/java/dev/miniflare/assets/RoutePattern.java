package dev.miniflare.assets;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path pattern of {@code _headers} and {@code _redirects}: {@code *} is a splat (any characters, {@code :splat} in
 * the target), {@code :name} a placeholder (one path segment; in the host of an {@code https://} rule, one label).
 * As on Cloudflare, a pattern with two splats or a repeated placeholder never matches, and a pattern starting with
 * {@code https://} is matched against {@code https://<hostname><path>}.
 */
final class RoutePattern {
  private static final Pattern PLACEHOLDER = Pattern.compile(":([A-Za-z]\\w*)");

  private final Pattern regex; // null when the pattern can never match
  private final List<String> names;
  private final boolean crossHost;

  private RoutePattern(Pattern regex, List<String> names, boolean crossHost) {
    this.regex = regex;
    this.names = names;
    this.crossHost = crossHost;
  }

  static RoutePattern compile(String rule) {
    boolean crossHost = rule.startsWith("https://");
    int hostEnd = crossHost ? rule.indexOf('/', "https://".length()) : -1;
    if (crossHost && hostEnd < 0) {
      hostEnd = rule.length();
    }
    StringBuilder re = new StringBuilder("^");
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    boolean valid = true;
    int i = 0;
    while (i < rule.length()) {
      char c = rule.charAt(i);
      if (c == '*') {
        valid &= seen.add("splat");
        names.add("splat");
        re.append("(?<g").append(names.size() - 1).append(">.*)");
        i++;
        continue;
      }
      if (c == ':') {
        Matcher m = PLACEHOLDER.matcher(rule).region(i, rule.length());
        if (m.lookingAt()) {
          String name = m.group(1);
          valid &= seen.add(name);
          names.add(name);
          // a host label cannot span dots; a path placeholder is one segment
          re.append("(?<g").append(names.size() - 1).append(">").append(i < hostEnd ? "[^/.]+" : "[^/]+").append(")");
          i = m.end();
          continue;
        }
      }
      re.append(Pattern.quote(String.valueOf(c)));
      i++;
    }
    re.append('$');
    return new RoutePattern(valid ? Pattern.compile(re.toString(), Pattern.DOTALL) : null, List.copyOf(names), crossHost);
  }

  /** The placeholder values (splat included) in pattern order when the request matches, else {@code null}. */
  Map<String, String> match(String hostname, String pathname) {
    if (regex == null) {
      return null;
    }
    Matcher m = regex.matcher(crossHost ? "https://" + hostname + pathname : pathname);
    if (!m.matches()) {
      return null;
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int g = 0; g < names.size(); g++) {
      values.put(names.get(g), m.group("g" + g));
    }
    return values;
  }

  /** Replaces {@code :name} in {@code template} by each value, in pattern order (Cloudflare's substitution). */
  static String substitute(String template, Map<String, String> values) {
    String out = template;
    for (Map.Entry<String, String> e : values.entrySet()) {
      out = out.replace(":" + e.getKey(), e.getValue());
    }
    return out;
  }
}
