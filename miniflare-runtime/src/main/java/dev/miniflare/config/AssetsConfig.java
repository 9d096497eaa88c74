package dev.miniflare.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The {@code [assets]} section: Workers static assets as wrangler reads it. Only the key types are checked here;
 * whether the directory exists and how {@code run_worker_first} rules combine is checked when the worker starts,
 * as {@code wrangler dev} does.
 *
 * @param directory the {@code directory} resolved against the config file's folder, or {@code null} when missing
 * @param binding the {@code binding} name, or {@code null} (no {@code env} binding)
 * @param htmlHandling {@code html_handling}, or {@code null} for the default ({@code auto-trailing-slash})
 * @param notFoundHandling {@code not_found_handling}, or {@code null} for the default ({@code none})
 * @param runWorkerFirst {@code run_worker_first} when it is a boolean, else {@code null}
 * @param runWorkerFirstRules {@code run_worker_first} when it is an array of route patterns, else {@code null}
 * @param keyPath where the section was read from ({@code assets} or {@code env.NAME.assets})
 * @param line 1-based line of the section, or {@code -1}
 */
public record AssetsConfig(
    Path directory,
    String binding,
    String htmlHandling,
    String notFoundHandling,
    Boolean runWorkerFirst,
    List<String> runWorkerFirstRules,
    String keyPath,
    int line) {
  /**
   * Validates the components.
   *
   * @param directory the resolved {@code directory}, or {@code null}
   * @param binding the binding name, or {@code null}
   * @param htmlHandling {@code html_handling}, or {@code null}
   * @param notFoundHandling {@code not_found_handling}, or {@code null}
   * @param runWorkerFirst the boolean form of {@code run_worker_first}, or {@code null}
   * @param runWorkerFirstRules the array form of {@code run_worker_first}, or {@code null}
   * @param keyPath where the section was read from
   * @param line line of the section, or {@code -1}
   */
  public AssetsConfig {
    Objects.requireNonNull(keyPath, "keyPath");
    runWorkerFirstRules = runWorkerFirstRules == null ? null : List.copyOf(runWorkerFirstRules);
  }
}
