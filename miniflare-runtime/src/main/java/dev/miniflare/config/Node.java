package dev.miniflare.config;

import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One parsed value with the position it came from, so TOML and JSON are validated by the same code
 * and every message can point at a line and column.
 *
 * <p>{@code value} is a String, Long, Double, Boolean, a {@code java.time} value (TOML dates), a
 * {@code List<Node>}, a {@code LinkedHashMap<String, Node>}, or {@code null} (JSON null). For a table
 * entry the position is the key's; for an array element it is the element's.
 */
final class Node {
  final Object value;
  final int line;
  final int column;

  Node(Object value, int line, int column) {
    this.value = value;
    this.line = line;
    this.column = column;
  }

  boolean isNull() {
    return value == null;
  }

  boolean isTable() {
    return value instanceof Map;
  }

  boolean isArray() {
    return value instanceof List;
  }

  @SuppressWarnings("unchecked")
  Map<String, Node> table() {
    return (Map<String, Node>) value;
  }

  @SuppressWarnings("unchecked")
  List<Node> array() {
    return (List<Node>) value;
  }

  /** A short type name for "expected X but got Y" messages. */
  String typeName(ConfigFormat format) {
    if (value == null) return "null";
    if (value instanceof String) return "a string";
    if (value instanceof Long) return "an integer";
    if (value instanceof Double) return "a float";
    if (value instanceof Boolean) return "a boolean";
    if (value instanceof List) return "an array";
    if (value instanceof Map) return format.aTable();
    if (value instanceof TemporalAccessor) return "a date/time";
    return value.getClass().getSimpleName();
  }

  /**
   * Converts to plain, unmodifiable Java values (String, Long, Double, Boolean, List, insertion-ordered
   * Map, null), the shape handed to the Worker as {@code env} values.
   */
  Object toPlain() {
    if (value instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      table().forEach((k, v) -> out.put(k, v.toPlain()));
      return Collections.unmodifiableMap(out);
    }
    if (value instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Node n : array()) out.add(n.toPlain());
      return Collections.unmodifiableList(out);
    }
    return value;
  }
}
