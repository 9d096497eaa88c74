package dev.miniflare.config;

import static dev.miniflare.config.ConfigTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WranglerConfigEnvTest {
  @TempDir Path dir;

  private static final String TOML = """
      name = "app"
      main = "src/index.js"
      compatibility_date = "2024-01-01"
      compatibility_flags = ["nodejs_compat"]
      route = "app.example.com/*"

      [vars]
      LEVEL = "top"
      ONLY_TOP = 1

      [[kv_namespaces]]
      binding = "TOP_KV"
      id = "top"

      [triggers]
      crons = ["0 0 * * *"]

      [[migrations]]
      tag = "v1"
      new_classes = ["Counter"]

      [env.staging]
      compatibility_date = "2024-06-01"

      [env.staging.vars]
      LEVEL = "staging"

      [[env.staging.kv_namespaces]]
      binding = "STAGING_KV"
      id = "staging"

      [env.production]
      name = "app-prod-custom"
      main = "src/prod.js"
      routes = [{ pattern = "example.com/*", zone_name = "example.com" }]
      [env.production.triggers]
      crons = ["*/1 * * * *"]
      """;

  @Test
  void topLevelWhenNoEnvironmentChosen() {
    WranglerConfig c = WranglerConfig.load(write(dir, "wrangler.toml", TOML));
    assertThat(c.environment()).isEmpty();
    assertThat(c.environments()).containsExactly("staging", "production");
    assertThat(c.name()).isEqualTo("app");
    assertThat(c.vars()).containsExactly(Map.entry("LEVEL", "top"), Map.entry("ONLY_TOP", 1L));
    assertThat(c.kvNamespaces()).extracting(KvNamespaceConfig::binding).containsExactly("TOP_KV");
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void environmentInheritsInheritableKeysButNotBindings() {
    WranglerConfig c = WranglerConfig.load(write(dir, "wrangler.toml", TOML), "staging");
    assertThat(c.environment()).contains("staging");
    assertThat(c.name()).isEqualTo("app-staging");
    // inherited
    assertThat(c.main()).isEqualTo("src/index.js");
    assertThat(c.compatibilityFlags()).containsExactly("nodejs_compat");
    assertThat(c.routes()).containsExactly(new RouteConfig("app.example.com/*", null, false));
    assertThat(c.crons()).containsExactly("0 0 * * *");
    assertThat(c.migrations()).extracting(MigrationConfig::tag).containsExactly("v1");
    // overridden
    assertThat(c.compatibilityDate()).isEqualTo("2024-06-01");
    // not inherited: only the env's own
    assertThat(c.vars()).containsExactly(Map.entry("LEVEL", "staging"));
    assertThat(c.kvNamespaces()).containsExactly(new KvNamespaceConfig("STAGING_KV", "staging", null));
  }

  @Test
  void environmentOverridesNameMainRoutesAndTriggers() {
    WranglerConfig c = WranglerConfig.load(write(dir, "wrangler.toml", TOML), "production");
    assertThat(c.name()).isEqualTo("app-prod-custom");
    assertThat(c.main()).isEqualTo("src/prod.js");
    assertThat(c.mainPath()).contains(dir.toAbsolutePath().normalize().resolve("src/prod.js"));
    assertThat(c.routes()).containsExactly(new RouteConfig("example.com/*", "example.com", false));
    assertThat(c.crons()).containsExactly("*/1 * * * *");
    assertThat(c.compatibilityDate()).isEqualTo("2024-01-01");
    // production defines no vars or kv: none, even though the top level has them
    assertThat(c.vars()).isEmpty();
    assertThat(c.kvNamespaces()).isEmpty();
  }

  @Test
  void warnsAboutBindingsNotInheritedByTheEnvironment() {
    WranglerConfig c = WranglerConfig.load(write(dir, "wrangler.toml", TOML), "production");
    assertThat(c.warnings()).extracting(ConfigWarning::keyPath).containsExactly("vars", "kv_namespaces");
    ConfigWarning w = c.warnings().get(0);
    assertThat(w.line()).isEqualTo(7);
    assertThat(w.message()).contains("\"vars\" exists at the top level, but not on \"env.production\"");
  }

  @Test
  void missingEnvironmentIsAnErrorListingTheAvailableOnes() {
    Path f = write(dir, "wrangler.toml", TOML);
    assertThatThrownBy(() -> WranglerConfig.load(f, "prod"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("wrangler.toml")
        .hasMessageContaining("no environment named \"prod\"")
        .hasMessageContaining("available environments: staging, production");
  }

  @Test
  void missingEnvironmentWhenNoneAreDefined() {
    Path f = write(dir, "wrangler.toml", "name = \"x\"\n");
    assertThatThrownBy(() -> WranglerConfig.load(f, "dev"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(f.toAbsolutePath().normalize().toString())
        .hasMessageContaining("defines no environments");
  }

  @Test
  void blankEnvironmentMeansTopLevel() {
    WranglerConfig c = WranglerConfig.load(write(dir, "wrangler.toml", TOML), " ");
    assertThat(c.environment()).isEmpty();
    assertThat(c.name()).isEqualTo("app");
  }

  @Test
  void environmentWithoutTopLevelNameHasNoName() {
    WranglerConfig c = WranglerConfig.load(write(dir, "wrangler.toml", "[env.x]\nmain = \"a.js\"\n"), "x");
    assertThat(c.name()).isNull();
    assertThat(c.main()).isEqualTo("a.js");
  }

  @Test
  void environmentRouteReplacesTopLevelRoutes() {
    WranglerConfig c = WranglerConfig.load(write(dir, "wrangler.toml", """
        routes = ["a.com/*", "b.com/*"]
        [env.e]
        route = "c.com/*"
        """), "e");
    assertThat(c.routes()).containsExactly(new RouteConfig("c.com/*", null, false));
  }

  @Test
  void environmentCanDisableInheritedRoutesWithEmptyArray() {
    WranglerConfig c = WranglerConfig.load(write(dir, "wrangler.toml", """
        routes = ["a.com/*"]
        [env.e]
        routes = []
        """), "e");
    assertThat(c.routes()).isEmpty();
  }

  @Test
  void environmentBindingsOfEveryKind() {
    String json = """
        {
          "name": "w",
          "env": {
            "dev": {
              "vars": {"N": 3},
              "kv_namespaces": [{"binding": "K"}],
              "services": [{"binding": "S", "service": "svc"}],
              "durable_objects": {"bindings": [{"name": "D", "class_name": "C"}]},
              "r2_buckets": [{"binding": "R"}],
              "d1_databases": [{"binding": "DB"}],
              "migrations": [{"tag": "env-v1"}]
            }
          }
        }
        """;
    WranglerConfig c = WranglerConfig.load(write(dir, "wrangler.jsonc", json), "dev");
    assertThat(c.name()).isEqualTo("w-dev");
    assertThat(c.vars()).containsExactly(Map.entry("N", 3L));
    assertThat(c.kvNamespaces()).containsExactly(new KvNamespaceConfig("K", null, null));
    assertThat(c.services()).containsExactly(new ServiceBindingConfig("S", "svc", null, null));
    assertThat(c.durableObjects()).containsExactly(new DurableObjectBindingConfig("D", "C", null, null));
    assertThat(c.r2Buckets()).containsExactly(new R2BucketConfig("R", null));
    assertThat(c.d1Databases()).containsExactly(new D1DatabaseConfig("DB", null, null, null));
    assertThat(c.migrations()).containsExactly(new MigrationConfig("env-v1", List.of(), List.of(), List.of(), List.of()));
  }

  @Test
  void unsupportedBindingsFollowTheEnvironmentRules() {
    Path f = write(dir, "wrangler.toml", """
        [ai]
        binding = "AI"
        [images]
        binding = "IMAGES"
        [env.e]
        [[env.e.analytics_engine_datasets]]
        binding = "AE"
        """);
    WranglerConfig top = WranglerConfig.load(f);
    assertThat(top.unsupportedBindings()).extracting(UnsupportedBinding::keyPath).containsExactly("ai", "images");
    WranglerConfig env = WranglerConfig.load(f, "e");
    // ai and images are not inherited; analytics_engine_datasets comes from the env
    assertThat(env.unsupportedBindings()).extracting(UnsupportedBinding::keyPath)
        .containsExactly("env.e.analytics_engine_datasets");
  }
}
