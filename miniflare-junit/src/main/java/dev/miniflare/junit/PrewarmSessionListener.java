package dev.miniflare.junit;

import dev.miniflare.Miniflare;
import dev.miniflare.TestClock;
import dev.miniflare.core.JsEngine;
import dev.miniflare.kv.KVNamespace;
import java.time.Duration;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the JavaScript engine's warm-up on the second core as soon as the JUnit Platform opens its session,
 * while JUnit is still discovering tests, so the first {@code @MiniflareTest} class finds the engine ready
 * (registered through {@code META-INF/services}; {@code -Dminiflare.prewarm=false} turns it off).
 *
 * <p>Once the engine is warm, the same thread runs what a first test does through a throwaway runtime (a KV
 * binding, a request, an export call): first calls through those paths cost ~50 ms in a cold JVM (host interop
 * set-up, first-run Java code), and this way they overlap with the first real runtime being built.
 */
public final class PrewarmSessionListener implements LauncherSessionListener {
  private static final String WARM_UP_WORKER = """
      export async function bump(ns, key) {
        const n = parseInt((await ns.get(key)) ?? "0") + 1;
        await ns.put(key, String(n));
        return n;
      }
      export default {
        async fetch(request, env) {
          const n = await bump(env.KV, new URL(request.url).pathname);
          return new Response(`${n}`, { headers: { "content-type": "text/plain" } });
        },
      };
      """;

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    JsEngine.prewarmInBackground(PrewarmSessionListener::warmUpDispatch);
  }

  static void warmUpDispatch() {
    Miniflare mf = Miniflare.builder().port(-1).clock(new TestClock()).logSink((worker, level, message) -> { })
        .worker(w -> w.modules(true).script(WARM_UP_WORKER).kvNamespace("KV", "warm-up")).build();
    try {
      KVNamespace kv = mf.getKVNamespace("KV");
      kv.put("k", "1");
      mf.worker().module().call("bump", Integer.class, kv, "k");
      mf.worker().fetch("http://localhost/k").text();
    } finally {
      mf.close(Duration.ZERO);
    }
  }
}
