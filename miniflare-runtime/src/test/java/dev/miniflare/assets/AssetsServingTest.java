package dev.miniflare.assets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miniflare.Miniflare;
import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serving assets in front of a worker with the default settings. Expected values come from {@code wrangler dev}
 * (wrangler 4, Miniflare 4, workerd 2026-04-26) serving the same files with {@code [assets] directory, binding}.
 */
class AssetsServingTest {
  private static final String WORKER = """
      export default {
        async fetch(req, env) {
          const u = new URL(req.url);
          if (u.pathname.startsWith("/via-binding/")) {
            return env.ASSETS.fetch(new Request(new URL(u.pathname.slice(12), u), req));
          }
          if (u.pathname === "/binding-string") {
            const r = await env.ASSETS.fetch("http://x/file.txt");
            return new Response(r.status + " " + r.headers.get("content-type") + " " + await r.text());
          }
          return new Response("worker " + req.method + " " + u.pathname, { headers: { "x-worker": "1" } });
        }
      };
      """;

  @TempDir Path dir;
  private Miniflare mf;

  @BeforeEach
  void start() {
    AssetFiles.write(dir, AssetFiles.SITE);
    mf = Miniflare.builder()
        .worker(w -> w.name("site").modules(true).script(WORKER).compatibilityDate("2025-01-01")
            .assets(AssetsOptions.of(dir).withBinding("ASSETS")))
        .build();
  }

  @AfterEach
  void stop() {
    mf.close();
  }

  private Response get(String path) {
    return mf.dispatchFetch("http://localhost" + path);
  }

  @Test
  void servesFilesWithWranglersContentTypesAndCacheHeaders() {
    Response css = get("/style.css");
    assertThat(css.status()).isEqualTo(200);
    assertThat(css.text()).isEqualTo("body{}\n");
    assertThat(css.header("content-type")).isEqualTo("text/css; charset=utf-8");
    assertThat(css.header("cache-control")).isEqualTo("public, max-age=0, must-revalidate");
    assertThat(css.header("cf-cache-status")).isEqualTo("HIT");
    assertThat(css.header("etag")).matches("\"[0-9a-f]{32}\"");
    assertThat(get("/app.js").header("content-type")).isEqualTo("text/javascript; charset=utf-8");
    assertThat(get("/data.json").header("content-type")).isEqualTo("application/json");
    assertThat(get("/file.wasm").header("content-type")).isEqualTo("application/wasm");
    assertThat(get("/i.svg").header("content-type")).isEqualTo("image/svg+xml");
    assertThat(get("/favicon.ico").header("content-type")).isEqualTo("image/vnd.microsoft.icon");
    assertThat(get("/app.js.map").header("content-type")).isEqualTo("application/json");
    Response noExtension = get("/noext");
    assertThat(noExtension.text()).isEqualTo("noext\n");
    assertThat(noExtension.header("content-type")).isNull();
  }

  @Test
  void missingAssetsFallThroughToTheWorker() {
    Response res = get("/nope");
    assertThat(res.text()).isEqualTo("worker GET /nope");
    assertThat(res.header("x-worker")).isEqualTo("1");
    assertThat(mf.dispatchFetch(Request.builder("http://localhost/nope").method("POST").build()).text())
        .isEqualTo("worker POST /nope");
  }

  @Test
  void otherMethodsThanGetAndHeadAreRefusedForExistingAssets() {
    Response res = mf.dispatchFetch(Request.builder("http://localhost/file.txt").method("POST").body("x").build());
    assertThat(res.status()).isEqualTo(405);
    assertThat(res.statusText()).isEqualTo("Method Not Allowed");
    assertThat(res.text()).isEmpty();
    // the method is checked before the canonical-path redirect
    Response put = mf.dispatchFetch(Request.builder("http://localhost/about.html").method("PUT").body("x").build());
    assertThat(put.status()).isEqualTo(405);
  }

