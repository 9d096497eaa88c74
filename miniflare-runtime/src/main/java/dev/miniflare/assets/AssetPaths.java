package dev.miniflare.assets;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** URL paths as the asset worker decodes and re-encodes them, and wrangler dev's ETags. */
final class AssetPaths {
  private AssetPaths() {}

  /** Each segment percent-decoded (left as is when it does not decode), runs of slashes collapsed. */
  static String decodePath(String pathname) {
    String[] segments = pathname.split("/", -1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        out.append('/');
      }
      out.append(decodeComponent(segments[i]));
    }
    return out.toString().replaceAll("/+", "/");
  }

  /** JavaScript's {@code decodeURIComponent}, returning the input when it is malformed. */
  private static String decodeComponent(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          return s;
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return s;
        }
        bytes.write(hi * 16 + lo);
        i += 3;
        continue;
      }
      if (bytes.size() > 0) {
        String decoded = utf8(bytes.toByteArray());
        if (decoded == null) {
          return s;
        }
        out.append(decoded);
        bytes.reset();
      }
      out.append(c);
      i++;
    }
    if (bytes.size() > 0) {
      String decoded = utf8(bytes.toByteArray());
      if (decoded == null) {
        return s;
      }
      out.append(decoded);
    }
    return out.toString();
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Each segment encoded as JavaScript's {@code encodeURIComponent} does. */
  static String encodePath(String decodedPath) {
    String[] segments = decodedPath.split("/", -1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        out.append('/');
      }
      out.append(encodeComponent(segments[i]));
    }
    return out.toString();
  }

  private static String encodeComponent(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-_.!~*'()".indexOf(c) >= 0) {
        out.append(c);
        continue;
      }
      int end = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
          ? i + 2 : i + 1;
      if (Character.isSurrogate(c) && end == i + 1) {
        return s; // a lone surrogate: encodeURIComponent throws and the segment is kept
      }
      for (byte b : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
        out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
      }
      i = end - 1;
    }
    return out.toString();
  }

  /**
   * wrangler dev's ETag: the first 16 bytes of SHA-256 over the file's absolute path followed by its modification
   * time in milliseconds as JavaScript prints the number.
   */
  static String eTag(String absolutePath, FileTime modified) {
    Instant t = modified.toInstant();
    double millis = t.getEpochSecond() * 1e3 + t.getNano() / 1e6;
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((absolutePath + jsNumber(millis)).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A double as JavaScript's {@code Number.prototype.toString} writes it (for the magnitudes of timestamps). */
  static String jsNumber(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e21) {
      return Long.toString((long) d);
    }
    return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
  }
}
