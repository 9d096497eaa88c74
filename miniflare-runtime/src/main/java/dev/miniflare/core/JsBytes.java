package dev.miniflare.core;

import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.Value;

/** Copies bytes out of JS values: strings (UTF-8) and ArrayBuffers (with an offset and length for views). */
public final class JsBytes {
  private JsBytes() {}

  /** The bytes of a JS string (UTF-8) or of an ArrayBuffer range. */
  public static byte[] read(Value data, int offset, int length) {
    if (data == null || data.isNull()) {
      return new byte[0];
    }
    if (data.isString()) {
      return data.asString().getBytes(StandardCharsets.UTF_8);
    }
    if (data.hasBufferElements()) {
      byte[] out = new byte[length];
      data.readBuffer(offset, out, 0, length);
      return out;
    }
    throw new IllegalArgumentException("expected a string or ArrayBuffer, got " + data);
  }
}
