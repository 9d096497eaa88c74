package dev.miniflare.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A parser for dotenv files ({@code .dev.vars}, {@code .env}), following the {@code dotenv} package
 * Wrangler uses:
 *
 * <ul>
 *   <li>{@code KEY=VALUE} lines; an optional {@code export } prefix; blank lines and {@code #}
 *       comment lines are skipped;
 *   <li>unquoted values are trimmed and end at a {@code #} preceded by whitespace (an inline comment);
 *   <li>values in single quotes, double quotes or backticks are taken literally and may span lines;
 *       double-quoted values also expand {@code \n}, {@code \r}, {@code \t}, {@code \"} and
 *       {@code \\};
 *   <li>a later assignment of the same key wins; lines that are not assignments are ignored.
 * </ul>
 *
 * Variable expansion ({@code ${OTHER}}) is not performed.
 */
public final class DotEnv {
  private DotEnv() {}

  /**
   * Parses dotenv text.
   *
   * @param text the file content
   * @return the variables in file order, unmodifiable
   */
  public static Map<String, String> parse(String text) {
    return parse(text, (line, msg) -> {});
  }

  /**
   * Reads and parses a dotenv file as UTF-8.
   *
   * @param file the file
   * @return the variables in file order, unmodifiable
   * @throws ConfigException if the file cannot be read
   */
  public static Map<String, String> load(Path file) {
    return parse(read(file), (line, msg) -> {});
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(file, -1, -1, "cannot read: " + e, e);
    }
  }

  /**
   * Parses dotenv text, reporting lines that are not assignments.
   *
   * @param onInvalid receives the 1-based line number and a description of each skipped line
   */
  static Map<String, String> parse(String text, BiConsumer<Integer, String> onInvalid) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text.startsWith("\uFEFF")) text = text.substring(1);
    int i = 0;
    int line = 1;
    int n = text.length();
    while (i < n) {
      int lineStart = line;
      int eol = indexOfEol(text, i);
      String raw = text.substring(i, eol);
      String trimmed = raw.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        i = nextLine(text, eol);
        line++;
        continue;
      }
      int p = skipBlanks(text, i, eol);
      if (text.startsWith("export", p) && p + 6 < eol && (text.charAt(p + 6) == ' ' || text.charAt(p + 6) == '\t')) {
        p = skipBlanks(text, p + 6, eol);
      }
      int eq = text.indexOf('=', p);
      String key = eq < 0 || eq > eol ? "" : text.substring(p, eq).strip();
      if (key.isEmpty() || !key.matches("[A-Za-z0-9_.\\-]+")) {
        onInvalid.accept(lineStart, "ignored line that is not KEY=VALUE");
        i = nextLine(text, eol);
        line++;
        continue;
      }
      // Work on absolute offsets from here so a quoted value may run past this line.
      int valueStart = skipBlanks(text, eq + 1, eol);
      char q = valueStart < eol ? text.charAt(valueStart) : 0;
      if (q == '"' || q == '\'' || q == '`') {
        int close = findClose(text, valueStart + 1, q);
        if (close >= 0) {
          String inner = text.substring(valueStart + 1, close);
          out.put(key, q == '"' ? unescape(inner) : inner);
          line += count(text, valueStart, close, '\n');
          int end = indexOfEol(text, close);
          i = nextLine(text, end);
          line++;
          continue;
        }
        // No closing quote: dotenv then treats the text as an unquoted value.
      }
      String value = text.substring(valueStart, eol);
      int hash = inlineComment(value);
      if (hash >= 0) value = value.substring(0, hash);
      out.put(key, value.strip());
      i = nextLine(text, eol);
      line++;
    }
    return Collections.unmodifiableMap(out);
  }

  private static int skipBlanks(String s, int from, int end) {
    while (from < end && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) from++;
    return from;
  }

  private static int indexOfEol(String s, int from) {
    for (int j = from; j < s.length(); j++) {
      char c = s.charAt(j);
      if (c == '\n' || c == '\r') return j;
    }
    return s.length();
  }

  private static int nextLine(String s, int eol) {
    if (eol < s.length() && s.charAt(eol) == '\r') eol++;
    if (eol < s.length() && s.charAt(eol) == '\n') eol++;
    return eol;
  }

  private static int findClose(String s, int from, char q) {
    for (int j = from; j < s.length(); j++) {
      char c = s.charAt(j);
      if (c == '\\' && q == '"' && j + 1 < s.length()) {
        j++;
      } else if (c == q) {
        return j;
      }
    }
    return -1;
  }

  private static int count(String s, int from, int to, char c) {
    int k = 0;
    for (int j = from; j < to; j++) if (s.charAt(j) == c) k++;
    return k;
  }

  private static int inlineComment(String v) {
    for (int j = 0; j < v.length(); j++) {
      if (v.charAt(j) == '#' && (j == 0 || Character.isWhitespace(v.charAt(j - 1)))) return j;
    }
    return -1;
  }

  private static String unescape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int j = 0; j < s.length(); j++) {
      char c = s.charAt(j);
      if (c == '\\' && j + 1 < s.length()) {
        char e = s.charAt(++j);
        switch (e) {
          case 'n': sb.append('\n'); break;
          case 'r': sb.append('\r'); break;
          case 't': sb.append('\t'); break;
          case '"': sb.append('"'); break;
          case '\\': sb.append('\\'); break;
          default: sb.append('\\').append(e);
        }
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
