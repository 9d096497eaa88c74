package dev.miniflare.storage;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;
import org.pcollections.PSortedMap;

/**
 * Write-through, crash-safe file persistence: one file per entry under {@code <dir>/<namespace>/}, named by the
 * SHA-256 of its key (keys may be longer than a file name may be). Each write goes to a temporary file in the same
 * folder and is then renamed over the old one atomically, so a killed process leaves either the old or the new
 * entry, never a torn one. Each file ends with a CRC-32 of its record, so a file damaged some other way (a torn
 * write after a power loss, a truncated copy) is recognised on load, reported and skipped instead of making the
 * whole namespace unreadable.
 *
 * <p>A write is on disk (in the kernel's page cache) when it returns, which is what survives {@code kill -9}.
 * Surviving a power loss also needs the file and its folder forced to the device: set the system property
 * {@value #FSYNC_PROPERTY} to {@code true} (each write then costs one or two device flushes).
 */
final class FilePersistence {
  /** System property: force every write to the storage device before acknowledging it. */
  static final String FSYNC_PROPERTY = "miniflare.persist.fsync";
  private static final int MAGIC_V1 = 0x4d464b31; // "MFK1": no value length, no checksum (read only)
  private static final int MAGIC = 0x4d464b32; // "MFK2"
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FilePersistence.class);

  private final Path directory;
  private final boolean fsync = Boolean.getBoolean(FSYNC_PROPERTY);

  FilePersistence(Path directory) {
    this.directory = directory;
  }

  /** Whether writes are forced to the storage device (see {@link #FSYNC_PROPERTY}). */
  boolean forcesWrites() {
    return fsync;
  }

  /** Ids of the namespaces that have a folder here. */
  java.util.List<String> namespaces() {
    java.util.List<String> out = new java.util.ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return out;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(directory, Files::isDirectory)) {
      for (Path dir : dirs) {
        out.add(java.net.URLDecoder.decode(dir.getFileName().toString(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list persisted storage in " + directory, e);
    }
    return out;
  }

  PSortedMap<String, StoredValue> load(String namespace, PSortedMap<String, StoredValue> empty) {
    Path dir = namespaceDir(namespace);
    if (!Files.isDirectory(dir)) {
      return empty;
    }
    PSortedMap<String, StoredValue> map = empty;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
          continue; // e.g. another kind's folder nested here (R2 keeps multipart uploads in "__multipart")
        }
        if (name.endsWith(".tmp")) {
          Files.deleteIfExists(file); // an interrupted write; the previous version (if any) is intact
          continue;
        }
        if (!isEntryFileName(name)) {
          continue; // not an entry (a SQLite database file lives beside its namespace's entries)
        }
        Map.Entry<String, StoredValue> entry = readEntry(file);
        if (entry != null) {
          map = map.plus(entry.getKey(), entry.getValue());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load persisted storage from " + dir, e);
    }
    return map;
  }

  /** The entry stored in {@code file}, or null (with a warning) when the file is damaged. */
  private static Map.Entry<String, StoredValue> readEntry(Path file) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
    try {
      int magic = in.getInt();
      if (magic != MAGIC && magic != MAGIC_V1) {
        LOG.warn("skipped persisted entry {}: not a Miniflare storage file", file);
        return null;
      }
      String key = new String(bytes(in, in.getInt()), StandardCharsets.UTF_8);
      long expiration = in.getLong();
      int metaLength = in.getInt();
      String metadata = metaLength < 0 ? null : new String(bytes(in, metaLength), StandardCharsets.UTF_8);
      byte[] value;
      if (magic == MAGIC_V1) {
        value = bytes(in, in.remaining());
      } else {
        value = bytes(in, in.getInt());
        int recordLength = in.position();
        long expected = in.getInt() & 0xffffffffL;
        CRC32 crc = new CRC32();
        crc.update(in.array(), 0, recordLength);
        if (crc.getValue() != expected || in.hasRemaining()) {
          LOG.warn("skipped persisted entry {} (key \"{}\"): damaged (checksum mismatch)", file, key);
          return null;
        }
      }
      return Map.entry(key, new StoredValue(value, metadata, expiration));
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      LOG.warn("skipped persisted entry {}: damaged (truncated after {} bytes)", file, in.limit());
      return null;
    }
  }

  private static byte[] bytes(ByteBuffer in, int length) {
    if (length < 0 || length > in.remaining()) {
      throw new BufferUnderflowException();
    }
    byte[] out = new byte[length];
    in.get(out);
    return out;
  }

  private static boolean isEntryFileName(String name) {
    if (name.length() != 64) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  void write(String namespace, String key, StoredValue value) {
    Path dir = namespaceDir(namespace);
    try {
      Files.createDirectories(dir);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.value().length + key.length() + 40);
      DataOutputStream out = new DataOutputStream(bytes);
      byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
      out.writeInt(MAGIC);
      out.writeInt(keyBytes.length);
      out.write(keyBytes);
      out.writeLong(value.expiration());
      if (value.metadata() == null) {
        out.writeInt(-1);
      } else {
        byte[] meta = value.metadata().getBytes(StandardCharsets.UTF_8);
        out.writeInt(meta.length);
        out.write(meta);
      }
      out.writeInt(value.value().length);
      out.write(value.value());
      CRC32 crc = new CRC32();
      crc.update(bytes.toByteArray());
      out.writeInt((int) crc.getValue());
      Path target = dir.resolve(fileName(key));
      Path temp = dir.resolve(fileName(key) + "." + Thread.currentThread().getId() + ".tmp");
      writeFile(temp, bytes.toByteArray());
      moveAtomically(temp, target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot persist key to " + dir, e);
    }
  }

  /** Writes {@code data} to {@code file}, forced to the device when {@link #forcesWrites()}. */
  void writeFile(Path file, byte[] data) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(data);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      if (fsync) {
        channel.force(true);
      }
    }
  }

  /** Renames {@code temp} over {@code target}; with {@link #forcesWrites()} the rename itself is made durable. */
  void moveAtomically(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    if (fsync) {
      forceDirectory(target.getParent());
    }
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some platforms (Windows) cannot open a folder as a channel; the rename is then as durable as they allow.
    }
  }

  void delete(String namespace, String key) {
    try {
      Files.deleteIfExists(namespaceDir(namespace).resolve(fileName(key)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete persisted key in " + namespaceDir(namespace), e);
    }
  }

  /** Rewrites the files of a namespace that differ between two states. */
  void sync(String namespace, PSortedMap<String, StoredValue> from, PSortedMap<String, StoredValue> to) {
    for (Map.Entry<String, StoredValue> e : from.entrySet()) {
      if (!to.containsKey(e.getKey())) {
        delete(namespace, e.getKey());
      }
    }
    for (Map.Entry<String, StoredValue> e : to.entrySet()) {
      if (!Objects.equals(from.get(e.getKey()), e.getValue())) {
        write(namespace, e.getKey(), e.getValue());
      }
    }
  }

  /** The folder holding a namespace's entries (and, for SQL kinds, its database file). */
  Path namespaceDir(String namespace) {
    return directory.resolve(URLEncoder.encode(namespace, StandardCharsets.UTF_8));
  }

  /** The file that holds entry {@code key} of {@code namespace} (for tests and tools). */
  Path entryFile(String namespace, String key) {
    return namespaceDir(namespace).resolve(fileName(key));
  }

  private static String fileName(String key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
