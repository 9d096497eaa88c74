package dev.miniflare.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * zlib for {@code CompressionStream} / {@code DecompressionStream} ({@code transform-streams.js}): the JDK's
 * {@link Deflater}/{@link Inflater} (the same zlib workerd links, at its default level, so compressed bytes
 * match), with the gzip framing done here as workerd writes it (no name, mtime 0, OS byte 3). A codec reports a
 * failure by returning null from {@code write}/{@code finish}; {@code error()} then has workerd's message, which
 * the JS side throws as a TypeError.
 */
public final class CompressionHost {
  /** Formats of the Compression Streams standard that workerd supports. */
  private static boolean knownFormat(String format) {
    return format.equals("gzip") || format.equals("deflate") || format.equals("deflate-raw");
  }

  /** A compressor for the format (validated by the caller). */
  @HostAccess.Export
  public Codec compressor(String format) {
    if (!knownFormat(format)) {
      throw new IllegalArgumentException(format);
    }
    return new Compressor(format);
  }

  /** A decompressor for the format (validated by the caller). */
  @HostAccess.Export
  public Codec decompressor(String format) {
    if (!knownFormat(format)) {
      throw new IllegalArgumentException(format);
    }
    return new Decompressor(format);
  }

  /** One stream's zlib state. */
  public abstract static class Codec {
    private String error;

    /** Feeds bytes (an ArrayBuffer range); returns the output they produced (maybe empty), or null on error. */
    @HostAccess.Export
    public ByteBuffer write(Value buffer, int offset, int length) {
      byte[] in = new byte[length];
      buffer.readBuffer(offset, in, 0, length);
      try {
        return ByteBuffer.wrap(process(in));
      } catch (DataFormatException | IllegalStateException e) {
        error = e instanceof IllegalStateException ? e.getMessage() : "Decompression failed.";
        end();
        return null;
      }
    }

    /** Ends the input; returns the remaining output, or null on error. */
    @HostAccess.Export
    public ByteBuffer finish() {
      try {
        return ByteBuffer.wrap(complete());
      } catch (DataFormatException | IllegalStateException e) {
        error = e instanceof IllegalStateException ? e.getMessage() : "Decompression failed.";
        return null;
      } finally {
        end();
      }
    }

    /** workerd's message for the last failure. */
    @HostAccess.Export
    public String error() {
      return error;
    }

    abstract byte[] process(byte[] in) throws DataFormatException;

    abstract byte[] complete() throws DataFormatException;

    abstract void end();
  }

  private static final class Compressor extends Codec {
    private final Deflater deflater;
    private final boolean gzip;
    private final CRC32 crc = new CRC32();
    private boolean headerWritten;

    Compressor(String format) {
      this.gzip = format.equals("gzip");
      this.deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, !format.equals("deflate"));
    }

    @Override
    byte[] process(byte[] in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      header(out);
      crc.update(in);
      deflater.setInput(in);
      drain(out, false);
      return out.toByteArray();
    }

    @Override
    byte[] complete() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      header(out);
      deflater.finish();
      drain(out, true);
      if (gzip) {
        writeIntLe(out, (int) crc.getValue());
        writeIntLe(out, (int) deflater.getBytesRead());
      }
      return out.toByteArray();
    }

    private void header(ByteArrayOutputStream out) {
      if (gzip && !headerWritten) {
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3});
      }
      headerWritten = true;
    }

    private void drain(ByteArrayOutputStream out, boolean finishing) {
      byte[] chunk = new byte[8192];
      while (finishing ? !deflater.finished() : !deflater.needsInput()) {
        int n = deflater.deflate(chunk);
        out.write(chunk, 0, n);
      }
    }

    @Override
    void end() {
      deflater.end();
    }
  }

  private static final class Decompressor extends Codec {
    private final Inflater inflater;
    private final boolean gzip;
    private final CRC32 crc = new CRC32();
    /** gzip: header bytes until the header is complete; then trailer bytes after the deflate data. */
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean headerDone;
    private boolean done;

    Decompressor(String format) {
      this.gzip = format.equals("gzip");
      this.inflater = new Inflater(!format.equals("deflate"));
      this.headerDone = !gzip;
    }

    @Override
    byte[] process(byte[] in) throws DataFormatException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (done) {
        trailing(in);
        return out.toByteArray();
      }
      if (!headerDone) {
        pending.writeBytes(in);
        byte[] buffered = pending.toByteArray();
        int start = gzipHeaderLength(buffered);
        if (start < 0) {
          return out.toByteArray(); // header not complete yet
        }
        headerDone = true;
        pending.reset();
        in = java.util.Arrays.copyOfRange(buffered, start, buffered.length);
      }
      inflater.setInput(in);
      byte[] chunk = new byte[8192];
      while (!inflater.finished() && !inflater.needsInput()) {
        int n = inflater.inflate(chunk);
        if (n == 0 && inflater.needsDictionary()) {
          throw new DataFormatException("dictionary");
        }
        out.write(chunk, 0, n);
        crc.update(chunk, 0, n);
      }
      if (inflater.finished()) {
        done = true;
        int rest = inflater.getRemaining();
        trailing(java.util.Arrays.copyOfRange(in, in.length - rest, in.length));
      }
      return out.toByteArray();
    }

    /** Bytes after the deflate data: gzip's 8-byte trailer, then nothing is allowed. */
    private void trailing(byte[] in) throws DataFormatException {
      pending.writeBytes(in);
      int trailer = gzip ? 8 : 0;
      if (pending.size() > trailer) {
        throw new IllegalStateException("Trailing bytes after end of compressed data");
      }
      if (gzip && pending.size() == 8) {
        byte[] t = pending.toByteArray();
        if (readIntLe(t, 0) != (int) crc.getValue() || readIntLe(t, 4) != (int) inflater.getBytesWritten()) {
          throw new DataFormatException("gzip trailer");
        }
      }
    }

    @Override
    byte[] complete() {
      if (!done || (gzip && pending.size() < 8)) {
        throw new IllegalStateException("Called close() on a decompression stream with incomplete data");
      }
      return new byte[0];
    }

    @Override
    void end() {
      inflater.end();
    }

    /** The length of a complete gzip header at the start of {@code b}, -1 if more bytes are needed. */
    private static int gzipHeaderLength(byte[] b) throws DataFormatException {
      int[] magic = {0x1f, 0x8b, 8}; // checked as soon as they arrive, as zlib does
      for (int i = 0; i < magic.length && i < b.length; i++) {
        if ((b[i] & 0xff) != magic[i]) {
          throw new DataFormatException("not gzip");
        }
      }
      if (b.length < 10) {
        return -1;
      }
      int flags = b[3] & 0xff;
      int at = 10;
      if ((flags & 4) != 0) { // FEXTRA
        if (b.length < at + 2) {
          return -1;
        }
        at += 2 + ((b[at] & 0xff) | (b[at + 1] & 0xff) << 8);
      }
      for (int bit : new int[] {8, 16}) { // FNAME, FCOMMENT: zero-terminated
        if ((flags & bit) != 0) {
          while (at < b.length && b[at] != 0) {
            at++;
          }
          if (at >= b.length) {
            return -1;
          }
          at++;
        }
      }
      if ((flags & 2) != 0) { // FHCRC
        at += 2;
      }
      return at <= b.length ? at : -1;
    }
  }

  private static void writeIntLe(ByteArrayOutputStream out, int v) {
    out.write(v);
    out.write(v >>> 8);
    out.write(v >>> 16);
    out.write(v >>> 24);
  }

  private static int readIntLe(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
  }
}
