package dev.miniflare.web;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.Map;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * {@code TextDecoder} for the WHATWG legacy encodings (windows-1252 and the other single-byte ones, gbk, gb18030,
 * big5, euc-jp, iso-2022-jp, shift_jis, euc-kr, x-user-defined) on the JDK's charsets; GraalJS's own decoder
 * only knows UTF-8 and UTF-16. {@code runtime.js} maps labels to these canonical names.
 */
public final class LegacyTextDecoder {
  /** WHATWG encoding name to the JDK charset implementing it. */
  private static final Map<String, String> CHARSETS = Map.ofEntries(
      Map.entry("windows-1252", "windows-1252"), Map.entry("iso-8859-2", "ISO-8859-2"),
      Map.entry("iso-8859-3", "ISO-8859-3"), Map.entry("iso-8859-4", "ISO-8859-4"),
      Map.entry("iso-8859-5", "ISO-8859-5"), Map.entry("iso-8859-6", "ISO-8859-6"),
      Map.entry("iso-8859-7", "ISO-8859-7"), Map.entry("iso-8859-8", "ISO-8859-8"),
      Map.entry("iso-8859-8-i", "ISO-8859-8"), Map.entry("iso-8859-13", "ISO-8859-13"),
      Map.entry("iso-8859-15", "ISO-8859-15"), Map.entry("iso-8859-16", "ISO-8859-16"),
      Map.entry("koi8-r", "KOI8-R"), Map.entry("koi8-u", "KOI8-U"), Map.entry("macintosh", "x-MacRoman"),
      Map.entry("windows-874", "x-windows-874"), Map.entry("windows-1250", "windows-1250"),
      Map.entry("windows-1251", "windows-1251"), Map.entry("windows-1253", "windows-1253"),
      Map.entry("windows-1254", "windows-1254"), Map.entry("windows-1255", "windows-1255"),
      Map.entry("windows-1256", "windows-1256"), Map.entry("windows-1257", "windows-1257"),
      Map.entry("windows-1258", "windows-1258"), Map.entry("x-mac-cyrillic", "x-MacCyrillic"),
      Map.entry("ibm866", "IBM866"),
      // WHATWG's gbk decoder is its gb18030 decoder; its big5 includes HKSCS, its shift_jis and euc-kr are
      // Microsoft's code pages
      Map.entry("gbk", "GB18030"), Map.entry("gb18030", "GB18030"), Map.entry("big5", "Big5-HKSCS"),
      Map.entry("euc-jp", "EUC-JP"), Map.entry("iso-2022-jp", "ISO-2022-JP"),
      Map.entry("shift_jis", "windows-31j"), Map.entry("euc-kr", "x-windows-949"));

  /**
   * Bytes 0xA0-0xFF of the two ISO-8859 parts the JDK lacks (0x00-0x9F map to themselves), as WHATWG's indexes
   * (and workerd) decode them.
   */
  private static final Map<String, int[]> UPPER_HALVES = Map.of(
      "iso-8859-10", new int[] {
        0x00A0, 0x0104, 0x0112, 0x0122, 0x012A, 0x0128, 0x0136, 0x00A7, 0x013B, 0x0110, 0x0160, 0x0166,
        0x017D, 0x00AD, 0x016A, 0x014A, 0x00B0, 0x0105, 0x0113, 0x0123, 0x012B, 0x0129, 0x0137, 0x00B7,
        0x013C, 0x0111, 0x0161, 0x0167, 0x017E, 0x2015, 0x016B, 0x014B, 0x0100, 0x00C1, 0x00C2, 0x00C3,
        0x00C4, 0x00C5, 0x00C6, 0x012E, 0x010C, 0x00C9, 0x0118, 0x00CB, 0x0116, 0x00CD, 0x00CE, 0x00CF,
        0x00D0, 0x0145, 0x014C, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x0168, 0x00D8, 0x0172, 0x00DA, 0x00DB,
        0x00DC, 0x00DD, 0x00DE, 0x00DF, 0x0101, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x012F,
        0x010D, 0x00E9, 0x0119, 0x00EB, 0x0117, 0x00ED, 0x00EE, 0x00EF, 0x00F0, 0x0146, 0x014D, 0x00F3,
        0x00F4, 0x00F5, 0x00F6, 0x0169, 0x00F8, 0x0173, 0x00FA, 0x00FB, 0x00FC, 0x00FD, 0x00FE, 0x0138},
      "iso-8859-14", new int[] {
        0x00A0, 0x1E02, 0x1E03, 0x00A3, 0x010A, 0x010B, 0x1E0A, 0x00A7, 0x1E80, 0x00A9, 0x1E82, 0x1E0B,
        0x1EF2, 0x00AD, 0x00AE, 0x0178, 0x1E1E, 0x1E1F, 0x0120, 0x0121, 0x1E40, 0x1E41, 0x00B6, 0x1E56,
        0x1E81, 0x1E57, 0x1E83, 0x1E60, 0x1EF3, 0x1E84, 0x1E85, 0x1E61, 0x00C0, 0x00C1, 0x00C2, 0x00C3,
        0x00C4, 0x00C5, 0x00C6, 0x00C7, 0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF,
        0x0174, 0x00D1, 0x00D2, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x1E6A, 0x00D8, 0x00D9, 0x00DA, 0x00DB,
        0x00DC, 0x00DD, 0x0176, 0x00DF, 0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7,
        0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF, 0x0175, 0x00F1, 0x00F2, 0x00F3,
        0x00F4, 0x00F5, 0x00F6, 0x1E6B, 0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD, 0x0177, 0x00FF});

