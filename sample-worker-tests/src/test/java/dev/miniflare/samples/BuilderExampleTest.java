package dev.miniflare.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miniflare.Miniflare;
import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import org.junit.jupiter.api.Test;

/** Miniflare's multi-worker example with the plain Java API (no JUnit extension). */
class BuilderExampleTest {
  @Test
  void twoWorkersASharedNamespaceAndAJavaFunction() {
    try (Miniflare mf = Miniflare.builder()
        .worker(w -> w.name("worker").modules(true).scriptPath("workers/multi/main.mjs")
            .kvNamespace("COUNTS", "counts")
            .serviceBinding("INCREMENTER", "incrementer")
            .serviceBinding("CUSTOM", request -> Response.text("The count is ")))
        .worker(w -> w.name("incrementer").scriptPath("workers/multi/incrementer.js")
            .kvNamespace("NUMBERS", "counts")
            .routes("incrementer.example.com/*"))
        .build()) {
      assertThat(mf.dispatchFetch("http://localhost").text()).isEqualTo("The count is 3");
      // routes: the host picks the worker; the Host header counts too, and ports are ignored
      assertThat(mf.dispatchFetch("http://incrementer.example.com:8080/").text()).isEqualTo("4");
      assertThat(mf.dispatchFetch(Request.builder("http://localhost/").header("host", "incrementer.example.com").build())
          .text()).isEqualTo("5");
      assertThat(mf.getKVNamespace("COUNTS").get("count")).isEqualTo("5");
    }
  }
}
