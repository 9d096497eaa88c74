package dev.miniflare.assets;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks and normalises the URLs of {@code _headers} and {@code _redirects} lines as Cloudflare does. */
final class RuleUrls {
  private RuleUrls() {}

  private static final Pattern ABSOLUTE = Pattern.compile("^https://+(?<host>[^/]+)/?(?<path>.*)", Pattern.DOTALL);
  private static final Pattern HOST_WITH_PORT = Pattern.compile(".*:\\d+$");

  /** A checked URL: {@code value} when valid, else {@code error}. */
  record Result(String value, String error) {}

  static boolean hasHost(String token) {
    Matcher m = ABSOLUTE.matcher(token);
    return m.find() && !m.group("host").isEmpty();
  }

  static Result validate(String token, boolean onlyRelative, boolean disallowPorts, boolean keepSearchAndHash) {
    Matcher m = ABSOLUTE.matcher(token);
    if (m.find() && !m.group("host").isEmpty()) {
      if (onlyRelative) {
        return new Result(null, "Only relative URLs are allowed. Skipping absolute URL " + token + ".");
      }
      if (disallowPorts && HOST_WITH_PORT.matcher(m.group("host")).matches()) {
        return new Result(null, "Specifying ports is not supported. Skipping absolute URL " + token + ".");
      }
      return new Result("https://" + m.group("host") + pathname(m.group("path"), keepSearchAndHash), null);
    }
    if (!token.startsWith("/") && onlyRelative) {
      token = "/" + token;
    }
    if (token.startsWith("/")) {
      return new Result(pathname(token, keepSearchAndHash), null);
    }
    return new Result(null, onlyRelative ? "URLs should begin with a forward-slash."
        : "URLs should either be relative (e.g. begin with a forward-slash), or use HTTPS (e.g. begin with \"https://\").");
  }

  /**
   * The path (and optionally search and hash) as a URL parser gives it: leading slashes collapsed to one, the
   * query and fragment cut off unless kept, characters outside URL syntax percent-encoded.
   */
  static String pathname(String path, boolean keepSearchAndHash) {
    String p = path.replaceFirst("^/+", "/");
    if (!p.startsWith("/")) {
      p = "/" + p;
    }
    if (!keepSearchAndHash) {
      int cut = indexOfAny(p, '?', '#');
      if (cut >= 0) {
        p = p.substring(0, cut);
      }
    }
    StringBuilder out = new StringBuilder();
    for (byte b : p.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '`' || c == '{' || c == '}') {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      } else {
        out.append((char) c);
      }
    }
    return out.toString();
  }

  private static int indexOfAny(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    return i < 0 ? j : j < 0 ? i : Math.min(i, j);
  }
}
