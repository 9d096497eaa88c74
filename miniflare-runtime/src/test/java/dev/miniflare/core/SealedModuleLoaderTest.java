package dev.miniflare.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miniflare.Miniflare;
import dev.miniflare.http.Request;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A worker read from disk imports only its own module files: by real path below its folder, no dotfiles or
 * dot-folders, no persistence folder; a refused import names the specifier and never shows the file's content.
 */
@DisabledOnOs(OS.WINDOWS) // symbolic links
class SealedModuleLoaderTest {
  private static final String SECRET = "TOPSECRET-CONTENT";
  @TempDir
  static Path project;
  private static Miniflare mf;

  private static void write(String path, String content) throws IOException {
    Path file = project.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @BeforeAll
  static void start() throws IOException {
    write("src/worker.mjs", """
        export default {
          async fetch(req, env) {
            if (req.method === "PUT") { await env.KV.put("stored", "export default 'TOPSECRET-CONTENT';"); return new Response("ok"); }
            const specifier = await req.text();
            try {
              const m = await import(specifier);
              return Response.json({ ok: String(m.default) });
            } catch (e) {
              return Response.json({ error: e.name, message: String(e.message) });
            }
          },
        };
        """);
    write("src/ok.js", "export default 'fine';");
    write("src/lib/util.js", "export default 'util';");
    String secretModule = "export default '" + SECRET + "';";
    write("src/.dev.vars.js", secretModule);
    write("src/.dev.vars", "SECRET=" + SECRET);
    write("src/.git/config.js", secretModule);
    write("src/.wrangler/state/v3/kv/x.js", secretModule);
    write("src/.mf/kv/x.js", secretModule);
    write("src/lib/.hidden/x.js", secretModule);
    write("outside/secret.js", secretModule);
    Files.createSymbolicLink(project.resolve("src/link.js"), project.resolve("outside/secret.js"));
    Files.createSymbolicLink(project.resolve("src/linkdir"), project.resolve("outside"));
    Files.createSymbolicLink(project.resolve("src/relative-link.js"), Path.of("../outside/secret.js"));
    Files.createSymbolicLink(project.resolve("src/to-git.js"), project.resolve("src/.git/config.js"));
    Files.createSymbolicLink(project.resolve("src/inner-link.js"), project.resolve("src/ok.js"));
    mf = Miniflare.builder().kvPersist(project.resolve("src/data"))
        .worker(w -> w.scriptPath(project.resolve("src/worker.mjs")).modules(true).kvNamespace("KV", "ns"))
        .build();
    mf.dispatchFetch(Request.builder("http://localhost/").method("PUT").build());
  }

  @AfterAll
  static void stop() {
    mf.close();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> importing(String specifier) {
    return mf.dispatchFetch(Request.post("http://localhost/", specifier)).json(Map.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"./ok.js", "./lib/util.js", "./inner-link.js", "./lib/../ok.js"})
  void ownModulesImport(String specifier) {
    assertThat(importing(specifier).get("ok")).isIn("fine", "util");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "./.dev.vars", "./.dev.vars.js", "./.git/config.js", "./.wrangler/state/v3/kv/x.js", "./.mf/kv/x.js",
      "./lib/.hidden/x.js", "./lib/../.git/config.js", "../outside/secret.js", "./link.js", "./linkdir/secret.js",
      "./relative-link.js", "./to-git.js", "./missing.js",
  })
  void everythingElseIsNotFoundAndNamedBySpecifier(String specifier) {
    Map<String, String> r = importing(specifier);
    assertThat(r).containsKey("error").doesNotContainKey("ok");
    assertThat(r.get("message")).doesNotContain(SECRET);
    String lastSegment = specifier.substring(specifier.lastIndexOf('/') + 1);
    assertThat(r.get("message")).contains(lastSegment);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/outside/secret.js", "file:///outside/secret.js", "/src/.git/config.js"})
  void absolutePathsOutsideOrIntoDotFoldersAreNotFound(String suffix) {
    String specifier = suffix.startsWith("file:") ? "file://" + project + suffix.substring("file://".length())
        : project + suffix;
    Map<String, String> r = importing(specifier);
    assertThat(r).containsKey("error").doesNotContainKey("ok");
    assertThat(r.get("message")).doesNotContain(SECRET);
  }

  @org.junit.jupiter.api.Test
  void persistedEntriesAreNotModulesEvenInsideTheRoot() throws IOException {
    Path namespaceFolder = project.resolve("src/data/ns");
    try (var files = Files.list(namespaceFolder)) {
      for (Path file : files.toList()) {
        Map<String, String> r = importing("./data/ns/" + file.getFileName());
        assertThat(r).containsKey("error").doesNotContainKey("ok");
        assertThat(r.get("message")).doesNotContain(SECRET);
      }
    }
  }
}
