package dev.miniflare.assets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes a test's assets directory. */
final class AssetFiles {
  private AssetFiles() {}

  /** The files of wrangler dev project used to record the expected answers (p1 in the report). */
  static final Map<String, String> SITE = Map.ofEntries(
      Map.entry("index.html", "<h1>home</h1>\n"),
      Map.entry("about.html", "about\n"),
      Map.entry("sub/index.html", "sub index\n"),
      Map.entry("dir/file.html", "dir file\n"),
      Map.entry("both.html", "both.html\n"),
      Map.entry("both/index.html", "both index\n"),
      Map.entry("style.css", "body{}\n"),
      Map.entry("app.js", "console.log(1)\n"),
      Map.entry("data.json", "{\"a\":1}\n"),
      Map.entry("file.txt", "hello world 0123456789"),
      Map.entry("noext", "noext\n"),
      Map.entry("a b.txt", "sp ace\n"),
      Map.entry("\u00fc.txt", "\u00fcnicode\n"),
      Map.entry("file.wasm", "x\n"),
      Map.entry("i.svg", "svg\n"),
      Map.entry("favicon.ico", "ico\n"),
      Map.entry("app.js.map", "map\n"));

  static Path write(Path dir, Map<String, String> files) {
    files.forEach((name, text) -> write(dir, name, text));
    return dir;
  }

  static void write(Path dir, String name, String text) {
    try {
      Path file = dir.resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
