package dev.miniflare.samples;

import static dev.miniflare.junit.MiniflareAssertions.assertThat;

import dev.miniflare.Worker;
import dev.miniflare.junit.MiniflareTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * A TypeScript worker importing a {@code .wasm} file: the import is a compiled {@code WebAssembly.Module} (wrangler's
 * CompiledWasm rule), instantiated by the worker. WebAssembly runs on GraalWasm, which needs JDK 21 or newer.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
@MiniflareTest(config = "workers/wasm-app/wrangler.toml")
class WasmAppTest {
  @Test
  void addsInWebAssembly(Worker worker) {
    assertThat(worker.fetch("http://localhost/?a=20&b=22")).hasStatus(200).hasBody("20 + 22 = 42");
  }

  @Test
  void theExportCallsIntoWasm(Worker worker) {
    assertThat(worker.module().call("add", Integer.class, -5, 3)).isEqualTo(-2);
  }
}
