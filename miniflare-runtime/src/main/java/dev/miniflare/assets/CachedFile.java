package dev.miniflare.assets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.function.Function;

/** A file's parsed form, parsed again when its modification time or size changes. */
final class CachedFile<T> {
  private record Entry<T>(FileTime modified, long size, T value) {}

  private final Path file;
  private final Function<String, T> parser;
  private volatile Entry<T> entry;

  CachedFile(Path file, Function<String, T> parser) {
    this.file = file;
    this.parser = parser;
  }

  T get() {
    FileTime modified = null;
    long size = -1;
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      if (a.isRegularFile()) {
        modified = a.lastModifiedTime();
        size = a.size();
      }
    } catch (IOException e) {
      // absent: parsed as no file
    }
    Entry<T> current = entry;
    if (current != null && java.util.Objects.equals(current.modified, modified) && current.size == size) {
      return current.value;
    }
    synchronized (this) {
      String text = null;
      if (modified != null) {
        try {
          text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + file, e);
        }
      }
      Entry<T> fresh = new Entry<>(modified, size, parser.apply(text));
      entry = fresh;
      return fresh.value;
    }
  }
}
