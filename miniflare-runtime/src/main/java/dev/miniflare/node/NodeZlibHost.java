package dev.miniflare.node;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * One-shot zlib for {@code node:zlib} on the JDK's zlib (the library workerd links too, so the bytes match):
 * deflate, raw deflate and gzip with Node's framing (no name, mtime 0, OS 3, XFL from the level). A failure returns
 * null and leaves zlib's message in {@link #lastError()}. One instance per isolate (it keeps that message).
 */
public final class NodeZlibHost {
  private String lastError;

  /** Compresses {@code data} ("deflate", "deflateRaw" or "gzip") at zlib {@code level} (-1: default). */
  @HostAccess.Export
  public ByteBuffer compress(String format, int level, Value data) {
    byte[] in = bytes(data);
    Deflater deflater = new Deflater(level, !"deflate".equals(format));
    try {
      deflater.setInput(in);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(in.length / 2 + 64);
      if ("gzip".equals(format)) {
        int xfl = level == 9 ? 2 : level == 1 ? 4 : 0;
        out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, (byte) xfl, 3}, 0, 10);
      }
      byte[] buf = new byte[8192];
      while (!deflater.finished()) {
        int n = deflater.deflate(buf);
        out.write(buf, 0, n);
      }
      if ("gzip".equals(format)) {
        CRC32 crc = new CRC32();
        crc.update(in);
        writeIntLe(out, (int) crc.getValue());
        writeIntLe(out, in.length);
      }
      return ByteBuffer.wrap(out.toByteArray());
    } finally {
      deflater.end();
    }
  }

  /** Decompresses ("inflate", "inflateRaw", "gunzip", or "unzip": gzip or deflate by the first bytes), or null. */
  @HostAccess.Export
  public ByteBuffer decompress(String format, Value data) {
    byte[] in = bytes(data);
    lastError = null;
    boolean gzip = "gunzip".equals(format)
        || ("unzip".equals(format) && in.length >= 2 && (in[0] & 0xff) == 0x1f && (in[1] & 0xff) == 0x8b);
    int start = 0;
    if (gzip) {
      start = gzipHeaderLength(in);
      if (start < 0) {
        lastError = start == -2 ? "unexpected end of file" : "incorrect header check";
        return null;
      }
    }
    Inflater inflater = new Inflater("inflateRaw".equals(format) || gzip);
    try {
      inflater.setInput(in, start, in.length - start);
      ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * 3 + 64);
      byte[] buf = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          lastError = "unexpected end of file";
          return null;
        }
        out.write(buf, 0, n);
      }
      return ByteBuffer.wrap(out.toByteArray());
    } catch (DataFormatException e) {
      lastError = e.getMessage() == null ? "invalid data" : e.getMessage();
      return null;
    } finally {
      inflater.end();
    }
  }

  /** zlib's message for the last failed call. */
  @HostAccess.Export
  public String lastError() {
    return lastError;
  }

  /** CRC-32 of {@code data}, continuing from {@code value}. */
  @HostAccess.Export
  public double crc32(Value data, double value) {
    byte[] in = bytes(data);
    // java.util.zip.CRC32 cannot start from a given value; fold the previous value in by the standard update
    long crc = ~((long) value) & 0xffffffffL;
    for (byte b : in) {
      crc ^= b & 0xff;
      for (int k = 0; k < 8; k++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xedb88320L : crc >>> 1;
      }
    }
    return (double) (~crc & 0xffffffffL);
  }

  /** Length of a gzip header, -1 when it is not one, -2 when it is cut short. */
  private static int gzipHeaderLength(byte[] in) {
    if (in.length < 10) {
      return in.length >= 2 && (in[0] & 0xff) == 0x1f && (in[1] & 0xff) == 0x8b ? -2 : -1;
    }
    if ((in[0] & 0xff) != 0x1f || (in[1] & 0xff) != 0x8b || in[2] != 8) {
      return -1;
    }
    int flags = in[3] & 0xff;
    int pos = 10;
    if ((flags & 4) != 0) {
      if (pos + 2 > in.length) {
        return -2;
      }
      pos += 2 + ((in[pos] & 0xff) | (in[pos + 1] & 0xff) << 8);
    }
    for (int bit : new int[] {8, 16}) {
      if ((flags & bit) != 0) {
        while (pos < in.length && in[pos] != 0) {
          pos++;
        }
        pos++;
      }
    }
    if ((flags & 2) != 0) {
      pos += 2;
    }
    return pos <= in.length ? pos : -2;
  }

  private static void writeIntLe(ByteArrayOutputStream out, int v) {
    out.write(v);
    out.write(v >>> 8);
    out.write(v >>> 16);
    out.write(v >>> 24);
  }

  private static byte[] bytes(Value v) {
    byte[] b = new byte[(int) v.getBufferSize()];
    v.readBuffer(0, b, 0, b.length);
    return b;
  }
}
