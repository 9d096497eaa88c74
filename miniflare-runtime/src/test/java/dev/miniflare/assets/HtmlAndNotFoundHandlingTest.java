package dev.miniflare.assets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miniflare.Miniflare;
import dev.miniflare.http.Response;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code html_handling} and {@code not_found_handling} on assets-only workers. Expected statuses and locations were
 * recorded from {@code wrangler dev} (wrangler 4) serving the same files with the same {@code [assets]} settings.
 */
class HtmlAndNotFoundHandlingTest {
  @TempDir Path dir;

  private Miniflare assetsOnly(UnaryOperator<AssetsOptions> settings) {
    AssetFiles.write(dir, AssetFiles.SITE);
    return Miniflare.builder().worker(w -> w.name("site").assets(settings.apply(AssetsOptions.of(dir)))).build();
  }

  private static void expect(Miniflare mf, Map<String, String> expected) {
    expected.forEach((path, answer) -> {
      Response res = mf.dispatchFetch("http://localhost" + path);
      String actual = res.status() + (res.header("location") != null ? " " + res.header("location")
          : res.status() == 200 ? " " + res.text().strip() : "");
      assertThat(actual).as(path).isEqualTo(answer);
    });
  }

  @Test
  void forceTrailingSlash() {
    try (Miniflare mf = assetsOnly(o -> o.withHtmlHandling(HtmlHandling.FORCE_TRAILING_SLASH))) {
      expect(mf, Map.ofEntries(
          Map.entry("/about", "307 /about/"), Map.entry("/about/", "200 about"), Map.entry("/about.html", "307 /about/"),
          Map.entry("/sub", "307 /sub/"), Map.entry("/sub/", "200 sub index"), Map.entry("/sub/index.html", "307 /sub/"),
          Map.entry("/sub/index", "307 /sub/"), Map.entry("/both", "307 /both/"), Map.entry("/both/", "200 both index"),
          Map.entry("/both.html", "200 both.html"), Map.entry("/dir/file", "307 /dir/file/"),
          Map.entry("/dir/file/", "200 dir file"), Map.entry("/", "200 <h1>home</h1>"), Map.entry("/index.html", "307 /"),
          Map.entry("/index", "307 /"), Map.entry("/nope", "404")));
      // an existing page answers 405 to a POST, a missing path 404 (wrangler dev)
      assertThat(mf.dispatchFetch(dev.miniflare.http.Request.builder("http://localhost/about/").method("POST").build())
          .status()).isEqualTo(405);
    }
  }

  @Test
  void dropTrailingSlash() {
    try (Miniflare mf = assetsOnly(o -> o.withHtmlHandling(HtmlHandling.DROP_TRAILING_SLASH))) {
      expect(mf, Map.ofEntries(
          Map.entry("/", "200 <h1>home</h1>"), Map.entry("/index.html", "307 /"), Map.entry("/about", "200 about"),
          Map.entry("/about/", "307 /about"), Map.entry("/about.html", "307 /about"), Map.entry("/sub", "200 sub index"),
          Map.entry("/sub/", "307 /sub"), Map.entry("/sub/index.html", "307 /sub")));
    }
  }

  @Test
  void none() {
    try (Miniflare mf = assetsOnly(o -> o.withHtmlHandling(HtmlHandling.NONE))) {
      expect(mf, Map.ofEntries(
          Map.entry("/both", "404"), Map.entry("/both/", "404"), Map.entry("/both.html", "200 both.html"),
          Map.entry("/about", "404"), Map.entry("/about/", "404"), Map.entry("/about.html", "200 about"),
          Map.entry("/", "404"), Map.entry("/index.html", "200 <h1>home</h1>"), Map.entry("/sub/", "404"),
          Map.entry("/dir/file.html", "200 dir file")));
    }
  }

  @Test
  void missingAssetsOfAnAssetsOnlyWorkerAreBare404s() {
    try (Miniflare mf = assetsOnly(o -> o)) {
      Response res = mf.dispatchFetch("http://localhost/nope");
      assertThat(res.status()).isEqualTo(404);
      assertThat(res.text()).isEmpty();
      // wrangler dev: a POST to a missing path is a 404 too (no asset, so no 405)
      assertThat(mf.dispatchFetch(dev.miniflare.http.Request.builder("http://localhost/nope").method("POST").build())
          .status()).isEqualTo(404);
    }
  }

  @Test
  void page404IsTheNearestUpThePath() {
    AssetFiles.write(dir, Map.of("404.html", "root 404\n", "blog/404.html", "blog 404\n", "blog/post.html", "post\n"));
    try (Miniflare mf = assetsOnly(o -> o.withNotFoundHandling(NotFoundHandling.PAGE_404))) {
      Response blog = mf.dispatchFetch("http://localhost/blog/nope");
      assertThat(blog.status()).isEqualTo(404);
      assertThat(blog.statusText()).isEqualTo("Not Found");
      assertThat(blog.text()).isEqualTo("blog 404\n");
      assertThat(blog.header("content-type")).isEqualTo("text/html; charset=utf-8");
      assertThat(blog.header("etag")).isNotNull();
      Response root = mf.dispatchFetch("http://localhost/deep/er/nope");
      assertThat(root.status()).isEqualTo(404);
      assertThat(root.text()).isEqualTo("root 404\n");
      assertThat(mf.dispatchFetch("http://localhost/blog/post").text()).isEqualTo("post\n");
      // wrangler dev: a POST to a missing path answers 405 once a 404 page exists
      assertThat(mf.dispatchFetch(dev.miniflare.http.Request.builder("http://localhost/nope").method("POST").build())
          .status()).isEqualTo(405);
    }
  }

  @Test
  void singlePageApplicationServesIndexForUnknownPaths() {
    try (Miniflare mf = assetsOnly(o -> o.withNotFoundHandling(NotFoundHandling.SINGLE_PAGE_APPLICATION))) {
      Response deep = mf.dispatchFetch("http://localhost/deep/route");
      assertThat(deep.status()).isEqualTo(200);
      assertThat(deep.text()).isEqualTo("<h1>home</h1>\n");
      assertThat(mf.dispatchFetch("http://localhost/file.txt").text()).isEqualTo("hello world 0123456789");
    }
  }
}
