package dev.miniflare.assets;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which files of the assets directory are not served: {@code .assetsignore} lines with {@code .gitignore} syntax
 * ({@code *}, {@code **}, {@code ?}, {@code [...]}, a leading {@code /} or an inner {@code /} anchors to the
 * directory, a trailing {@code /} matches directories only, {@code !} re-includes, {@code #} comments), plus
 * wrangler's own metafiles {@code /.assetsignore}, {@code /_headers} and {@code /_redirects}.
 */
final class AssetsIgnore {
  private record Rule(Pattern pattern, boolean negated, boolean directoryOnly) {}

  private final List<Rule> rules;

  private AssetsIgnore(List<Rule> rules) {
    this.rules = rules;
  }

  static AssetsIgnore parse(String assetsIgnoreText) {
    List<String> lines = new ArrayList<>(List.of("/.assetsignore", "/_redirects", "/_headers"));
    if (assetsIgnoreText != null) {
      lines.addAll(List.of(assetsIgnoreText.split("\n", -1)));
    }
    List<Rule> rules = new ArrayList<>();
    for (String raw : lines) {
      String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
      line = line.replaceFirst("(?<!\\\\)\\s+$", "");
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      boolean negated = line.startsWith("!");
      if (negated) {
        line = line.substring(1);
      }
      if (line.startsWith("\\#") || line.startsWith("\\!")) {
        line = line.substring(1);
      }
      boolean directoryOnly = line.endsWith("/");
      if (directoryOnly) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.isEmpty()) {
        continue;
      }
      boolean anchored = line.contains("/");
      if (line.startsWith("/")) {
        line = line.substring(1);
      }
      String body = globToRegex(line);
      rules.add(new Rule(Pattern.compile((anchored ? "^" : "^(?:.*/)?") + body + "$", Pattern.DOTALL), negated,
          directoryOnly));
    }
    return new AssetsIgnore(List.copyOf(rules));
  }

  private static String globToRegex(String glob) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        boolean slashAfter = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
        boolean atSegmentStart = i == 0 || glob.charAt(i - 1) == '/';
        if (atSegmentStart && slashAfter) {
          re.append("(?:.*/)?"); // "**/": any number of directories, including none
          i += 2;
        } else {
          re.append(".*");
          i += 1;
        }
      } else if (c == '*') {
        re.append("[^/]*");
      } else if (c == '?') {
        re.append("[^/]");
      } else if (c == '[') {
        int end = glob.indexOf(']', i + 1);
        if (end < 0) {
          re.append("\\[");
        } else {
          String set = glob.substring(i + 1, end).replace("\\", "\\\\");
          re.append('[').append(set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
          i = end;
        }
      } else if (c == '\\' && i + 1 < glob.length()) {
        re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return re.toString();
  }

  /**
   * Whether a file is ignored, by its path relative to the assets directory with {@code /} separators. As in git,
   * a file inside an ignored directory stays ignored whatever later rules say.
   */
  boolean ignores(String relativePath) {
    String[] parts = relativePath.split("/");
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        prefix.append('/');
      }
      prefix.append(parts[i]);
      boolean directory = i < parts.length - 1;
      if (matches(prefix.toString(), directory)) {
        return true;
      }
    }
    return false;
  }

  private boolean matches(String path, boolean directory) {
    boolean ignored = false;
    for (Rule r : rules) {
      if ((!r.directoryOnly || directory) && r.pattern.matcher(path).matches()) {
        ignored = !r.negated;
      }
    }
    return ignored;
  }
}
