package dev.miniflare.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An immutable, fully buffered message body. Text bodies keep their string so that a string written by a worker
 * and read as text from Java is never encoded and decoded on the way.
 */
final class Body {
  static final Body EMPTY = new Body(new byte[0], "");

  private volatile byte[] bytes;
  private volatile String text;

  private Body(byte[] bytes, String text) {
    this.bytes = bytes;
    this.text = text;
  }

  static Body ofBytes(byte[] bytes) {
    return bytes == null || bytes.length == 0 ? EMPTY : new Body(bytes.clone(), null);
  }

  /** Takes ownership of the array without copying; callers must not modify it afterwards. */
  static Body wrap(byte[] bytes) {
    return bytes == null || bytes.length == 0 ? EMPTY : new Body(bytes, null);
  }

  static Body ofText(String text) {
    return text == null || text.isEmpty() ? EMPTY : new Body(null, text);
  }

  byte[] bytes() {
    byte[] b = bytes;
    if (b == null) {
      b = text.getBytes(StandardCharsets.UTF_8);
      bytes = b;
    }
    return b;
  }

  String text() {
    String t = text;
    if (t == null) {
      t = new String(bytes, StandardCharsets.UTF_8);
      text = t;
    }
    return t;
  }

  boolean isEmpty() {
    return this == EMPTY || (bytes != null ? bytes.length == 0 : text.isEmpty());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Body b && Arrays.equals(b.bytes(), bytes());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes());
  }
}
