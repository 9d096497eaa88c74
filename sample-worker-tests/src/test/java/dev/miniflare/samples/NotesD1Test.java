package dev.miniflare.samples;

import static dev.miniflare.junit.MiniflareAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.miniflare.Worker;
import dev.miniflare.d1.D1Database;
import dev.miniflare.http.Request;
import dev.miniflare.junit.Binding;
import dev.miniflare.junit.MiniflareTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A D1 worker whose schema lives in wrangler migrations: applied once in @BeforeAll, so every test starts
 * from the migrated (and seeded) database, and what a test inserts is gone for the next one.
 */
@MiniflareTest(config = "workers/notes/wrangler.toml")
class NotesD1Test {
  @BeforeAll
  static void migrateAndSeed(@Binding("DB") D1Database db) {
    // the wrangler config's migrations_dir; applyMigrations(Path) takes any other directory
    assertThat(db.applyMigrations()).containsExactly("0001_create_notes.sql", "0002_add_tags.sql");
    db.execute("INSERT INTO notes (body, tag) VALUES (?, ?)", "buy milk", "home");
  }

  @Test
  void listsTheSeededNote(Worker worker) {
    assertThat(worker.fetch("http://localhost/notes")).isOk()
        .hasJsonBody("[{\"id\":1,\"body\":\"buy milk\",\"tag\":\"home\"}]");
  }

  @Test
  void addsANoteThroughTheWorker(Worker worker, @Binding("DB") D1Database db) {
    Request post = Request.builder("http://localhost/notes").method("POST")
        .json(Map.of("body", "write tests", "tag", "work")).build();
    assertThat(worker.fetch(post)).hasStatus(201)
        .hasJsonBody("{\"id\":2,\"body\":\"write tests\",\"tag\":\"work\"}");
    assertThat(worker.fetch("http://localhost/notes?tag=work")).hasJsonBody(
        "[{\"id\":2,\"body\":\"write tests\",\"tag\":\"work\"}]");
    assertThat(db.first("SELECT count(*) AS n FROM notes")).containsEntry("n", 2L);
  }

  @Test
  void startsAgainFromTheSeedAfterAnotherTestWrote(@Binding("DB") D1Database db) {
    assertThat(db.query("SELECT body FROM notes")).containsExactly(Map.of("body", "buy milk"));
    assertThat(db.query("SELECT name FROM d1_migrations ORDER BY id")).extracting(row -> row.get("name"))
        .containsExactly("0001_create_notes.sql", "0002_add_tags.sql");
  }

  @Test
  void rejectsANoteWithoutBody(Worker worker) {
    Request post = Request.builder("http://localhost/notes").method("POST").json(Map.of("tag", "x")).build();
    assertThat(worker.fetch(post)).hasStatus(400).hasJsonBody("{\"error\":\"body is required\"}");
  }
}
