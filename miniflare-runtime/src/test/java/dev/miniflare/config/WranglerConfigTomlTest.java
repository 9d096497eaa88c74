package dev.miniflare.config;

import static dev.miniflare.config.ConfigTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WranglerConfigTomlTest {
  @TempDir Path dir;

  @Test
  void readsBasicFieldsAndResolvesMain() {
    Path f = write(dir, "wrangler.toml", """
        name = "my-worker"
        main = "src/index.js"
        compatibility_date = "2024-09-23"
        compatibility_flags = ["nodejs_compat", "streams_enable_constructors"]
        """);
    WranglerConfig c = WranglerConfig.load(f);
    assertThat(c.file()).isEqualTo(f.toAbsolutePath().normalize());
    assertThat(c.directory()).isEqualTo(dir.toAbsolutePath().normalize());
    assertThat(c.format()).isEqualTo(ConfigFormat.TOML);
    assertThat(c.name()).isEqualTo("my-worker");
    assertThat(c.main()).isEqualTo("src/index.js");
    assertThat(c.mainPath()).contains(dir.toAbsolutePath().normalize().resolve("src/index.js"));
    assertThat(c.compatibilityDate()).isEqualTo("2024-09-23");
    assertThat(c.compatibilityFlags()).containsExactly("nodejs_compat", "streams_enable_constructors");
    assertThat(c.environment()).isEmpty();
    assertThat(c.environments()).isEmpty();
    assertThat(c.warnings()).isEmpty();
    assertThat(c.unsupportedBindings()).isEmpty();
  }

  @Test
  void emptyFileGivesDefaults() {
    WranglerConfig c = WranglerConfig.load(write(dir, "wrangler.toml", ""));
    assertThat(c.name()).isNull();
    assertThat(c.main()).isNull();
    assertThat(c.mainPath()).isEmpty();
    assertThat(c.compatibilityDate()).isNull();
    assertThat(c.compatibilityFlags()).isEmpty();
    assertThat(c.vars()).isEmpty();
    assertThat(c.kvNamespaces()).isEmpty();
    assertThat(c.routes()).isEmpty();
    assertThat(c.crons()).isEmpty();
    assertThat(c.secrets()).isEmpty();
    assertThat(c.bindingsVars()).isEmpty();
  }

  @Test
  void mainWithParentSegmentsIsNormalized() {
    Path f = write(dir, "app/wrangler.toml", "main = \"../shared/./worker.js\"\n");
    assertThat(WranglerConfig.load(f).mainPath())
        .contains(dir.toAbsolutePath().normalize().resolve("shared/worker.js"));
  }

  @Test
  void bareTomlDateIsAcceptedAsCompatibilityDate() {
    WranglerConfig c = WranglerConfig.load(write(dir, "wrangler.toml", "compatibility_date = 2023-05-18\n"));
    assertThat(c.compatibilityDate()).isEqualTo("2023-05-18");
  }

  @Test
  void varsKeepTheirTomlTypes() {
    Path f = write(dir, "wrangler.toml", """
        [vars]
        GREETING = "hello"
        NUM = 42
        RATIO = 1.5
        ENABLED = true
        LIST = [1, "two", false]
        "dotted.key" = "kept whole"

        [vars.NESTED]
        b = 2
        a = { deep = "yes" }
        """);
    Map<String, Object> vars = WranglerConfig.load(f).vars();
    assertThat(vars.keySet()).containsExactly("GREETING", "NUM", "RATIO", "ENABLED", "LIST", "dotted.key", "NESTED");
    assertThat(vars.get("GREETING")).isEqualTo("hello");
    assertThat(vars.get("NUM")).isInstanceOf(Long.class).isEqualTo(42L);
    assertThat(vars.get("RATIO")).isInstanceOf(Double.class).isEqualTo(1.5);
    assertThat(vars.get("ENABLED")).isEqualTo(Boolean.TRUE);
    assertThat(vars.get("LIST")).isEqualTo(List.of(1L, "two", false));
    assertThat(vars.get("dotted.key")).isEqualTo("kept whole");
    @SuppressWarnings("unchecked")
    Map<String, Object> nested = (Map<String, Object>) vars.get("NESTED");
    assertThat(nested.keySet()).containsExactly("b", "a");
    assertThat(nested.get("b")).isEqualTo(2L);
    assertThat(nested.get("a")).isEqualTo(Map.of("deep", "yes"));
  }

  @Test
  void inlineVarsTableWorksToo() {
    WranglerConfig c = WranglerConfig.load(write(dir, "wrangler.toml", "vars = { A = \"1\", B = 2 }\n"));
    assertThat(c.vars()).containsExactly(Map.entry("A", "1"), Map.entry("B", 2L));
  }

  @Test
  void kvNamespacesAsArrayOfTables() {
    Path f = write(dir, "wrangler.toml", """
        [[kv_namespaces]]
        binding = "CACHE"
        id = "abc123"
        preview_id = "def456"

        [[kv_namespaces]]
        binding = "OTHER"
        """);
    assertThat(WranglerConfig.load(f).kvNamespaces()).containsExactly(
        new KvNamespaceConfig("CACHE", "abc123", "def456"),
        new KvNamespaceConfig("OTHER", null, null));
  }

  @Test
  void kvNamespacesAsInlineArray() {
    Path f = write(dir, "wrangler.toml", "kv_namespaces = [ { binding = \"A\", id = \"1\" } ]\n");
    assertThat(WranglerConfig.load(f).kvNamespaces()).containsExactly(new KvNamespaceConfig("A", "1", null));
  }

  @Test
  void services() {
    Path f = write(dir, "wrangler.toml", """
        services = [
          { binding = "AUTH", service = "auth-worker" },
          { binding = "API", service = "api", environment = "production", entrypoint = "ApiEntry" },
        ]
        """.replace(",\n]", "\n]"));
    assertThat(WranglerConfig.load(f).services()).containsExactly(
        new ServiceBindingConfig("AUTH", "auth-worker", null, null),
        new ServiceBindingConfig("API", "api", "production", "ApiEntry"));
  }

  @Test
  void singleRoute() {
    WranglerConfig c = WranglerConfig.load(write(dir, "wrangler.toml", "route = \"example.com/*\"\n"));
    assertThat(c.routes()).containsExactly(new RouteConfig("example.com/*", null, false));
  }

  @Test
  void emptyRouteMeansNoRoute() {
    assertThat(WranglerConfig.load(write(dir, "wrangler.toml", "route = \"\"\n")).routes()).isEmpty();
  }

  @Test
  void routesOfEveryShape() {
    Path f = write(dir, "wrangler.toml", """
        routes = [
          "example.com/a/*",
          { pattern = "example.com/b/*", zone_name = "example.com" },
          { pattern = "shop.example.com", custom_domain = true },
        ]
        """);
    assertThat(WranglerConfig.load(f).routes()).containsExactly(
        new RouteConfig("example.com/a/*", null, false),
        new RouteConfig("example.com/b/*", "example.com", false),
        new RouteConfig("shop.example.com", null, true));
  }

  @Test
  void durableObjectsAsArrayOfTables() {
    Path f = write(dir, "wrangler.toml", """
        [[durable_objects.bindings]]
        name = "COUNTER"
        class_name = "Counter"

        [[durable_objects.bindings]]
        name = "REMOTE"
        class_name = "Room"
        script_name = "chat"
        environment = "staging"
        """);
    assertThat(WranglerConfig.load(f).durableObjects()).containsExactly(
        new DurableObjectBindingConfig("COUNTER", "Counter", null, null),
        new DurableObjectBindingConfig("REMOTE", "Room", "chat", "staging"));
  }

  @Test
  void durableObjectsAsTableWithBindingsArray() {
    Path f = write(dir, "wrangler.toml", """
        [durable_objects]
        bindings = [ { name = "A", class_name = "ClassA" } ]
        """);
    assertThat(WranglerConfig.load(f).durableObjects())
        .containsExactly(new DurableObjectBindingConfig("A", "ClassA", null, null));
  }

  @Test
  void migrations() {
    Path f = write(dir, "wrangler.toml", """
        [[migrations]]
        tag = "v1"
        new_classes = ["Counter"]

        [[migrations]]
        tag = "v2"
        new_sqlite_classes = ["Room"]
        renamed_classes = [{ from = "Counter", to = "Tally" }]
        deleted_classes = ["Old"]
        """);
    List<MigrationConfig> m = WranglerConfig.load(f).migrations();
    assertThat(m).containsExactly(
        new MigrationConfig("v1", List.of("Counter"), List.of(), List.of(), List.of()),
        new MigrationConfig("v2", List.of(), List.of("Room"),
            List.of(new MigrationConfig.RenamedClass("Counter", "Tally")), List.of("Old")));
  }

  @Test
  void r2AndD1AndCrons() {
    Path f = write(dir, "wrangler.toml", """
        [[r2_buckets]]
        binding = "BUCKET"
        bucket_name = "my-bucket"

        [[d1_databases]]
        binding = "DB"
        database_name = "prod-db"
        database_id = "0000-1111"
        migrations_dir = "db/migrations"

        [triggers]
        crons = ["*/5 * * * *", "0 0 * * MON"]
        """);
    WranglerConfig c = WranglerConfig.load(f);
    assertThat(c.r2Buckets()).containsExactly(new R2BucketConfig("BUCKET", "my-bucket"));
    assertThat(c.d1Databases()).containsExactly(new D1DatabaseConfig("DB", "prod-db", "0000-1111", "db/migrations"));
    assertThat(c.crons()).containsExactly("*/5 * * * *", "0 0 * * MON");
  }

  @Test
  void queuesAreParsed() {
    Path f = write(dir, "wrangler.toml", """
        [[queues.producers]]
        binding = "JOBS"
        queue = "jobs"
        delivery_delay = 30

        [[queues.consumers]]
        queue = "jobs"
        max_batch_size = 10
        dead_letter_queue = "dlq"
        """);
    WranglerConfig c = WranglerConfig.load(f);
    assertThat(c.queueProducers()).containsExactly(new QueueProducerConfig("JOBS", "jobs", 30L));
    assertThat(c.queueConsumers()).containsExactly(new QueueConsumerConfig("jobs", 10L, null, null, "dlq", null));
    assertThat(c.unsupportedBindings()).isEmpty();
  }

  @Test
  void devTableIsExposed() {
    WranglerConfig c = WranglerConfig.load(write(dir, "wrangler.toml", "[dev]\nport = 9000\nip = \"0.0.0.0\"\n"));
    assertThat(c.dev()).containsEntry("port", 9000L).containsEntry("ip", "0.0.0.0");
  }

  @Test
  void knownNonBindingKeysProduceNoWarnings() {
    Path f = write(dir, "wrangler.toml", """
        "$schema" = "node_modules/wrangler/config-schema.json"
        name = "w"
        account_id = "abc"
        workers_dev = true
        no_bundle = false
        minify = true
        keep_vars = true
        send_metrics = false
        upload_source_maps = true
        logpush = false
        find_additional_modules = true
        base_dir = "src"
        preserve_file_names = true
        tsconfig = "tsconfig.json"
        jsx_factory = "h"
        jsx_fragment = "Fragment"
        usage_model = "standard"
        first_party_worker = false

        [define]
        X = "1"
        [alias]
        foo = "./bar"
        [build]
        command = "npm run build"
        [[rules]]
        type = "Text"
        globs = ["**/*.txt"]
        [placement]
        mode = "smart"
        [limits]
        cpu_ms = 100
        [observability]
        enabled = true
        """);
    WranglerConfig c = WranglerConfig.load(f);
    assertThat(c.warnings()).isEmpty();
    assertThat(c.unsupportedBindings()).isEmpty();
  }

  @Test
  void collectionsAreUnmodifiable() {
    Path f = write(dir, "wrangler.toml", "compatibility_flags = [\"a\"]\n[vars]\nX = { y = [1] }\n");
    WranglerConfig c = WranglerConfig.load(f);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.compatibilityFlags().add("b"))
        .isInstanceOf(UnsupportedOperationException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.vars().put("Y", 1))
        .isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> x = (Map<String, Object>) c.vars().get("X");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> x.put("z", 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
