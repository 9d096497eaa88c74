package dev.miniflare.config;

import java.util.Objects;

/**
 * A {@code d1_databases} entry.
 *
 * @param binding the name the Worker sees on {@code env}
 * @param databaseName the {@code database_name}, or {@code null}
 * @param databaseId the {@code database_id}, or {@code null}
 * @param migrationsDir the {@code migrations_dir} as written, or {@code null}
 * @param previewDatabaseId the {@code preview_database_id}, or {@code null}
 */
public record D1DatabaseConfig(
    String binding, String databaseName, String databaseId, String migrationsDir, String previewDatabaseId) {
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

  /**
   * An entry without {@code preview_database_id}.
   *
   * @param binding the name the Worker sees on {@code env}
   * @param databaseName the {@code database_name}, or {@code null}
   * @param databaseId the {@code database_id}, or {@code null}
   * @param migrationsDir the {@code migrations_dir} as written, or {@code null}
   */
  public D1DatabaseConfig(String binding, String databaseName, String databaseId, String migrationsDir) {
    this(binding, databaseName, databaseId, migrationsDir, null);
  }

  /**
   * The id a local run stores the database under: like {@code wrangler dev}, the preview id when set, then the
   * database id, then (so a config without ids still runs) the database name or the binding.
   *
   * @return the local database id
   */
  public String localId() {
    if (previewDatabaseId != null) {
      return previewDatabaseId;
    }
    if (databaseId != null) {
      return databaseId;
    }
    return databaseName != null ? databaseName : binding;
  }
}
