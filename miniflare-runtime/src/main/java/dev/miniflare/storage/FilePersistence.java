package dev.miniflare.storage;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import org.pcollections.PSortedMap;

/**
 * Write-through, crash-safe file persistence: one file per entry under {@code <dir>/<namespace>/}, named by the
 * SHA-256 of its key (keys may be longer than a file name may be). Each write goes to a temporary file in the same
 * folder and is then renamed over the old one atomically, so a crash leaves either the old or the new entry, never
 * a torn one.
 */
final class FilePersistence {
  private static final int MAGIC = 0x4d464b31; // "MFK1"

  private final Path directory;

  FilePersistence(Path directory) {
    this.directory = directory;
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
        if (!Files.isRegularFile(file)) {
          continue; // e.g. another kind's folder nested here (R2 keeps multipart uploads in "__multipart")
        }
        if (file.getFileName().toString().endsWith(".tmp")) {
          Files.deleteIfExists(file); // an interrupted write; the previous version (if any) is intact
          continue;
        }
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
          if (in.readInt() != MAGIC) {
            throw new IOException("not a Miniflare storage file: " + file);
          }
          String key = new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
          long expiration = in.readLong();
          int metaLength = in.readInt();
          String metadata = metaLength < 0 ? null : new String(in.readNBytes(metaLength), StandardCharsets.UTF_8);
          byte[] value = in.readAllBytes();
          map = map.plus(key, new StoredValue(value, metadata, expiration));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load persisted storage from " + dir, e);
    }
    return map;
  }

  void write(String namespace, String key, StoredValue value) {
    Path dir = namespaceDir(namespace);
    try {
      Files.createDirectories(dir);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.value().length + key.length() + 32);
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
      out.write(value.value());
      Path target = dir.resolve(fileName(key));
      Path temp = dir.resolve(fileName(key) + "." + Thread.currentThread().getId() + ".tmp");
      Files.write(temp, bytes.toByteArray());
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot persist key to " + dir, e);
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

  private Path namespaceDir(String namespace) {
    return directory.resolve(URLEncoder.encode(namespace, StandardCharsets.UTF_8));
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
