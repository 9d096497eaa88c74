package dev.miniflare.junit;

import static dev.miniflare.junit.MiniflareAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.miniflare.Worker;
import dev.miniflare.assets.AssetServer;
import dev.miniflare.http.Response;
import org.junit.jupiter.api.Test;

/** A worker with {@code [assets]} from its wrangler config: routing through the assets and the injected binding. */
@MiniflareTest(config = "src/test/resources/assets-site/wrangler.toml")
class AssetsExtensionTest {
  @Test
  void requestsReachTheAssetsBeforeTheWorker(Worker worker) {
    Response home = worker.fetch("http://localhost/");
    assertThat(home).hasStatus(200).hasBody("<h1>home</h1>\n");
    assertThat(home.header("content-type")).isEqualTo("text/html; charset=utf-8");
    assertThat(worker.fetch("http://localhost/docs/guide")).hasStatus(200).hasBody("guide\n");
    assertThat(worker.fetch("http://localhost/missing")).hasStatus(200).hasBody("worker /missing");
    // run_worker_first = ["/api/*"]: the worker runs and reads a page through env.ASSETS
    assertThat(worker.fetch("http://localhost/api/guide")).hasBody("api: guide");
  }

  @Test
  void theAssetsBindingIsInjectable(@Binding("ASSETS") AssetServer assets) {
    assertThat(assets.fetch("http://localhost/docs/guide.html").status()).isEqualTo(307);
    assertThat(assets.fetch("http://localhost/docs/guide.html").header("location")).isEqualTo("/docs/guide");
    assertThat(assets.fetch("http://localhost/missing").status()).isEqualTo(404);
  }
}
