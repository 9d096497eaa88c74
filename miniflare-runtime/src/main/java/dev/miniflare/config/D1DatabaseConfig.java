package dev.miniflare.config;

import java.util.Objects;

/**
 * A {@code d1_databases} entry.
 *
 * @param binding the name the Worker sees on {@code env}
 * @param databaseName the {@code database_name}, or {@code null}
 * @param databaseId the {@code database_id}, or {@code null}
 * @param migrationsDir the {@code migrations_dir} as written, or {@code null}
 */
public record D1DatabaseConfig(
    String binding, String databaseName, String databaseId, String migrationsDir) {
  /**
   * Validates the components.
   *
   * @param binding the name the Worker sees on {@code env}
   * @param databaseName the {@code database_name}, or {@code null}
   * @param databaseId the {@code database_id}, or {@code null}
   * @param migrationsDir the {@code migrations_dir} as written, or {@code null}
   */
  public D1DatabaseConfig {
    Objects.requireNonNull(binding, "binding");
  }
}
