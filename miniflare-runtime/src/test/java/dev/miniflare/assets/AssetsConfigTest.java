package dev.miniflare.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.miniflare.Miniflare;
import dev.miniflare.MiniflareException;
import dev.miniflare.config.AssetsConfig;
import dev.miniflare.config.ConfigException;
import dev.miniflare.config.WranglerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code [assets]} in wrangler.toml / wrangler.json: reading, wrangler's validation messages with the file and
 * line, assets-only workers, and serving over HTTP as the CLI does ({@code Miniflare.builder().wranglerConfig(..)
 * .port(..)} is the CLI's path).
 */
class AssetsConfigTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void readsEveryKeyAndIsInheritedByEnvironments() throws Exception {
    Path f = write("wrangler.toml", """
        name = "site"
        main = "src/index.js"
        [assets]
        directory = "./public"
        binding = "ASSETS"
        html_handling = "force-trailing-slash"
        not_found_handling = "404-page"
        run_worker_first = ["/api/*", "!/api/docs/*"]
        [env.staging]
        """);
    AssetsConfig a = WranglerConfig.load(f).assets().orElseThrow();
    assertThat(a.directory()).isEqualTo(dir.resolve("public").toAbsolutePath().normalize());
    assertThat(a.binding()).isEqualTo("ASSETS");
    assertThat(a.htmlHandling()).isEqualTo("force-trailing-slash");
    assertThat(a.notFoundHandling()).isEqualTo("404-page");
    assertThat(a.runWorkerFirst()).isNull();
    assertThat(a.runWorkerFirstRules()).containsExactly("/api/*", "!/api/docs/*");
    assertThat(a.line()).isEqualTo(3);
    assertThat(WranglerConfig.load(f, "staging").assets()).contains(a);
    assertThat(WranglerConfig.load(f).unsupportedBindings()).isEmpty();
  }

  @Test
  void jsonConfigWithBooleanRunWorkerFirst() throws Exception {
    Path f = write("wrangler.json", """
        { "name": "j", "main": "src/index.js",
          "assets": { "directory": "dist", "run_worker_first": true } }
        """);
    AssetsConfig a = WranglerConfig.load(f).assets().orElseThrow();
    assertThat(a.runWorkerFirst()).isTrue();
    assertThat(a.runWorkerFirstRules()).isNull();
  }

  @Test
  void wrongValuesAreRefusedWithWranglersWordsAndTheLine() throws Exception {
    Map<String, String> cases = Map.of(
        "html_handling = \"auto\"", "Expected \"assets.html_handling\" field to be one of"
            + " [\"auto-trailing-slash\",\"force-trailing-slash\",\"drop-trailing-slash\",\"none\"] but got \"auto\".",
        "not_found_handling = \"spa\"", "Expected \"assets.not_found_handling\" field to be one of"
            + " [\"single-page-application\",\"404-page\",\"none\"] but got \"spa\".",
        "binding = 5", "Expected \"assets.binding\" to be of type string but got 5.",
        "run_worker_first = \"yes\"", "The field \"assets.run_worker_first\" should be an array of"
            + " strings or a boolean, but got \"yes\".",
        "run_worker_first = [\"/a\", 1]", "Expected \"assets.run_worker_first.[1]\" to be of type"
            + " string but got 1.");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Path f = write("wrangler.toml", "[assets]\ndirectory = \"public\"\n" + c.getKey() + "\n");
      assertThatThrownBy(() -> WranglerConfig.load(f)).as(c.getKey()).isInstanceOf(ConfigException.class)
          .hasMessageContaining("wrangler.toml:3:").hasMessageEndingWith(": " + c.getValue());
    }
  }

  @Test
  void unknownKeysWarnAndTheBindingNameMustBeUnique() throws Exception {
    Path f = write("wrangler.toml", "[vars]\nASSETS = \"x\"\n[assets]\ndirectory = \"public\"\nbinding = \"ASSETS\"\n"
        + "html = \"none\"\n");
    assertThatThrownBy(() -> WranglerConfig.load(f)).hasMessageContaining("binding name \"ASSETS\" is used twice");
    Path g = write("wrangler.toml", "[assets]\ndirectory = \"public\"\nhtml_handlin = \"none\"\n");
    assertThat(WranglerConfig.load(g).warnings()).extracting(w -> w.message())
        .anySatisfy(m -> assertThat(m).contains("unknown key \"assets.html_handlin\" (did you mean \"assets.html_handling\"?)"));
  }

  @Test
  void startupErrorsNameTheConfigFile() throws Exception {
    write("src/index.js", "export default { fetch() { return new Response('w'); } };");
    Path noDirectory = write("wrangler.toml", "main = \"src/index.js\"\n[assets]\nbinding = \"A\"\n");
    assertThatThrownBy(() -> Miniflare.builder().wranglerConfig(noDirectory, null))
        .isInstanceOf(MiniflareException.class)
        .hasMessage("wrangler.toml:2:1: The `assets` property in your configuration is missing the required"
            + " `directory` property.");
    Path missing = write("wrangler.toml", "main = \"src/index.js\"\n[assets]\ndirectory = \"nope\"\n");
    assertThatThrownBy(() -> Miniflare.builder().wranglerConfig(missing, null))
        .hasMessage("wrangler.toml:2:1: The directory specified by the \"assets.directory\" field in your configuration"
            + " file does not exist:\n" + dir.resolve("nope").toAbsolutePath().normalize());
    Files.createDirectories(dir.resolve("public"));
    Path bindingWithoutMain = write("wrangler.toml", "[assets]\ndirectory = \"public\"\nbinding = \"ASSETS\"\n");
    assertThatThrownBy(() -> Miniflare.builder().wranglerConfig(bindingWithoutMain, null))
        .hasMessageStartingWith("wrangler.toml:1:1: Cannot use assets with a binding in an assets-only Worker.");
    Path emptyRules = write("wrangler.toml", "main = \"src/index.js\"\n[assets]\ndirectory = \"public\"\n"
        + "run_worker_first = []\n");
    assertThatThrownBy(() -> Miniflare.builder().wranglerConfig(emptyRules, null))
        .hasMessage("wrangler.toml:2:1: No `run_worker_first` rules were provided; must provide at least 1 rule.");
    Path neither = write("wrangler.toml", "name = \"x\"\n");
    assertThatThrownBy(() -> Miniflare.builder().wranglerConfig(neither, null))
        .hasMessageContaining("\"main\" is not set");
  }

  @Test
  void anAssetsOnlyWorkerAndAWorkerWithAssetsServeOverHttp() throws Exception {
    AssetFiles.write(dir.resolve("public"), Map.of("index.html", "<p>hi</p>\n", "docs/guide.html", "guide\n"));
    Path assetsOnly = write("wrangler.toml", "name = \"static\"\ncompatibility_date = \"2025-01-01\"\n"
        + "[assets]\ndirectory = \"public\"\nnot_found_handling = \"single-page-application\"\n");
    HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    try (Miniflare mf = Miniflare.builder().wranglerConfig(assetsOnly, null).port(0).build()) {
      HttpResponse<String> home = client.send(HttpRequest.newBuilder(mf.url().resolve("/")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(home.statusCode()).isEqualTo(200);
      assertThat(home.body()).isEqualTo("<p>hi</p>\n");
      assertThat(home.headers().firstValue("content-type")).contains("text/html; charset=utf-8");
      HttpResponse<String> redirect = client.send(HttpRequest.newBuilder(mf.url().resolve("/docs/guide.html")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(redirect.statusCode()).isEqualTo(307);
      assertThat(redirect.headers().firstValue("location")).contains("/docs/guide");
      String etag = home.headers().firstValue("etag").orElseThrow();
      HttpResponse<String> notModified = client.send(HttpRequest.newBuilder(mf.url().resolve("/"))
          .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(notModified.statusCode()).isEqualTo(304);
      HttpResponse<String> spa = client.send(HttpRequest.newBuilder(mf.url().resolve("/app/route")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(spa.body()).isEqualTo("<p>hi</p>\n");
    }
    write("src/index.js", "export default { async fetch(req, env) { const u = new URL(req.url);"
        + " if (u.pathname === '/api') { const r = await env.STATIC.fetch(new URL('/docs/guide', u));"
        + " return new Response('api+' + await r.text()); } return new Response('worker ' + u.pathname); } };");
    Path withWorker = write("wrangler.toml", "name = \"app\"\nmain = \"src/index.js\"\ncompatibility_date = \"2025-01-01\"\n"
        + "[assets]\ndirectory = \"public\"\nbinding = \"STATIC\"\n");
    try (Miniflare mf = Miniflare.builder().wranglerConfig(withWorker, null).port(0).build()) {
      URI base = mf.url();
      assertThat(client.send(HttpRequest.newBuilder(base.resolve("/api")).build(), HttpResponse.BodyHandlers.ofString())
          .body()).isEqualTo("api+guide\n");
      assertThat(client.send(HttpRequest.newBuilder(base.resolve("/docs/guide")).build(),
          HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("guide\n");
      assertThat(client.send(HttpRequest.newBuilder(base.resolve("/other")).build(),
          HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("worker /other");
      HttpResponse<String> head = client.send(HttpRequest.newBuilder(base.resolve("/docs/guide"))
          .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.body()).isEmpty();
      assertThat(mf.workerOptions("app").assets().binding()).isEqualTo("STATIC");
      assertThat(List.copyOf(mf.workerNames())).containsExactly("app");
    }
  }
}
