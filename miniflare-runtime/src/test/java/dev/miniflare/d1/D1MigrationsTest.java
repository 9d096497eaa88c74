package dev.miniflare.d1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.miniflare.Miniflare;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link D1Database#applyMigrations}: wrangler's {@code d1 migrations apply --local} scheme. */
class D1MigrationsTest {
  @TempDir
  Path migrations;
  private Miniflare mf;
  private D1Database db;

  @BeforeEach
  void start() {
    mf = Miniflare.builder().port(-1).worker(w -> w.modules(true).d1Databases("DB").script("""
        export default { async fetch(request, env) {
          const { results } = await env.DB.prepare("SELECT name, email FROM users ORDER BY id").all();
          return Response.json(results);
        } };
        """)).build();
    db = mf.getD1Database("DB");
  }

  @AfterEach
  void stop() {
    mf.close();
  }

  private void write(String name, String sql) throws IOException {
    Files.writeString(migrations.resolve(name), sql);
  }

  @Test
  void appliesSqlFilesInNameOrderAndRecordsThemLikeWrangler() throws IOException {
    write("0002_email.sql", "-- adds a column\nALTER TABLE users ADD COLUMN email TEXT;\n");
    write("0001_init.sql", """
        CREATE TABLE users (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL -- a comment; with a semicolon
        );
        CREATE TABLE audit (what TEXT);
        CREATE TRIGGER users_audit AFTER INSERT ON users BEGIN
          INSERT INTO audit VALUES ('insert; ' || NEW.name);
        END;
        INSERT INTO users (name) VALUES ('ann');
        """);
    write("README.md", "not a migration");

    assertThat(db.applyMigrations(migrations)).containsExactly("0001_init.sql", "0002_email.sql");

    assertThat(db.query("SELECT id, name FROM d1_migrations ORDER BY id")).containsExactly(
        Map.of("id", 1L, "name", "0001_init.sql"), Map.of("id", 2L, "name", "0002_email.sql"));
    assertThat(db.first("SELECT typeof(applied_at) AS t FROM d1_migrations")).containsEntry("t", "text");
    assertThat(db.query("SELECT what FROM audit")).containsExactly(Map.of("what", "insert; ann"));
    // the worker sees the migrated schema through its binding
    assertThat(mf.dispatchFetch("http://localhost/").text()).isEqualTo("[{\"name\":\"ann\",\"email\":null}]");
  }

  @Test
  void appliesOnlyWhatIsNewOnTheNextRun() throws IOException {
    write("0001_init.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);");
    assertThat(db.applyMigrations(migrations)).containsExactly("0001_init.sql");
    assertThat(db.applyMigrations(migrations)).isEmpty();
    write("0002_more.sql", "INSERT INTO users (name) VALUES ('bob');");
    assertThat(db.applyMigrations(migrations)).containsExactly("0002_more.sql");
    assertThat(db.query("SELECT name FROM users")).containsExactly(Map.of("name", "bob"));
  }

  @Test
  void aFailingMigrationIsRolledBackWholeAndStopsTheRun() throws IOException {
    write("0001_init.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);");
    write("0002_bad.sql", "INSERT INTO users (name) VALUES ('kept?');\nINSERT INTO users (name) VALUES (NULL);");
    write("0003_never.sql", "CREATE TABLE never (x);");

    assertThatThrownBy(() -> db.applyMigrations(migrations)).isInstanceOf(D1Exception.class)
        .hasMessageStartingWith("D1_MIGRATION_ERROR: migration ")
        .hasMessageContaining("0002_bad.sql failed: D1_ERROR: NOT NULL constraint failed: users.name");

    assertThat(db.query("SELECT name FROM d1_migrations")).containsExactly(Map.of("name", "0001_init.sql"));
    assertThat(db.query("SELECT * FROM users")).isEmpty();
    assertThat(db.query("SELECT name FROM sqlite_master WHERE name = 'never'")).isEmpty();
  }

  @Test
  void customTableAndBadInputs() throws IOException {
    write("0001_init.sql", "CREATE TABLE t (x);");
    assertThat(db.applyMigrations(migrations, "schema_history")).containsExactly("0001_init.sql");
    assertThat(db.query("SELECT name FROM schema_history")).containsExactly(Map.of("name", "0001_init.sql"));

    assertThatThrownBy(() -> db.applyMigrations(migrations.resolve("missing")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing").hasMessageContaining("does not exist");
    assertThatThrownBy(() -> db.applyMigrations(migrations, "x; DROP TABLE t"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid migrations table name");
    assertThat(db.raw("SELECT count(*) FROM t")).hasSize(1);
    assertThat(List.of(db.applyMigrations(migrations, "schema_history"))).containsExactly(List.of());
  }
}