  @Test
  void headHasTheHeadersAndNoBody() {
    Response head = mf.dispatchFetch(Request.builder("http://localhost/file.txt").method("HEAD").build());
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("content-type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(head.header("etag")).isEqualTo(get("/file.txt").header("etag"));
    assertThat(head.text()).isEmpty();
  }

  @Test
  void ifNoneMatchWithTheStrongOrWeakEtagGives304() {
    String etag = get("/file.txt").header("etag");
    for (String condition : new String[] {etag, "W/" + etag}) {
      Response res = mf.dispatchFetch(Request.builder("http://localhost/file.txt").header("If-None-Match", condition).build());
      assertThat(res.status()).isEqualTo(304);
      assertThat(res.text()).isEmpty();
      assertThat(res.header("etag")).isEqualTo(etag);
      assertThat(res.header("content-type")).isEqualTo("text/plain; charset=utf-8");
    }
    Response other = mf.dispatchFetch(Request.builder("http://localhost/file.txt").header("If-None-Match", "\"x\"").build());
    assertThat(other.status()).isEqualTo(200);
  }

  @Test
  void rangeIsIgnoredAndMakesTheResponseUncacheable() {
    Response res = mf.dispatchFetch(Request.builder("http://localhost/file.txt").header("Range", "bytes=0-4").build());
    assertThat(res.status()).isEqualTo(200);
    assertThat(res.text()).isEqualTo("hello world 0123456789");
    assertThat(res.header("cache-control")).isNull();
    Response authorized = mf.dispatchFetch(Request.builder("http://localhost/file.txt").header("Authorization", "x").build());
    assertThat(authorized.header("cache-control")).isNull();
  }

  @Test
  void autoTrailingSlashServesHtmlWithoutExtensionAndRedirectsTheOtherForms() {
    assertThat(get("/").text()).isEqualTo("<h1>home</h1>\n");
    assertThat(get("/").header("content-type")).isEqualTo("text/html; charset=utf-8");
    assertRedirect("/index.html", 307, "/");
    assertRedirect("/index", 307, "/");
    assertThat(get("/about").text()).isEqualTo("about\n");
    assertRedirect("/about.html", 307, "/about");
    assertRedirect("/about/", 307, "/about");
    assertRedirect("/sub", 307, "/sub/");
    assertThat(get("/sub/").text()).isEqualTo("sub index\n");
    assertRedirect("/sub/index.html", 307, "/sub/");
    assertRedirect("/sub/index", 307, "/sub/");
    assertThat(get("/dir/file").text()).isEqualTo("dir file\n");
    assertRedirect("/dir/file.html", 307, "/dir/file");
    assertThat(get("/both").text()).isEqualTo("both.html\n");
    assertThat(get("/both/").text()).isEqualTo("both index\n");
    assertRedirect("/both.html", 307, "/both");
    assertRedirect("/both/index.html", 307, "/both/");
    assertRedirect("/about.html?x=1", 307, "/about?x=1");
  }

  @Test
  void encodedPathsAreDecodedPerSegment() {
    assertThat(get("/a%20b.txt").text()).isEqualTo("sp ace\n");
    assertThat(get("/%C3%BC.txt").text()).isEqualTo("\u00fcnicode\n");
    assertThat(get("/a%2fb").text()).isEqualTo("worker GET /a%2fb");
    assertThat(get("/a%20b.txt?q=1").text()).isEqualTo("sp ace\n");
  }

  @Test
  void pathsAreRedirectedToTheirEncodeUriComponentForm() {
    AssetFiles.write(dir, "a+b.txt", "plus\n");
    AssetFiles.write(dir, "a@b.txt", "at\n");
    assertRedirect("/a+b.txt", 307, "/a%2Bb.txt");
    assertThat(get("/a%2Bb.txt").text()).isEqualTo("plus\n");
    assertRedirect("/a@b.txt", 307, "/a%40b.txt");
    assertRedirect("//about", 307, "/about");
    assertRedirect("/sub//index.html", 307, "/sub/");
  }

  @Test
  void dotSegmentsNeverLeaveTheDirectory() throws Exception {
    Files.writeString(dir.getParent().resolve("outside-" + dir.getFileName() + ".txt"), "secret");
    String name = "outside-" + dir.getFileName() + ".txt";
    assertThat(get("/%2e%2e/" + name).text()).startsWith("worker GET");
    assertThat(get("/..%2f" + name).text()).startsWith("worker GET");
    assertThat(get("/sub/%2E%2E/%2E%2E/" + name).text()).startsWith("worker GET");
  }

  @Test
  void theBindingServesAssetsWithoutFallingBackToTheWorker() {
    assertThat(get("/binding-string").text()).isEqualTo("200 text/plain; charset=utf-8 hello world 0123456789");
    Response missing = get("/via-binding/nope");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.text()).isEmpty();
    assertRedirect("/via-binding/about.html", 307, "/about");
    Response post = mf.dispatchFetch(Request.builder("http://localhost/via-binding/file.txt").method("POST").build());
    assertThat(post.status()).isEqualTo(405);
  }

  @Test
  void aFileWrittenLaterIsServedAndAChangedFileGetsANewEtag() throws Exception {
    assertThat(get("/late.txt").text()).isEqualTo("worker GET /late.txt");
    AssetFiles.write(dir, "late.txt", "late");
    assertThat(get("/late.txt").text()).isEqualTo("late");
    String before = get("/late.txt").header("etag");
    Files.writeString(dir.resolve("late.txt"), "later");
    Files.setLastModifiedTime(dir.resolve("late.txt"), FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
    Response after = get("/late.txt");
    assertThat(after.text()).isEqualTo("later");
    assertThat(after.header("etag")).isNotEqualTo(before);
  }

  @Test
  void theJavaViewServesAsTheBindingDoes() {
    AssetServer assets = mf.assets("site");
    assertThat(assets.fetch("http://localhost/file.txt").text()).isEqualTo("hello world 0123456789");
    assertThat(assets.fetch("http://localhost/nope").status()).isEqualTo(404);
  }

  private void assertRedirect(String path, int status, String location) {
    Response res = get(path);
    assertThat(res.status()).as(path).isEqualTo(status);
    assertThat(res.header("location")).as(path).isEqualTo(location);
    assertThat(res.text()).as(path).isEmpty();
  }
}
