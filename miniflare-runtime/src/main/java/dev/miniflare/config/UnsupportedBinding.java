package dev.miniflare.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A binding-like key the simulator does not implement (e.g. {@code ai}, {@code vectorize}), reported so
 * the runtime can refuse it with a clear message instead of silently dropping it.
 *
 * @param key the configuration key, e.g. {@code analytics_engine_datasets}
 * @param keyPath where it was read from, e.g. {@code env.prod.analytics_engine_datasets}
 * @param file the configuration file
 * @param line 1-based line, or {@code -1} when unknown
 * @param column 1-based column, or {@code -1} when unknown
 */
public record UnsupportedBinding(String key, String keyPath, Path file, int line, int column) {

  /**
   * Validates the components.
   *
   * @param key the configuration key, e.g. {@code analytics_engine_datasets}
   * @param keyPath where it was read from, e.g. {@code env.prod.analytics_engine_datasets}
   * @param file the configuration file
   * @param line 1-based line, or {@code -1} when unknown
   * @param column 1-based column, or {@code -1} when unknown
   */
  public UnsupportedBinding {
    Objects.requireNonNull(key, "key");
    keyPath = keyPath == null ? key : keyPath;
  }

  /**
   * A ready-to-print message, e.g. {@code /app/wrangler.toml:9:1: "ai" is not supported by Miniflare for Java}.
   *
   * @return the formatted message
   */
  public String describe() {
    return ConfigException.format(
        file, line, column, "\"" + keyPath + "\" is not supported by Miniflare for Java");
  }

  @Override
  public String toString() {
    return describe();
  }
}
