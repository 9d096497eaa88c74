package dev.miniflare.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Parsing of {@code _headers}, {@code _redirects}, {@code .assetsignore} and {@code run_worker_first}, and the ETag
 * formula. The messages are wrangler 4's (seen in {@code wrangler dev}'s output for the same files).
 */
class AssetRulesParsingTest {
  @Test
  void redirectsFileReportsInvalidLinesWithWranglersMessages() {
    RedirectsFile f = RedirectsFile.parse("""
        /old /blog/post 301
        /splat/* /blog/:splat
        /p/:id/x /blog/:id?q=1 308
        /proxy /blog/post 200
        /ext https://example.com/path
        /bad
        /code /x 404
        /old /again
        /abs http://example.com
        /px https://example.com/x 200
        /loop/* /index.html
        https://example.com/a /b
        # a comment
        /a /b # trailing comment
        """, HtmlHandling.AUTO_TRAILING_SLASH);
    assertThat(f.problems).extracting(RuleProblem::lineNumber, RuleProblem::message).containsExactly(
        org.assertj.core.groups.Tuple.tuple(6, "Expected exactly 2 or 3 whitespace-separated tokens. Got 1."),
        org.assertj.core.groups.Tuple.tuple(7, "Valid status codes are 200, 301, 302 (default), 303, 307, or 308. Got 404."),
        org.assertj.core.groups.Tuple.tuple(8, "Ignoring duplicate rule for path /old."),
        org.assertj.core.groups.Tuple.tuple(9, "URLs should either be relative (e.g. begin with a forward-slash), or use"
            + " HTTPS (e.g. begin with \"https://\")."),
        org.assertj.core.groups.Tuple.tuple(10, "Proxy (200) redirects can only point to relative paths. Got"
            + " https://example.com/x"),
        org.assertj.core.groups.Tuple.tuple(11, "Infinite loop detected in this rule and has been ignored. This will cause"
            + " a redirect to strip `.html` or `/index` and end up triggering this rule again. Please fix or remove this"
            + " rule to silence this warning."),
        org.assertj.core.groups.Tuple.tuple(12, "Only relative URLs are allowed. Skipping absolute URL https://example.com/a."));
    // /old is static; everything from the first splat on is dynamic, in file order (wrangler: "5 valid" + /a)
    assertThat(f.staticRules).containsOnlyKeys("/old");
    assertThat(f.dynamicRules).extracting(RedirectsFile.Rule::from)
        .containsExactly("/splat/*", "/p/:id/x", "/proxy", "/ext", "/a");
    assertThat(f.demoted).extracting(RedirectsFile.Rule::from).containsExactly("/proxy", "/ext", "/a");
    assertThat(f.dynamicRules.get(1).status()).isEqualTo(308);
    assertThat(f.dynamicRules.get(3).status()).isEqualTo(302);
  }

