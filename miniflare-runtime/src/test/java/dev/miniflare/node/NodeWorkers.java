package dev.miniflare.node;

import dev.miniflare.Miniflare;
import dev.miniflare.http.Response;

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
}
