package dev.miniflare.config;

import static dev.miniflare.config.ConfigTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WranglerConfigFindTest {
  @TempDir Path dir;

  @Test
  void prefersJsonThenJsoncThenToml() {
    write(dir, "wrangler.toml", "");
    assertThat(WranglerConfig.find(dir)).contains(dir.toAbsolutePath().normalize().resolve("wrangler.toml"));
    write(dir, "wrangler.jsonc", "{}");
    assertThat(WranglerConfig.find(dir)).contains(dir.toAbsolutePath().normalize().resolve("wrangler.jsonc"));
    write(dir, "wrangler.json", "{}");
    assertThat(WranglerConfig.find(dir)).contains(dir.toAbsolutePath().normalize().resolve("wrangler.json"));
  }

  @Test
  void searchesParentDirectories() throws IOException {
    write(dir, "wrangler.toml", "name = \"root\"\n");
    Path deep = Files.createDirectories(dir.resolve("src/a/b"));
    Path found = WranglerConfig.find(deep).orElseThrow();
    assertThat(WranglerConfig.load(found).name()).isEqualTo("root");
  }

  @Test
  void formatFromExtension() {
    assertThat(ConfigFormat.of(Path.of("x/wrangler.TOML"))).contains(ConfigFormat.TOML);
    assertThat(ConfigFormat.of(Path.of("wrangler.json"))).contains(ConfigFormat.JSON);
    assertThat(ConfigFormat.of(Path.of("wrangler.jsonc"))).contains(ConfigFormat.JSONC);
    assertThat(ConfigFormat.of(Path.of("wrangler.yaml"))).isEmpty();
  }
}
