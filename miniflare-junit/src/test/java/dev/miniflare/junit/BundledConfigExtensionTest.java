package dev.miniflare.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miniflare.Worker;
import dev.miniflare.kv.KVNamespace;
import org.junit.jupiter.api.Test;

/**
 * {@code @MiniflareTest(config = ...)} builds the worker as wrangler does: a TypeScript entry with an
 * extensionless import, a Text module and a {@code define} starts, and its bindings are injected as usual.
 */
@MiniflareTest(config = "src/test/resources/workers/ts-app/wrangler.toml")
class BundledConfigExtensionTest {
  @Test
  void typeScriptWorkerFromAWranglerConfigStarts(Worker worker, @Binding("KV") KVNamespace kv) {
    assertThat(worker.fetch("http://localhost/?name=junit").text()).isEqualTo("[banner] Hello, junit!");
    assertThat(kv.get("last")).isEqualTo("junit");
  }

  @Test
  void everyTestGetsTheSameBundledWorker(Worker worker, @Binding("KV") KVNamespace kv) {
    assertThat(kv.get("last")).isNull(); // the other test's write is gone
    assertThat(worker.fetch("http://localhost/").text()).isEqualTo("[banner] Hello, world!");
  }
}