  @Test
  void redirectsFileLimitsDynamicRules() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 102; i++) {
      text.append("/d").append(i).append("/* /x\n");
    }
    RedirectsFile f = RedirectsFile.parse(text.toString(), HtmlHandling.AUTO_TRAILING_SLASH);
    assertThat(f.dynamicRules).hasSize(100);
    assertThat(f.problems).extracting(RuleProblem::message)
        .containsExactly("Maximum number of dynamic rules supported is 100. Skipping remaining 3 lines of file.");
  }

  @Test
  void headersFileCollectsRulesAndReportsInvalidLines() {
    HeadersFile f = HeadersFile.parse("""
        /blog/*
          X-Blog: yes
          X-Splat: :splat
          x-blog: again
        /*
          X-All: 1
          ! CF-Cache-Status
        /empty
        /blog/:name
          X-Name: :name
        nocolon
          : novalue
          bad name: x
          X-Empty:
        https://example.com:8080/*
          X: y
        """);
    assertThat(f.rules).extracting(HeadersFile.Rule::path).containsExactly("/blog/*", "/*", "/blog/:name");
    assertThat(f.rules.get(0).set()).containsExactly(Map.entry("x-blog", "yes, again"), Map.entry("x-splat", ":splat"));
    assertThat(f.rules.get(1).unset()).containsExactly("CF-Cache-Status");
    assertThat(f.problems).extracting(RuleProblem::lineNumber, RuleProblem::message).containsExactly(
        org.assertj.core.groups.Tuple.tuple(9, "No headers specified"),
        org.assertj.core.groups.Tuple.tuple(11, "Expected a colon-separated header pair (e.g. name: value)"),
        org.assertj.core.groups.Tuple.tuple(12, "No header name specified"),
        org.assertj.core.groups.Tuple.tuple(13, "Header name cannot include spaces"),
        org.assertj.core.groups.Tuple.tuple(14, "No header value specified"),
        org.assertj.core.groups.Tuple.tuple(15, "Specifying ports is not supported. Skipping absolute URL"
            + " https://example.com:8080/*."),
        // the rule was skipped, so its headers have no path
        org.assertj.core.groups.Tuple.tuple(16, "Path should come before header (x: y)"));
    assertThat(f.problems.get(0).line()).isEqualTo("/empty");
  }

  @Test
  void headersBeforeAnyPathAreReported() {
    HeadersFile f = HeadersFile.parse("X-A: 1\n");
    assertThat(f.rules).isEmpty();
    assertThat(f.problems).extracting(RuleProblem::message).containsExactly("Path should come before header (x-a: 1)");
  }

  @Test
  void routePatternsBindSplatsAndPlaceholders() {
    assertThat(RoutePattern.compile("/blog/:year/:slug").match("h", "/blog/2024/hello"))
        .containsExactly(Map.entry("year", "2024"), Map.entry("slug", "hello"));
    assertThat(RoutePattern.compile("/blog/:slug").match("h", "/blog/a/b")).isNull();
    assertThat(RoutePattern.compile("/files/*").match("h", "/files/a/b.txt")).containsExactly(Map.entry("splat", "a/b.txt"));
    assertThat(RoutePattern.compile("https://:sub.example.com/*").match("docs.example.com", "/x"))
        .containsExactly(Map.entry("sub", "docs"), Map.entry("splat", "x"));
    // two splats or a repeated name make an invalid pattern, which never matches
    assertThat(RoutePattern.compile("/*/x/*").match("h", "/a/x/b")).isNull();
    assertThat(RoutePattern.compile("/:a/:a").match("h", "/x/y")).isNull();
    assertThat(RoutePattern.compile("/a.b").match("h", "/aXb")).isNull();
    assertThat(RoutePattern.substitute("/new/:slug/:year", Map.of("year", "2024", "slug", "hi"))).isEqualTo("/new/hi/2024");
  }

  @Test
  void assetsIgnoreFollowsGitignoreSyntax() {
    AssetsIgnore ignore = AssetsIgnore.parse("""
        # comment
        *.map
        /secret.txt
        drafts/
        logs/**/*.log
        !keep.map
        """);
    assertThat(ignore.ignores("_headers")).isTrue();
    assertThat(ignore.ignores("_redirects")).isTrue();
    assertThat(ignore.ignores(".assetsignore")).isTrue();
    assertThat(ignore.ignores("sub/_headers")).isFalse();
    assertThat(ignore.ignores("app.js.map")).isTrue();
    assertThat(ignore.ignores("deep/app.js.map")).isTrue();
    assertThat(ignore.ignores("keep.map")).isFalse();
    assertThat(ignore.ignores("secret.txt")).isTrue();
    assertThat(ignore.ignores("sub/secret.txt")).isFalse();
    assertThat(ignore.ignores("drafts/a.html")).isTrue();
    assertThat(ignore.ignores("x/drafts/a.html")).isTrue();
    assertThat(ignore.ignores("drafts")).isFalse(); // a file named like the directory pattern
    assertThat(ignore.ignores("logs/a.log")).isTrue();
    assertThat(ignore.ignores("logs/x/y/a.log")).isTrue();
    assertThat(ignore.ignores("app.js")).isFalse();
    assertThat(AssetsIgnore.parse(null).ignores("index.html")).isFalse();
  }

  @Test
  void runWorkerFirstRulesAreCheckedWithWranglersMessages() {
    StaticRouting routing = StaticRouting.parse(List.of("/api/*", "!/api/static/*", "/exact"));
    assertThat(routing.forcesWorker("/api/x")).isTrue();
    assertThat(routing.forcesAssets("/api/static/s.txt")).isTrue();
    assertThat(routing.forcesWorker("/exact")).isTrue();
    assertThat(routing.forcesWorker("/exact/")).isFalse();
    assertThat(routing.forcesWorker("/other")).isFalse();
    assertThatThrownBy(() -> StaticRouting.parse(List.of()))
        .hasMessage("No `run_worker_first` rules were provided; must provide at least 1 rule.");
    assertThatThrownBy(() -> StaticRouting.parse(List.of("!/a")))
        .hasMessage("Only negative `run_worker_first` rules were provided; must provide at least 1 non-negative rule");
    assertThatThrownBy(() -> StaticRouting.parse(List.of("api", "!api", "/a/*", "/a/b", "/c", "/c")))
        .hasMessage("Invalid routes in `run_worker_first`:\n'api': rules must start with '/' or '!/'\n"
            + "'!api': negative rules must start with '!/'\n'/a/b': rule '/a/*' makes it redundant\n"
            + "'/c': rule is a duplicate; rules must be unique");
  }

  @Test
  void etagIsWranglerDevsHashOfPathAndModificationTime() {
    // expected values computed by Node.js the way Miniflare 4 does (sha256(path + stat.mtimeMs), 16 bytes)
    assertThat(AssetPaths.eTag("/srv/site/public/index.html", FileTime.from(Instant.ofEpochSecond(1796403089, 169840300))))
        .isEqualTo("5a17504285b262589d678706949b4883");
    assertThat(AssetPaths.eTag("/srv/site/public/index.html", FileTime.from(Instant.ofEpochSecond(1700000000, 0))))
        .isEqualTo("96ad5385d0a792cd975937e6127b1eb3");
    assertThat(AssetPaths.eTag("/srv/site/public/index.html", FileTime.from(Instant.ofEpochSecond(1733331234, 500000000))))
        .isEqualTo("7d2a95ed45d71403afdc386d6937e62f");
    assertThat(AssetPaths.eTag("/srv/site/public/index.html", FileTime.from(Instant.ofEpochSecond(1733331234, 123456789))))
        .isEqualTo("0609c83671602100b5fd73f21f86d6d9");
  }

  @Test
  void pathsDecodeAndEncodeAsTheAssetWorkerDoes() {
    assertThat(AssetPaths.decodePath("/a%20b//c%2Fd")).isEqualTo("/a b/c/d");
    assertThat(AssetPaths.decodePath("/bad%zz/%E0%A4%A")).isEqualTo("/bad%zz/%E0%A4%A");
    assertThat(AssetPaths.encodePath("/a b/\u00fc/a+b/(x)!")).isEqualTo("/a%20b/%C3%BC/a%2Bb/(x)!");
  }
}
