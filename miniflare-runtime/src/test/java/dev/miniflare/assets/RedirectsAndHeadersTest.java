package dev.miniflare.assets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miniflare.Miniflare;
import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code _redirects}, {@code _headers} and {@code .assetsignore} on an assets-only worker with a 404 page and
 * {@code drop-trailing-slash}. Expected answers recorded from {@code wrangler dev} (wrangler 4) on the same files.
 */
class RedirectsAndHeadersTest {
  @TempDir Path dir;
  private Miniflare mf;

  @BeforeEach
  void start() {
    AssetFiles.write(dir, Map.of(
        "404.html", "root 404\n", "blog/404.html", "blog 404\n", "blog/post.html", "post\n", "index.html", "home\n",
        "secret.txt", "secret\n", "keep.txt", "data\n", ".assetsignore", "secret.txt\n",
        "_redirects", """
            /old /blog/post 301
            /splat/* /blog/:splat
            /p/:id/x /blog/:id?q=1 308
            /proxy /blog/post 200
            /ext https://example.com/path
            /bad
            /code /x 404
            """,
        "_headers", """
            /blog/*
              X-Blog: yes
              X-Splat: :splat
            /*
              X-All: 1
              ! CF-Cache-Status
            /blog/:name
              X-Name: :name
              X-All: 2
            nocolon
            """));
    mf = Miniflare.builder().worker(w -> w.name("p2").compatibilityDate("2025-01-01")
        .assets(AssetsOptions.of(dir).withNotFoundHandling(NotFoundHandling.PAGE_404)
            .withHtmlHandling(HtmlHandling.DROP_TRAILING_SLASH))).build();
  }

  @AfterEach
  void stop() {
    mf.close();
  }

  private Response get(String path) {
    return mf.dispatchFetch("http://localhost" + path);
  }

  @Test
  void redirectsKeepOrReplaceTheQueryAndUseTheRulesStatus() {
    assertRedirect("/old", 301, "Moved Permanently", "/blog/post");
    assertRedirect("/old?a=b", 301, "Moved Permanently", "/blog/post?a=b");
    assertRedirect("/splat/post", 302, "Found", "/blog/post");
    assertRedirect("/p/post/x", 308, "Permanent Redirect", "/blog/post?q=1");
    assertRedirect("/p/post/x?z=9", 308, "Permanent Redirect", "/blog/post?q=1");
    assertRedirect("/ext", 302, "Found", "https://example.com/path");
    // redirects apply before the method check
    Response post = mf.dispatchFetch(Request.builder("http://localhost/old").method("POST").build());
    assertThat(post.status()).isEqualTo(301);
    // invalid lines are skipped
    assertThat(get("/code").status()).isEqualTo(404);
  }

  @Test
  void status200ServesTheTargetAtTheRequestedPath() {
    Response res = get("/proxy");
    assertThat(res.status()).isEqualTo(200);
    assertThat(res.text()).isEqualTo("post\n");
    assertThat(res.header("etag")).isEqualTo(get("/blog/post").header("etag"));
    assertThat(get("/proxy?x=1").text()).isEqualTo("post\n");
    assertThat(mf.dispatchFetch(Request.builder("http://localhost/proxy").method("POST").build()).status())
        .isEqualTo(405);
  }

  @Test
  void headOfA404PageHasItsHeadersAndNoBody() {
    Response head = mf.dispatchFetch(Request.builder("http://localhost/blog/nope").method("HEAD").build());
    assertThat(head.status()).isEqualTo(404);
    assertThat(head.text()).isEmpty();
    assertThat(head.header("content-type")).isEqualTo("text/html; charset=utf-8");
    assertThat(head.header("x-name")).isEqualTo("nope");
  }

  @Test
  void headersRulesSetAppendAndRemove() {
    Response post = get("/blog/post");
    assertThat(post.headers().all("x-all")).containsExactly("1", "2");
    assertThat(post.header("x-blog")).isEqualTo("yes");
    assertThat(post.header("x-splat")).isEqualTo("post");
    assertThat(post.header("x-name")).isEqualTo("post");
    assertThat(post.header("cf-cache-status")).isNull();
    assertThat(post.header("cache-control")).isEqualTo("public, max-age=0, must-revalidate");
    // a placeholder is one segment: /blog/post/ only matches the splat rules
    Response slash = get("/blog/post/");
    assertThat(slash.status()).isEqualTo(307);
    assertThat(slash.header("location")).isEqualTo("/blog/post");
    assertThat(slash.header("x-splat")).isEqualTo("post/");
    assertThat(slash.header("x-name")).isNull();
    assertThat(slash.headers().all("x-all")).containsExactly("1");
    // they apply to redirects, 404 pages and 405s too
    assertThat(get("/old").header("x-all")).isEqualTo("1");
    Response missing = get("/blog/nope");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.text()).isEqualTo("blog 404\n");
    assertThat(missing.header("x-name")).isEqualTo("nope");
    assertThat(mf.dispatchFetch(Request.builder("http://localhost/nope").method("POST").build()).header("x-all"))
        .isEqualTo("1");
  }

  @Test
  void ignoredFilesAndRuleFilesAreNotServed() {
    for (String path : new String[] {"/secret.txt", "/.assetsignore", "/_headers", "/_redirects"}) {
      Response res = get(path);
      assertThat(res.status()).as(path).isEqualTo(404);
      assertThat(res.text()).as(path).isEqualTo("root 404\n");
    }
    assertThat(get("/keep.txt").text()).isEqualTo("data\n");
  }

  @Test
  void editedRuleFilesApplyToTheNextRequest() {
    AssetFiles.write(dir, "_redirects", "/new /keep.txt 303\n");
    assertRedirect("/new", 303, "See Other", "/keep.txt");
    assertThat(get("/old").status()).isEqualTo(404);
  }

  private void assertRedirect(String path, int status, String statusText, String location) {
    Response res = get(path);
    assertThat(res.status()).as(path).isEqualTo(status);
    assertThat(res.statusText()).as(path).isEqualTo(statusText);
    assertThat(res.header("location")).as(path).isEqualTo(location);
    assertThat(res.text()).as(path).isEmpty();
  }
}
