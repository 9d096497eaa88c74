package dev.miniflare.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable, ordered, multi-valued HTTP header list with case-insensitive names. Names are stored lower-cased
 * (as the Workers runtime reports them); values keep their case.
 */
public final class Headers {
  private static final Headers EMPTY = new Headers(List.of(), List.of());

  private final List<String> names;
  private final List<String> values;

  private Headers(List<String> names, List<String> values) {
    this.names = names;
    this.values = values;
  }

  /** An empty header list. */
  public static Headers empty() {
    return EMPTY;
  }

  /** Headers from a map of single values, in the map's iteration order. */
  public static Headers of(Map<String, String> map) {
    Builder b = builder();
    map.forEach(b::add);
    return b.build();
  }

  /** Headers from alternating name/value strings: {@code Headers.of("content-type", "text/plain")}. */
  public static Headers of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("expected name/value pairs, got an odd number of strings");
    }
    Builder b = builder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      b.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return b.build();
  }

  /** A builder for a new header list. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these headers. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.names.addAll(names);
    b.values.addAll(values);
    return b;
  }

  /** The first value of the header, if present. */
  public Optional<String> first(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equals(lower)) {
        return Optional.of(values.get(i));
      }
    }
    return Optional.empty();
  }

  /**
   * The header's values joined with {@code ", "} as the Fetch standard's {@code get} does, or {@code null} when
   * absent.
   */
  public String get(String name) {
    List<String> all = all(name);
    return all.isEmpty() ? null : String.join(", ", all);
  }

  /** Every value of the header, in order. */
  public List<String> all(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>(1);
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equals(lower)) {
        out.add(values.get(i));
      }
    }
    return out;
  }

  /** Whether the header is present. */
  public boolean contains(String name) {
    return first(name).isPresent();
  }

  /** Number of name/value entries. */
  public int size() {
    return names.size();
  }

  /** The lower-cased name of entry {@code i}. */
  public String name(int i) {
    return names.get(i);
  }

  /** The value of entry {@code i}. */
  public String value(int i) {
    return values.get(i);
  }

  /** Entries as (lower-cased name, value) pairs in insertion order. */
  public List<Map.Entry<String, String>> entries() {
    List<Map.Entry<String, String>> out = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      out.add(Map.entry(names.get(i), values.get(i)));
    }
    return Collections.unmodifiableList(out);
  }

  /** Whether there are no headers. */
  public boolean isEmpty() {
    return names.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Headers h && h.names.equals(names) && h.values.equals(values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(names, values);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(names.get(i)).append(": ").append(values.get(i));
    }
    return sb.append('}').toString();
  }

  /** Mutable builder of {@link Headers}. */
  public static final class Builder {
    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    private Builder() {}

    /** Appends a value, keeping existing values of the same name. */
    public Builder add(String name, String value) {
      names.add(name.toLowerCase(Locale.ROOT));
      values.add(Objects.requireNonNull(value, "header value"));
      return this;
    }

    /** Replaces every value of the header with this one. */
    public Builder set(String name, String value) {
      remove(name);
      return add(name, value);
    }

    /** Removes every value of the header. */
    public Builder remove(String name) {
      String lower = name.toLowerCase(Locale.ROOT);
      for (int i = names.size() - 1; i >= 0; i--) {
        if (names.get(i).equals(lower)) {
          names.remove(i);
          values.remove(i);
        }
      }
      return this;
    }

    /** The immutable header list. */
    public Headers build() {
      return names.isEmpty() ? EMPTY : new Headers(List.copyOf(names), List.copyOf(values));
    }
  }
}
