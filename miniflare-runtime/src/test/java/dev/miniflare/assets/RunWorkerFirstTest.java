package dev.miniflare.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.miniflare.Miniflare;
import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which requests reach the worker: {@code run_worker_first} as a boolean or as route patterns, and the not-found
 * handling that applies to the router's decision. Expected answers recorded from {@code wrangler dev} (wrangler 4).
 */
class RunWorkerFirstTest {
  private static final String WORKER =
      "export default { fetch(req) { return new Response('worker ' + new URL(req.url).pathname); } };";

  @TempDir Path dir;

  private Miniflare start(String compatibilityDate, AssetsOptions assets) {
    AssetFiles.write(dir, Map.of("index.html", "spa\n", "x.txt", "x\n", "api/static/s.txt", "st\n",
        "api/f.txt", "api file\n"));
    return Miniflare.builder().worker(w -> w.name("app").modules(true).script(WORKER)
        .compatibilityDate(compatibilityDate).assets(assets)).build();
  }

  private static String get(Miniflare mf, String path) {
    return mf.dispatchFetch("http://localhost" + path).text().strip();
  }

  @Test
  void patternsSendMatchingPathsToTheWorkerAndNegationsToTheAssets() {
    try (Miniflare mf = start("2025-01-01", AssetsOptions.of(dir)
        .withNotFoundHandling(NotFoundHandling.SINGLE_PAGE_APPLICATION).withRunWorkerFirst("/api/*", "!/api/static/*"))) {
      assertThat(get(mf, "/")).isEqualTo("spa");
      assertThat(get(mf, "/x.txt")).isEqualTo("x");
      // with patterns, not_found_handling decides for paths the patterns leave to the assets
      assertThat(get(mf, "/nope")).isEqualTo("spa");
      assertThat(get(mf, "/deep/route")).isEqualTo("spa");
      assertThat(get(mf, "/api/f.txt")).isEqualTo("worker /api/f.txt");
      assertThat(get(mf, "/api/x")).isEqualTo("worker /api/x");
      assertThat(get(mf, "/api/static/s.txt")).isEqualTo("st");
      assertThat(get(mf, "/api/static/none")).isEqualTo("spa");
      Response post = mf.dispatchFetch(Request.builder("http://localhost/nope").method("POST").build());
      assertThat(post.status()).isEqualTo(405);
    }
  }

  @Test
  void withoutPatternsMissingPathsGoToTheWorkerUnlessANavigationPrefersAssets() {
    try (Miniflare mf = start("2025-01-01", AssetsOptions.of(dir)
        .withNotFoundHandling(NotFoundHandling.SINGLE_PAGE_APPLICATION))) {
      assertThat(get(mf, "/nope")).isEqualTo("worker /nope");
      Response navigate = mf.dispatchFetch(Request.builder("http://localhost/nope").header("Sec-Fetch-Mode", "navigate").build());
      assertThat(navigate.text()).isEqualTo("worker /nope"); // the preference starts with 2025-04-01
    }
    try (Miniflare mf = start("2025-04-01", AssetsOptions.of(dir)
        .withNotFoundHandling(NotFoundHandling.SINGLE_PAGE_APPLICATION))) {
      assertThat(get(mf, "/nope")).isEqualTo("worker /nope");
      Response navigate = mf.dispatchFetch(Request.builder("http://localhost/nope").header("Sec-Fetch-Mode", "navigate").build());
      assertThat(navigate.text()).isEqualTo("spa\n");
    }
  }

  @Test
  void trueSendsEverythingToTheWorker() {
    try (Miniflare mf = start("2025-01-01", AssetsOptions.of(dir).withBinding("ASSETS").withRunWorkerFirst(true))) {
      assertThat(get(mf, "/x.txt")).isEqualTo("worker /x.txt");
      assertThat(get(mf, "/")).isEqualTo("worker /");
    }
  }

  @Test
  void invalidSettingsFailAtStartWithWranglersMessages() {
    AssetFiles.write(dir, Map.of("x.txt", "x"));
    assertThatThrownBy(() -> Miniflare.builder().worker(w -> w.name("a").assets(AssetsOptions.of(dir)
        .withRunWorkerFirst(true))).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("worker \"a\": Cannot set run_worker_first without a Worker script.\nPlease remove run_worker_first"
            + " from your configuration file, or provide a Worker script in your configuration file (`main`).");
    assertThatThrownBy(() -> Miniflare.builder().worker(w -> w.name("a").assets(AssetsOptions.of(dir)
        .withBinding("ASSETS"))).build())
        .hasMessage("worker \"a\": Cannot use assets with a binding in an assets-only Worker.\nPlease remove the asset"
            + " binding from your configuration file, or provide a Worker script in your configuration file (`main`).");
    assertThatThrownBy(() -> Miniflare.builder().worker(w -> w.name("a").script(WORKER).assets(AssetsOptions.of(dir)
        .withRunWorkerFirst("api/*"))).build())
        .hasMessage("worker \"a\": Invalid routes in `run_worker_first`:\n'api/*': rules must start with '/' or '!/'");
    assertThatThrownBy(() -> Miniflare.builder().worker(w -> w.name("a").script(WORKER)
        .assets(AssetsOptions.of(dir.resolve("missing")))).build())
        .hasMessage("worker \"a\": The directory specified by the \"assets.directory\" field in your configuration"
            + " file does not exist:\n" + dir.resolve("missing").toAbsolutePath().normalize());
  }
}
