package dev.miniflare.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/** Turns TOML or JSON(C) text into a positioned {@link Node} tree, reporting syntax errors with their location. */
final class ConfigParser {
  // Wrangler reads both .json and .jsonc with a JSONC parser, so comments and trailing commas are
  // accepted in either; duplicate keys are rejected because the later one would silently win.
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private ConfigParser() {}

  /** Parses {@code text}; the root of the result is always a table. */
  static Node parse(Path file, ConfigFormat format, String text) {
    return format == ConfigFormat.TOML ? parseToml(file, text) : parseJson(file, text);
  }

  // ---- TOML ----

  private static Node parseToml(Path file, String text) {
    TomlParseResult result = Toml.parse(text);
    if (result.hasErrors()) {
      TomlParseError e = result.errors().get(0);
      TomlPosition p = e.position();
      String more = result.errors().size() > 1 ? " (and " + (result.errors().size() - 1) + " more)" : "";
      throw new ConfigException(
          file,
          p == null ? -1 : p.line(),
          p == null ? -1 : p.column(),
          "invalid TOML: " + e.getMessage() + more,
          e);
    }
    return fromToml(result, 1, 1);
  }

  private static Node fromToml(Object value, int line, int column) {
    if (value instanceof TomlTable) {
      TomlTable t = (TomlTable) value;
      Map<String, Node> map = new LinkedHashMap<>();
      for (String key : t.keySet()) {
        // List.of(key): the String overloads would split quoted keys such as "a.b" on the dot.
        List<String> path = List.of(key);
        TomlPosition p = t.inputPositionOf(path);
        map.put(key, fromToml(t.get(path), p == null ? -1 : p.line(), p == null ? -1 : p.column()));
      }
      return new Node(map, line, column);
    }
    if (value instanceof TomlArray) {
      TomlArray a = (TomlArray) value;
      List<Node> list = new ArrayList<>(a.size());
      for (int i = 0; i < a.size(); i++) {
        TomlPosition p = a.inputPositionOf(i);
        list.add(fromToml(a.get(i), p == null ? line : p.line(), p == null ? column : p.column()));
      }
      return new Node(list, line, column);
    }
    return new Node(value, line, column);
  }

  // ---- JSON / JSONC ----

  private static Node parseJson(Path file, String text) {
    try (JsonParser p = JSON.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new ConfigException(file, 1, 1, "invalid JSON: the file is empty, expected an object");
      }
      if (first != JsonToken.START_OBJECT) {
        JsonLocation l = p.currentTokenLocation();
        throw new ConfigException(
            file, l.getLineNr(), l.getColumnNr(), "invalid JSON: the root must be an object");
      }
      Node root = readJson(p);
      if (p.nextToken() != null) {
        JsonLocation l = p.currentTokenLocation();
        throw new ConfigException(
            file, l.getLineNr(), l.getColumnNr(), "invalid JSON: unexpected content after the root object");
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      throw new ConfigException(
          file,
          l == null ? -1 : l.getLineNr(),
          l == null ? -1 : l.getColumnNr(),
          "invalid JSON: " + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new ConfigException(file, -1, -1, "cannot read: " + e.getMessage(), e);
    }
  }

  /** Reads the value whose first token is current; leaves the parser on its last token. */
  private static Node readJson(JsonParser p) throws IOException {
    JsonLocation loc = p.currentTokenLocation();
    int line = loc.getLineNr();
    int col = loc.getColumnNr();
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT: {
        Map<String, Node> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonLocation kl = p.currentTokenLocation();
          p.nextToken();
          Node v = readJson(p);
          // Point at the key rather than the value: that is what a reader looks for.
          map.put(name, new Node(v.value, kl.getLineNr(), kl.getColumnNr()));
        }
        return new Node(map, line, col);
      }
      case START_ARRAY: {
        List<Node> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) list.add(readJson(p));
        return new Node(list, line, col);
      }
      case VALUE_STRING:
        return new Node(p.getText(), line, col);
      case VALUE_NUMBER_INT:
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          BigInteger big = p.getBigIntegerValue();
          return new Node(big.doubleValue(), line, col);
        }
        return new Node(p.getLongValue(), line, col);
      case VALUE_NUMBER_FLOAT:
        return new Node(p.getDoubleValue(), line, col);
      case VALUE_TRUE:
        return new Node(Boolean.TRUE, line, col);
      case VALUE_FALSE:
        return new Node(Boolean.FALSE, line, col);
      case VALUE_NULL:
        return new Node(null, line, col);
      default:
        throw new IllegalStateException("unexpected JSON token " + t);
    }
  }
}
