package dev.miniflare.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A decoded source map (version 3, as esbuild writes it): for a generated line and column, the original file,
 * line and column. {@link #remap(String)} rewrites the {@code file:line:column} locations GraalJS puts in stack
 * traces and console output; bundles register their map so every error text leaving an isolate is mapped.
 */
public final class SourceMap {
  private static final Map<String, SourceMap> REGISTERED = new ConcurrentHashMap<>();
  private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private final String generatedFile;
  private final Pattern location;
  private final List<String> sources;
  /** Per generated line: segments of {generated column, source index, original line, original column}. */
  private final List<int[][]> lines;

  private SourceMap(String generatedFile, List<String> sources, List<int[][]> lines) {
    this.generatedFile = generatedFile;
    this.location = Pattern.compile(Pattern.quote(generatedFile) + ":(\\d+)(?::(\\d+))?");
    this.sources = sources;
    this.lines = lines;
  }

  /**
   * Reads a map file; relative {@code sources} are resolved against the map's folder.
   *
   * @param mapFile the {@code .map} file
   * @param generatedFile the path of the generated file as stack traces show it
   */
  public static SourceMap read(Path mapFile, Path generatedFile) throws IOException {
    JsonNode json = new ObjectMapper().readTree(mapFile.toFile());
    Path dir = mapFile.toAbsolutePath().getParent();
    String root = json.path("sourceRoot").asText("");
    List<String> sources = new ArrayList<>();
    for (JsonNode s : json.path("sources")) {
      String name = root.isEmpty() ? s.asText() : root + (root.endsWith("/") ? "" : "/") + s.asText();
      sources.add(name.startsWith("/") || name.contains(":") ? name
          : dir.resolve(name).normalize().toString().replace('\\', '/'));
    }
    return new SourceMap(generatedFile.toString().replace('\\', '/'), sources, decode(json.path("mappings").asText("")));
  }

  /** Decodes the base64-VLQ {@code mappings} into absolute values per generated line. */
  static List<int[][]> decode(String mappings) {
    List<int[][]> lines = new ArrayList<>();
    List<int[]> current = new ArrayList<>();
    int source = 0;
    int originalLine = 0;
    int originalColumn = 0;
    int[] fields = new int[5];
    int i = 0;
    while (i <= mappings.length()) {
      if (i == mappings.length() || mappings.charAt(i) == ';') {
        lines.add(current.toArray(int[][]::new));
        current = new ArrayList<>();
        i++;
        continue;
      }
      if (mappings.charAt(i) == ',') {
        i++;
        continue;
      }
      int generatedColumn = current.isEmpty() ? 0 : current.get(current.size() - 1)[0];
      int count = 0;
      while (i < mappings.length() && mappings.charAt(i) != ',' && mappings.charAt(i) != ';') {
        int value = 0;
        int shift = 0;
        int digit;
        do {
          digit = BASE64.indexOf(mappings.charAt(i++));
          if (digit < 0) {
            throw new IllegalArgumentException("invalid source map mappings");
          }
          value += (digit & 31) << shift;
          shift += 5;
        } while ((digit & 32) != 0);
        fields[count++] = (value & 1) != 0 ? -(value >>> 1) : value >>> 1;
      }
      generatedColumn += fields[0];
      if (count >= 4) {
        source += fields[1];
        originalLine += fields[2];
        originalColumn += fields[3];
        current.add(new int[] {generatedColumn, source, originalLine, originalColumn});
      } else {
        current.add(new int[] {generatedColumn, -1, 0, 0});
      }
    }
    return lines;
  }

  /**
   * The original position of a generated one.
   *
   * @param line 1-based generated line
   * @param column 1-based generated column
   * @return {@code file:line:column} (1-based), or null when the position maps to no source
   */
  public String originalPosition(int line, int column) {
    if (line < 1 || line > lines.size()) {
      return null;
    }
    int[][] segments = lines.get(line - 1);
    int[] best = null;
    for (int[] s : segments) {
      if (s[0] <= column - 1) {
        best = s;
      } else {
        break;
      }
    }
    if (best == null && segments.length > 0) {
      best = segments[0];
    }
    if (best == null || best[1] < 0) {
      return null;
    }
    return sources.get(best[1]) + ":" + (best[2] + 1) + ":" + (best[3] + 1);
  }

  /** {@code text} with every {@code <generated file>:line[:column]} replaced by the original location. */
  public String remap(String text) {
    if (text == null || !text.contains(generatedFile)) {
      return text;
    }
    Matcher m = location.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      int line = Integer.parseInt(m.group(1));
      int column = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
      String original = originalPosition(line, column);
      m.appendReplacement(out, Matcher.quoteReplacement(original != null ? original : m.group()));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Makes {@link #remapAll(String)} map locations in this map's generated file. */
  public void register() {
    REGISTERED.put(generatedFile, this);
  }

  /**
   * {@code text} (a stack trace, a console line) with the locations of every registered bundle mapped to their
   * original files; unchanged when no bundle is named in it.
   */
  public static String remapAll(String text) {
    if (text == null || REGISTERED.isEmpty()) {
      return text;
    }
    String out = text;
    for (SourceMap map : REGISTERED.values()) {
      out = map.remap(out);
    }
    return out;
  }
}
