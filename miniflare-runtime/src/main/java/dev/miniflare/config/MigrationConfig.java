package dev.miniflare.config;

import java.util.List;
import java.util.Objects;

/**
 * A {@code migrations} entry describing Durable Object class changes.
 *
 * @param tag the migration tag
 * @param newClasses {@code new_classes}
 * @param newSqliteClasses {@code new_sqlite_classes}
 * @param renamedClasses {@code renamed_classes}
 * @param deletedClasses {@code deleted_classes}
 */
public record MigrationConfig(
    String tag,
    List<String> newClasses,
    List<String> newSqliteClasses,
    List<RenamedClass> renamedClasses,
    List<String> deletedClasses) {

  /**
   * Validates and copies the components.
   *
   * @param tag the migration tag
   * @param newClasses {@code new_classes}
   * @param newSqliteClasses {@code new_sqlite_classes}
   * @param renamedClasses {@code renamed_classes}
   * @param deletedClasses {@code deleted_classes}
   */
  public MigrationConfig {
    Objects.requireNonNull(tag, "tag");
    newClasses = List.copyOf(newClasses);
    newSqliteClasses = List.copyOf(newSqliteClasses);
    renamedClasses = List.copyOf(renamedClasses);
    deletedClasses = List.copyOf(deletedClasses);
  }

  /**
   * A {@code renamed_classes} entry.
   *
   * @param from the old class name
   * @param to the new class name
   */
  public record RenamedClass(String from, String to) {
    /**
     * Validates the components.
     *
     * @param from the old class name
     * @param to the new class name
     */
    public RenamedClass {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }
  }
}
