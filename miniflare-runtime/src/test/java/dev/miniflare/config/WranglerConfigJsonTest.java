package dev.miniflare.config;

import static dev.miniflare.config.ConfigTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WranglerConfigJsonTest {
  @TempDir Path dir;

  private static final String FULL = """
      {
        "$schema": "node_modules/wrangler/config-schema.json",
        "name": "json-worker",
        "main": "src/index.ts",
        "compatibility_date": "2025-01-01",
        "compatibility_flags": ["nodejs_compat"],
        "vars": {
          "S": "text",
          "N": 7,
          "F": 2.25,
          "B": false,
          "NIL": null,
          "ARR": [1, [2, 3], {"k": "v"}],
          "OBJ": {"z": 1, "a": 2}
        },
        "kv_namespaces": [{"binding": "KV", "id": "kv-id", "preview_id": "kv-preview"}],
        "services": [{"binding": "SVC", "service": "other", "entrypoint": "Entry"}],
        "routes": ["a.example.com/*", {"pattern": "b.example.com/*", "zone_name": "example.com"},
                   {"pattern": "c.example.com", "custom_domain": true}],
        "durable_objects": {"bindings": [{"name": "DO", "class_name": "MyDO", "script_name": "s"}]},
        "migrations": [{"tag": "v1", "new_sqlite_classes": ["MyDO"],
                        "renamed_classes": [{"from": "A", "to": "B"}], "deleted_classes": ["C"]}],
        "r2_buckets": [{"binding": "R2", "bucket_name": "bucket"}],
        "d1_databases": [{"binding": "D1", "database_name": "db", "database_id": "id1"}],
        "triggers": {"crons": ["0 * * * *"]}
      }
      """;

  @Test
  void readsEverySectionFromJson() {
    WranglerConfig c = WranglerConfig.load(write(dir, "wrangler.json", FULL));
    assertThat(c.format()).isEqualTo(ConfigFormat.JSON);
    assertFull(c);
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void jsoncAllowsCommentsAndTrailingCommas() {
    String jsonc = """
        // top comment
        {
          /* block
             comment */
          "name": "jsonc-worker", // trailing comment
          "compatibility_flags": ["a", "b",],
          "vars": { "X": 1, },
        }
        """;
    WranglerConfig c = WranglerConfig.load(write(dir, "wrangler.jsonc", jsonc));
    assertThat(c.format()).isEqualTo(ConfigFormat.JSONC);
    assertThat(c.name()).isEqualTo("jsonc-worker");
    assertThat(c.compatibilityFlags()).containsExactly("a", "b");
    assertThat(c.vars()).containsExactly(Map.entry("X", 1L));
  }

  @Test
  void fullConfigAlsoReadsAsJsonc() {
    assertFull(WranglerConfig.load(write(dir, "wrangler.jsonc", FULL)));
  }

  private void assertFull(WranglerConfig c) {
    assertThat(c.name()).isEqualTo("json-worker");
    assertThat(c.main()).isEqualTo("src/index.ts");
    assertThat(c.compatibilityDate()).isEqualTo("2025-01-01");
    assertThat(c.compatibilityFlags()).containsExactly("nodejs_compat");
    Map<String, Object> vars = c.vars();
    assertThat(vars.keySet()).containsExactly("S", "N", "F", "B", "NIL", "ARR", "OBJ");
    assertThat(vars.get("S")).isEqualTo("text");
    assertThat(vars.get("N")).isInstanceOf(Long.class).isEqualTo(7L);
    assertThat(vars.get("F")).isInstanceOf(Double.class).isEqualTo(2.25);
    assertThat(vars.get("B")).isEqualTo(false);
    assertThat(vars).containsKey("NIL");
    assertThat(vars.get("NIL")).isNull();
    assertThat(vars.get("ARR")).isEqualTo(List.of(1L, List.of(2L, 3L), Map.of("k", "v")));
    @SuppressWarnings("unchecked")
    Map<String, Object> obj = (Map<String, Object>) vars.get("OBJ");
    assertThat(obj.keySet()).containsExactly("z", "a");
    assertThat(c.kvNamespaces()).containsExactly(new KvNamespaceConfig("KV", "kv-id", "kv-preview"));
    assertThat(c.services()).containsExactly(new ServiceBindingConfig("SVC", "other", null, "Entry"));
    assertThat(c.routes()).containsExactly(
        new RouteConfig("a.example.com/*", null, false),
        new RouteConfig("b.example.com/*", "example.com", false),
        new RouteConfig("c.example.com", null, true));
    assertThat(c.durableObjects()).containsExactly(new DurableObjectBindingConfig("DO", "MyDO", "s", null));
    assertThat(c.migrations()).containsExactly(new MigrationConfig("v1", List.of(), List.of("MyDO"),
        List.of(new MigrationConfig.RenamedClass("A", "B")), List.of("C")));
    assertThat(c.r2Buckets()).containsExactly(new R2BucketConfig("R2", "bucket"));
    assertThat(c.d1Databases()).containsExactly(new D1DatabaseConfig("D1", "db", "id1", null));
    assertThat(c.crons()).containsExactly("0 * * * *");
  }

  @Test
  void singleRouteString() {
    WranglerConfig c = WranglerConfig.load(write(dir, "wrangler.json", "{\"route\": \"x.com/*\"}"));
    assertThat(c.routes()).containsExactly(new RouteConfig("x.com/*", null, false));
  }

  @Test
  void nullTopLevelValueMeansAbsent() {
    WranglerConfig c = WranglerConfig.load(write(dir, "wrangler.json", "{\"main\": null, \"kv_namespaces\": null}"));
    assertThat(c.main()).isNull();
    assertThat(c.kvNamespaces()).isEmpty();
  }

  @Test
  void hugeIntegerBecomesDouble() {
    WranglerConfig c = WranglerConfig.load(write(dir, "wrangler.json", "{\"vars\": {\"BIG\": 123456789012345678901234567890}}"));
    assertThat(c.vars().get("BIG")).isInstanceOf(Double.class);
  }

  @Test
  void tomlAndJsonGiveEqualResults() {
    WranglerConfig toml = WranglerConfig.load(write(dir, "a/wrangler.toml", """
        name = "same"
        [vars]
        A = 1
        B = [true, "x"]
        [[kv_namespaces]]
        binding = "K"
        id = "i"
        """));
    WranglerConfig json = WranglerConfig.load(write(dir, "b/wrangler.json", """
        {"name": "same", "vars": {"A": 1, "B": [true, "x"]}, "kv_namespaces": [{"binding": "K", "id": "i"}]}
        """));
    assertThat(json.vars()).isEqualTo(toml.vars());
    assertThat(json.kvNamespaces()).isEqualTo(toml.kvNamespaces());
    assertThat(new HashMap<>(json.bindingsVars())).isEqualTo(new HashMap<>(toml.bindingsVars()));
    assertThat(Arrays.asList(json.name(), json.main())).isEqualTo(Arrays.asList(toml.name(), toml.main()));
  }
}
