package dev.miniflare.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.miniflare.Miniflare;
import dev.miniflare.MiniflareException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * GraalWasm 25.0.2 calls JDK 21 APIs while parsing modules, so on JDK 17-20 WebAssembly stays off: importing a
 * {@code .wasm} file fails at start-up with a message saying why, instead of an internal error mid-request.
 */
@EnabledForJreRange(max = JRE.JAVA_20)
class WebAssemblyBeforeJdk21Test {
  @Test
  void importingWasmFailsWithAMessageNamingTheJdk() {
    assertThatThrownBy(() -> Miniflare.builder()
        .worker(w -> w.modules(true).scriptPath(WebAssemblyTest.fixture("rust-style/shim.mjs"))).build())
        .isInstanceOf(MiniflareException.class)
        .hasMessageContaining("WebAssembly modules need JDK 21 or newer");
  }

  @Test
  void theGlobalIsAbsent() {
    try (Miniflare mf = Miniflare.builder()
        .worker(w -> w.modules(true).script("export default { fetch() { return new Response(typeof WebAssembly); } }"))
        .build()) {
      assertThat(mf.dispatchFetch("http://localhost/").text()).isEqualTo("undefined");
    }
  }
}
