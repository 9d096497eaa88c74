package dev.miniflare.d1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miniflare.Miniflare;
import dev.miniflare.config.D1DatabaseConfig;
import dev.miniflare.config.WranglerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code [[d1_databases]]} in wrangler configuration, and the {@code --d1} CLI shape of the builder. */
class D1ConfigTest {
  @TempDir
  Path dir;

  @Test
  void wranglerD1DatabasesBecomeBindingsStoredUnderTheirLocalIds() throws Exception {
    Files.createDirectories(dir.resolve("src"));
    Files.writeString(dir.resolve("src/index.js"), "export default { async fetch(req, env) {"
        + " await env.DB.exec('CREATE TABLE IF NOT EXISTS t (v)');"
        + " await env.DB.prepare('INSERT INTO t VALUES (?)').bind('w').run();"
        + " return Response.json(await env.OTHER.prepare('SELECT 1 AS one').first('one')); } };");
    Path config = dir.resolve("wrangler.toml");
    Files.writeString(config, """
        name = "d1-config"
        main = "src/index.js"
        compatibility_date = "2024-09-23"

        [[d1_databases]]
        binding = "DB"
        database_name = "prod"
        database_id = "0000-1111"

        [[d1_databases]]
        binding = "OTHER"
        database_name = "other"
        database_id = "2222"
        preview_database_id = "preview-2222"

        [[d1_databases]]
        binding = "NAMED"
        database_name = "only-a-name"
        """);
    assertThat(WranglerConfig.load(config, null).d1Databases()).containsExactly(
        new D1DatabaseConfig("DB", "prod", "0000-1111", null),
        new D1DatabaseConfig("OTHER", "other", "2222", null, "preview-2222"),
        new D1DatabaseConfig("NAMED", "only-a-name", null, null));
    try (Miniflare mf = Miniflare.builder().wranglerConfig(config, null).build()) {
      assertThat(mf.workerOptions("d1-config").d1Databases()).isEqualTo(Map.of("DB", "0000-1111",
          "OTHER", "preview-2222", "NAMED", "only-a-name"));
      assertThat(mf.dispatchFetch("http://localhost/").text()).isEqualTo("1");
      assertThat(mf.d1DatabaseById("0000-1111").query("SELECT v FROM t")).containsExactly(Map.of("v", "w"));
      assertThat(mf.getD1Database("DB").id()).isEqualTo("0000-1111");
    }
  }

  @Test
  void migrationsDirComesFromTheConfigWithWranglersDefault() throws Exception {
    Files.createDirectories(dir.resolve("db/schema"));
    Files.createDirectories(dir.resolve("migrations"));
    Files.writeString(dir.resolve("db/schema/0001_a.sql"), "CREATE TABLE a (x);");
    Files.writeString(dir.resolve("migrations/0001_b.sql"), "CREATE TABLE b (x);");
    Files.writeString(dir.resolve("index.js"), "export default { fetch() { return new Response('ok'); } };");
    Path config = dir.resolve("wrangler.toml");
    Files.writeString(config, """
        name = "m"
        main = "index.js"

        [[d1_databases]]
        binding = "CUSTOM"
        database_name = "custom"
        migrations_dir = "db/schema"

        [[d1_databases]]
        binding = "DEFAULT"
        database_name = "default"
        """);
    try (Miniflare mf = Miniflare.builder().wranglerConfig(config, null).build()) {
      assertThat(mf.workerOptions("m").d1MigrationsDirs()).isEqualTo(Map.of(
          "CUSTOM", dir.resolve("db/schema").normalize(), "DEFAULT", dir.resolve("migrations").normalize()));
      assertThat(mf.getD1Database("CUSTOM").applyMigrations()).containsExactly("0001_a.sql");
      assertThat(mf.getD1Database("DEFAULT").applyMigrations()).containsExactly("0001_b.sql");
      assertThat(mf.getD1Database("DEFAULT").query("SELECT name FROM sqlite_master WHERE type = 'table'"
          + " AND name IN ('a', 'b')")).containsExactly(Map.of("name", "b"));
    }
    try (Miniflare mf = Miniflare.builder().worker(w -> w.modules(true).d1Databases("DB").script(
        "export default { fetch() { return new Response('ok'); } };")).build()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> mf.getD1Database("DB").applyMigrations())
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("no migrations directory is known");
    }
  }
}