  private final CharsetDecoder decoder;
  /** Single-byte encodings: the code point of every byte, -1 where the encoding has none. */
  private final int[] singleByte;
  private final boolean fatal;
  private ByteBuffer carry = ByteBuffer.allocate(0);

  private LegacyTextDecoder(CharsetDecoder decoder, int[] singleByte, boolean fatal) {
    this.decoder = decoder;
    this.singleByte = singleByte;
    this.fatal = fatal;
  }

  /** Single-byte tables by encoding, built once per JVM (empty for multi-byte encodings). */
  private static final Map<String, java.util.Optional<int[]>> TABLES = new java.util.concurrent.ConcurrentHashMap<>();

  /** A decoder for a WHATWG encoding name, or null when the JDK has no charset for it. */
  public static LegacyTextDecoder forEncoding(String encoding, boolean fatal) {
    String name = CHARSETS.get(encoding);
    Charset charset = name != null && Charset.isSupported(name) ? Charset.forName(name) : null;
    if (charset == null && !encoding.equals("x-user-defined") && !UPPER_HALVES.containsKey(encoding)) {
      return null;
    }
    int[] table = TABLES.computeIfAbsent(encoding, e -> java.util.Optional.ofNullable(singleByteTable(charset, e)))
        .orElse(null);
    if (table != null) {
      return new LegacyTextDecoder(null, table, fatal);
    }
    CodingErrorAction action = fatal ? CodingErrorAction.REPORT : CodingErrorAction.REPLACE;
    CharsetDecoder decoder = charset.newDecoder().onMalformedInput(action).onUnmappableCharacter(action)
        .replaceWith("\uFFFD");
    return new LegacyTextDecoder(decoder, null, fatal);
  }

  /** The byte-to-code-point table of a single-byte encoding, or null for a multi-byte one. */
  private static int[] singleByteTable(Charset charset, String encoding) {
    int[] upper = UPPER_HALVES.get(encoding);
    if (upper != null || encoding.equals("x-user-defined")) {
      int[] table = new int[256];
      for (int b = 0; b < 256; b++) {
        table[b] = upper != null ? (b < 0xA0 ? b : upper[b - 0xA0]) : (b < 0x80 ? b : 0xF780 + b - 0x80);
      }
      return table;
    }
    if (charset.newEncoder().maxBytesPerChar() > 1) {
      return null;
    }
    int[] table = new int[256];
    CharsetDecoder strict = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    for (int b = 0; b < 256; b++) {
      try {
        table[b] = strict.decode(ByteBuffer.wrap(new byte[] {(byte) b})).get(0);
      } catch (CharacterCodingException e) {
        // the windows-* code pages' holes in 0x80-0x9F are the C1 controls of the same value in WHATWG's indexes
        table[b] = encoding.startsWith("windows-") && b >= 0x80 && b <= 0x9F ? b : -1;
      }
    }
    // where WHATWG's index differs from the JDK's table: its koi8-u is KOI8-RU, its x-mac-cyrillic is the
    // Ukrainian variant with the euro sign
    if (encoding.equals("windows-1255")) {
      table[0xCA] = 0x05BA;
    } else if (encoding.equals("koi8-u")) {
      table[0xAE] = 0x045E;
      table[0xBE] = 0x040E;
    } else if (encoding.equals("x-mac-cyrillic")) {
      table[0xA2] = 0x0490;
      table[0xB6] = 0x0491;
      table[0xFF] = 0x20AC;
    }
    return table;
  }

  /**
   * Decodes an ArrayBuffer range; with {@code stream}, an incomplete trailing sequence waits for the next call.
   * Returns null when {@code fatal} and the input is invalid (the JS side throws workerd's TypeError).
   */
  @HostAccess.Export
  public String decode(Value buffer, int offset, int length, boolean stream) {
    byte[] in = new byte[length];
    if (length > 0) {
      buffer.readBuffer(offset, in, 0, length);
    }
    if (singleByte != null) {
      StringBuilder out = new StringBuilder(length);
      for (byte b : in) {
        int c = singleByte[b & 0xff];
        if (c < 0) {
          if (fatal) {
            return null;
          }
          c = 0xFFFD;
        }
        out.append((char) c);
      }
      return out.toString();
    }
    ByteBuffer input = ByteBuffer.allocate(carry.remaining() + in.length).put(carry).put(in).flip();
    CharBuffer out = CharBuffer.allocate(input.remaining() * 2 + 16);
    CoderResult r = decoder.decode(input, out, !stream);
    if (r.isError()) {
      reset();
      return null;
    }
    if (!stream) {
      r = decoder.flush(out);
      if (r.isError()) {
        reset();
        return null;
      }
      reset();
    } else {
      carry = ByteBuffer.allocate(input.remaining()).put(input).flip();
    }
    return out.flip().toString();
  }

  private void reset() {
    decoder.reset();
    carry = ByteBuffer.allocate(0);
  }
}
