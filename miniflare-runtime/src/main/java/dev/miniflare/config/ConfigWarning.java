package dev.miniflare.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A non-fatal problem found while reading a configuration, such as an unknown key.
 *
 * @param file the file the problem is in
 * @param line 1-based line, or {@code -1} when unknown
 * @param column 1-based column, or {@code -1} when unknown
 * @param keyPath dotted path of the key concerned, e.g. {@code env.prod.kv_namespace}; may be empty
 * @param message the description, without the location prefix
 */
public record ConfigWarning(Path file, int line, int column, String keyPath, String message) {

  /**
   * Validates the components.
   *
   * @param file the file the problem is in
   * @param line 1-based line, or {@code -1} when unknown
   * @param column 1-based column, or {@code -1} when unknown
   * @param keyPath dotted path of the key concerned, e.g. {@code env.prod.kv_namespace}; may be empty
   * @param message the description, without the location prefix
   */
  public ConfigWarning {
    Objects.requireNonNull(message, "message");
    keyPath = keyPath == null ? "" : keyPath;
  }

  /**
   * The warning as {@code file:line:column: message}, ready to print.
   *
   * @return the formatted warning
   */
  @Override
  public String toString() {
    return ConfigException.format(file, line, column, message);
  }
}
