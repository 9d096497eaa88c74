package dev.miniflare.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.miniflare.Miniflare;
import dev.miniflare.http.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs a one-file module worker with given compatibility settings and returns its response text. */
final class NodeWorkers {
  private NodeWorkers() {}

  /** Starts a Miniflare with the module worker {@code script} ({@code date} may be null). */
  static Miniflare start(String date, String script, String... flags) {
    return Miniflare.builder().worker(w -> {
      w.modules(true).script(script).compatibilityFlags(flags).binding("GREETING", "hello");
      if (date != null) {
        w.compatibilityDate(date);
      }
    }).build();
  }

  /** The body of a GET to {@code path} on a fresh Miniflare running {@code script}. */
  static String fetchPath(String date, String script, String path, String... flags) {
    try (Miniflare mf = start(date, script, flags)) {
      Response res = mf.dispatchFetch("http://localhost" + path);
      return res.text();
    }
  }

  /** {@link #fetchPath} of "/". */
  static String fetchText(String date, String script, String... flags) {
    return fetchPath(date, script, "/", flags);
  }

  /** The fixtures: {@code <name>.mjs} workers and, beside each, workerd's recorded answer {@code <name>.workerd.json}. */
  static final Path FIXTURES = Path.of("src/test/resources/workers/node");

  /**
   * A fixture's two answers as JSON: workerd's (recorded on workerd 1.20260426 through Miniflare 4, nodejs_compat,
   * 2024-09-23) and ours (the same worker run here with the same settings).
   */
  record Recorded(JsonNode workerd, JsonNode ours) {}

  /** Runs fixture {@code name} here and reads workerd's recorded answer to it. */
  static Recorded recorded(String name) throws IOException {
    ObjectMapper json = new ObjectMapper();
    JsonNode workerd = json.readTree(Files.readString(FIXTURES.resolve(name + ".workerd.json")));
    JsonNode ours = json.readTree(fetchText("2024-09-23", Files.readString(FIXTURES.resolve(name + ".mjs")),
        "nodejs_compat"));
    return new Recorded(workerd, ours);
  }
}
