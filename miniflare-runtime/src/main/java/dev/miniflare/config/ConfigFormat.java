package dev.miniflare.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The syntax of a Wrangler configuration file, chosen by its extension. */
public enum ConfigFormat {
  /** {@code wrangler.toml}. */
  TOML,
  /** {@code wrangler.json}; comments and trailing commas are accepted, as Wrangler does. */
  JSON,
  /** {@code wrangler.jsonc}: JSON with {@code //} and {@code /* *}{@code /} comments and trailing commas. */
  JSONC;

  /**
   * Picks the format from a file's extension.
   *
   * @param file the configuration file
   * @return the format, or empty when the extension is not {@code .toml}, {@code .json} or {@code .jsonc}
   */
  public static Optional<ConfigFormat> of(Path file) {
    Path name = file.getFileName();
    String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".toml")) return Optional.of(TOML);
    if (n.endsWith(".jsonc")) return Optional.of(JSONC);
    if (n.endsWith(".json")) return Optional.of(JSON);
    return Optional.empty();
  }

  /** What a nested table is called in this syntax, for error messages. */
  String tableWord() {
    return this == TOML ? "table" : "object";
  }

  /** {@link #tableWord()} with its article: "a table" or "an object". */
  String aTable() {
    return this == TOML ? "a table" : "an object";
  }
}
