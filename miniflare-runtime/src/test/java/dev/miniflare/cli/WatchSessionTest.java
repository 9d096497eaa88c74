package dev.miniflare.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --watch}: a changed source or config reloads the worker on the same port, and storage survives. */
class WatchSessionTest {
  @TempDir
  Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    // A later mtime than the last poll saw, even on file systems with coarse timestamps.
    Files.setLastModifiedTime(p, FileTime.from(Instant.now().plusSeconds(Files.exists(p) ? 2 : 0)));
    return p;
  }

  private String get(URI base, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private String awaitBody(URI base, String path, Predicate<String> done) throws Exception {
    String body = null;
    for (int i = 0; i < 200; i++) {
      body = get(base, path);
      if (done.test(body)) {
        return body;
      }
      Thread.sleep(50);
    }
    return body;
  }

  private WatchSession watch(Path config) throws Exception {
    MiniflareCli cli = new MiniflareCli();
    new CommandLine(cli).parseArgs("-c", config.toString(), "--watch");
    assertThat(cli.watch).isTrue();
    return new WatchSession(cli::builder, cli.watchedRoots(), "127.0.0.1", 0, 50);
  }

  @Test
  void aChangedSourceIsReloadedAndStorageIsKept() throws Exception {
    Path config = write("wrangler.toml", """
        name = "app"
        main = "src/index.js"
        [[kv_namespaces]]
        binding = "KV"
        id = "kv"
        """);
    write("src/index.js", """
        export default { async fetch(req, env) {
          if (new URL(req.url).pathname === '/put') await env.KV.put('k', 'kept');
          return new Response('v1 ' + await env.KV.get('k'));
        } };
        """);
    try (WatchSession session = watch(config)) {
      URI base = session.url();
      assertThat(get(base, "/put")).isEqualTo("v1 kept");
      write("src/index.js", """
          export default { async fetch(req, env) { return new Response('v2 ' + await env.KV.get('k')); } };
          """);
      assertThat(awaitBody(base, "/", b -> b.startsWith("v2"))).isEqualTo("v2 kept");
    }
  }

  @Test
  void aChangedConfigIsReloadedAndABrokenSourceAnswers503UntilFixed() throws Exception {
    Path config = write("wrangler.toml", """
        name = "app"
        main = "src/index.js"
        [vars]
        WHO = "one"
        """);
    write("src/index.js", "export default { fetch(req, env) { return new Response(env.WHO); } };");
    try (WatchSession session = watch(config)) {
      URI base = session.url();
      assertThat(get(base, "/")).isEqualTo("one");
      write("wrangler.toml", """
          name = "app"
          main = "src/index.js"
          [vars]
          WHO = "two"
          """);
      assertThat(awaitBody(base, "/", "two"::equals)).isEqualTo("two");

      write("src/index.js", "export default { fetch( { syntax error");
      String broken = awaitBody(base, "/", b -> b.contains("failed to reload"));
      // the build error as esbuild words it, with the file, line and column
      assertThat(broken).contains("failed to reload").contains("Expected \"}\" but found \"error\"")
          .contains("src/index.js:1:33");
      write("src/index.js", "export default { fetch(req, env) { return new Response('fixed ' + env.WHO); } };");
      assertThat(awaitBody(base, "/", b -> b.startsWith("fixed"))).isEqualTo("fixed two");
    }
  }

  @Test
  void aCustomBuildRunsAgainOnChangeWithoutTriggeringItself() throws Exception {
    Path config = write("wrangler.toml", """
        name = "app"
        main = "dist/index.js"
        [build]
        command = "mkdir -p dist && cp src/worker.js dist/index.js && date +%s%N >> dist/builds.log"
        watch_dir = "src"
        """);
    write("src/worker.js", "export default { fetch() { return new Response('built one'); } };");
    try (WatchSession session = watch(config)) {
      URI base = session.url();
      assertThat(get(base, "/")).isEqualTo("built one");
      write("src/worker.js", "export default { fetch() { return new Response('built two'); } };");
      assertThat(awaitBody(base, "/", "built two"::equals)).isEqualTo("built two");
      int reloads = session.reloads();
      Thread.sleep(500); // ten polls: the build's own output in dist/ must not cause another reload
      assertThat(session.reloads()).isEqualTo(reloads);
      assertThat(Files.readAllLines(dir.resolve("dist/builds.log"))).hasSize(2);
    }
  }
}
