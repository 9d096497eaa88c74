package dev.miniflare.config;

import static dev.miniflare.config.ConfigTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WranglerConfigWarningsTest {
  @TempDir Path dir;

  @Test
  void unknownTopLevelKeyWithSuggestionAndLocation() {
    Path f = write(dir, "wrangler.toml", """
        name = "w"
        main = "index.js"




        [[kv_namespace]]
        binding = "A"
        """);
    WranglerConfig c = WranglerConfig.load(f);
    assertThat(c.warnings()).hasSize(1);
    ConfigWarning w = c.warnings().get(0);
    assertThat(w.toString()).endsWith("wrangler.toml:7:1: unknown key \"kv_namespace\" (did you mean \"kv_namespaces\"?)");
    assertThat(w.file()).isEqualTo(f.toAbsolutePath().normalize());
    assertThat(w.line()).isEqualTo(7);
    assertThat(w.column()).isEqualTo(1);
    assertThat(w.keyPath()).isEqualTo("kv_namespace");
    assertThat(w.message()).isEqualTo("unknown key \"kv_namespace\" (did you mean \"kv_namespaces\"?)");
    // the misspelt section is not used
    assertThat(c.kvNamespaces()).isEmpty();
  }

  @Test
  void unknownKeyWithoutAnyCloseMatchHasNoHint() {
    WranglerConfig c = WranglerConfig.load(write(dir, "wrangler.toml", "frobnicate_everything = 1\n"));
    assertThat(c.warnings()).extracting(ConfigWarning::message)
        .containsExactly("unknown key \"frobnicate_everything\"");
  }

  @Test
  void suggestionsForCommonTypos() {
    WranglerConfig c = WranglerConfig.load(write(dir, "wrangler.toml", """
        compatability_date = "2024-01-01"
        compatibility_flag = ["x"]
        var = { A = 1 }
        """));
    assertThat(c.warnings()).extracting(ConfigWarning::message).containsExactly(
        "unknown key \"compatability_date\" (did you mean \"compatibility_date\"?)",
        "unknown key \"compatibility_flag\" (did you mean \"compatibility_flags\"?)",
        "unknown key \"var\" (did you mean \"vars\"?)");
    assertThat(c.warnings()).extracting(ConfigWarning::line).containsExactly(1, 2, 3);
  }

  @Test
  void unknownKeysInJsonHaveLocations() {
    WranglerConfig c = WranglerConfig.load(write(dir, "wrangler.jsonc", """
        {
          "name": "w",
          // comment
            "servces": []
        }
        """));
    assertThat(c.warnings()).hasSize(1);
    assertThat(c.warnings().get(0).toString())
        .endsWith("wrangler.jsonc:4:5: unknown key \"servces\" (did you mean \"services\"?)");
  }

  @Test
  void unknownKeysInsideBindingEntries() {
    WranglerConfig c = WranglerConfig.load(write(dir, "wrangler.toml", """
        [[kv_namespaces]]
        binding = "A"
        namespace_id = "x"

        [[durable_objects.bindings]]
        name = "D"
        class = "C"
        class_name = "C"
        """));
    assertThat(c.warnings()).extracting(ConfigWarning::toString).satisfiesExactly(
        w -> assertThat(w).endsWith("wrangler.toml:3:1: unknown key \"kv_namespaces[0].namespace_id\""),
        w -> assertThat(w).endsWith("wrangler.toml:7:1: unknown key \"durable_objects.bindings[0].class\" "
            + "(did you mean \"durable_objects.bindings[0].class_name\"?)"));
  }

  @Test
  void unknownKeysInEnvironmentsAreReportedEvenWhenNotSelected() {
    WranglerConfig c = WranglerConfig.load(write(dir, "wrangler.toml", """
        name = "w"
        [env.staging]
        rutes = ["x/*"]
        """));
    assertThat(c.warnings()).extracting(ConfigWarning::toString).singleElement().asString()
        .endsWith("wrangler.toml:3:1: unknown key \"env.staging.rutes\" (did you mean \"env.staging.routes\"?)");
  }

  @Test
  void topLevelOnlyKeysInsideAnEnvironment() {
    WranglerConfig c = WranglerConfig.load(write(dir, "wrangler.toml", """
        [env.e.dev]
        port = 1
        """), "e");
    assertThat(c.warnings()).extracting(ConfigWarning::message)
        .containsExactly("\"env.e.dev\" is only allowed at the top level; it is ignored here");
    assertThat(c.dev()).isEmpty();
  }

  @Test
  void unknownKeysInTriggersAndRoutes() {
    WranglerConfig c = WranglerConfig.load(write(dir, "wrangler.toml", """
        routes = [{ pattern = "p", zone = "z" }]
        [triggers]
        cron = ["* * * * *"]
        """));
    assertThat(c.warnings()).extracting(ConfigWarning::keyPath).containsExactly("routes[0].zone", "triggers.cron");
    assertThat(c.crons()).isEmpty();
  }

  @Test
  void unsupportedBindingsAreListedWithLocationsInToml() {
    Path f = write(dir, "wrangler.toml", """
        name = "w"
        [ai]
        binding = "AI"

        [[analytics_engine_datasets]]
        binding = "AE"

        [[vectorize]]
        binding = "V"
        index_name = "i"

        [[hyperdrive]]
        binding = "H"
        id = "x"

        [browser]
        binding = "B"

        [[mtls_certificates]]
        binding = "M"
        certificate_id = "c"

        [[dispatch_namespaces]]
        binding = "DN"
        namespace = "n"

        [[send_email]]
        name = "E"

        [[workflows]]
        binding = "WF"
        name = "wf"
        class_name = "W"

        [[tail_consumers]]
        service = "t"

        [version_metadata]
        binding = "VM"

        [[unsafe.bindings]]
        name = "U"
        type = "x"

        [images]
        binding = "IMAGES"

        [[queues.producers]]
        binding = "Q"
        queue = "q"
        """);
    WranglerConfig c = WranglerConfig.load(f);
    assertThat(c.warnings()).isEmpty();
    assertThat(c.unsupportedBindings()).extracting(UnsupportedBinding::key).containsExactlyInAnyOrder(
        "ai", "analytics_engine_datasets", "vectorize", "hyperdrive", "browser", "mtls_certificates",
        "dispatch_namespaces", "send_email", "workflows", "tail_consumers", "version_metadata", "unsafe",
        "images");
    UnsupportedBinding ai = c.unsupportedBindings().stream().filter(b -> b.key().equals("ai")).findFirst().orElseThrow();
    assertThat(ai.line()).isEqualTo(2);
    assertThat(ai.column()).isEqualTo(1);
    assertThat(ai.file()).isEqualTo(f.toAbsolutePath().normalize());
    assertThat(ai.describe()).endsWith("wrangler.toml:2:1: \"ai\" is not supported by Miniflare for Java");
    UnsupportedBinding ae = c.unsupportedBindings().stream()
        .filter(b -> b.key().equals("analytics_engine_datasets")).findFirst().orElseThrow();
    assertThat(ae.line()).isEqualTo(5);
  }

  @Test
  void unsupportedBindingsInJsonHaveLocations() {
    WranglerConfig c = WranglerConfig.load(write(dir, "wrangler.json", """
        {
          "name": "w",
          "hyperdrive": [{"binding": "H", "id": "x"}],
          "ai": {"binding": "AI"}
        }
        """));
    assertThat(c.unsupportedBindings()).extracting(b -> b.key() + "@" + b.line() + ":" + b.column())
        .containsExactlyInAnyOrder("hyperdrive@3:3", "ai@4:3");
  }

  @Test
  void emptyUnsupportedSectionsAreNotReported() {
    WranglerConfig c = WranglerConfig.load(write(dir, "wrangler.json", "{\"vectorize\": [], \"unsafe\": {}}"));
    assertThat(c.unsupportedBindings()).isEmpty();
  }

  @Test
  void warningsListIsUnmodifiable() {
    List<ConfigWarning> w = WranglerConfig.load(write(dir, "wrangler.toml", "x = 1\n")).warnings();
    assertThat(w).hasSize(1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
