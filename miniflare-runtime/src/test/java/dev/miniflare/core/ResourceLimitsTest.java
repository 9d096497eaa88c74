package dev.miniflare.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miniflare.Miniflare;
import dev.miniflare.http.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CPU time and memory limits: a runaway event fails with workerd's message and the worker keeps serving. */
class ResourceLimitsTest {
  private static Isolate bareIsolate() {
    return new Isolate("limits", new ModuleFileSystem(Map.of(), Path.of("/limits"), null), (w, l, m) -> { });
  }

  @Test
  void theLimitCountsCpuTimeNotTimeSpentWaiting() {
    Isolate isolate = bareIsolate();
    try {
      isolate.setCpuLimit(Duration.ofMillis(150));
      AtomicReference<String> exceeded = new AtomicReference<>();
      isolate.onLimitExceeded(exceeded::set);
      // Holding the isolate while blocked (a slow host call) for several times the limit: no CPU time spent.
      isolate.call(() -> {
        Thread.sleep(600);
        return null;
      });
      assertThat(exceeded.get()).as("a run that only waited").isNull();
      isolate.call(() -> {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(600);
        long spins = 0;
        while (System.nanoTime() < end) {
          spins++;
        }
        return spins;
      });
      assertThat(exceeded.get()).isEqualTo(Isolate.CPU_LIMIT_MESSAGE).isEqualTo("Worker exceeded CPU time limit.");
    } finally {
      isolate.close();
    }
  }

  @Test
  void aRunawayDurableObjectStallsOtherObjectsOnlyForItsOwnEvent() throws Exception {
    try (Miniflare mf = Miniflare.builder().cpuTimeLimit(Duration.ofMillis(300))
        .worker(w -> w.modules(true).durableObject("OBJECTS", "Spinner").script("""
            import { DurableObject } from "cloudflare:workers";
            export class Spinner extends DurableObject {
              fetch(req) {
                if (req.url.endsWith("/spin")) { while (true) {} }
                return new Response("object answered");
              }
            }
            export default {
              fetch(req, env) {
                const name = req.url.endsWith("/spin") ? "runaway" : "other";
                return env.OBJECTS.getByName(name).fetch(req);
              },
            };
            """)).build()) {
      CompletableFuture<Response> runaway = CompletableFuture.supplyAsync(() -> mf.dispatchFetch("http://localhost/spin"));
      Response other = mf.dispatchFetch("http://localhost/ok");
      assertThat(other.text()).isEqualTo("object answered");
      Response stopped = runaway.get(60, TimeUnit.SECONDS);
      assertThat(stopped.status()).isEqualTo(500);
      assertThat(stopped.text()).contains("Worker exceeded CPU time limit.");
      assertThat(mf.dispatchFetch("http://localhost/again").text()).isEqualTo("object answered");
    }
  }

  @Test
  void cpuMsFromWranglerConfigApplies(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("index.js"), """
        export default { fetch(req) { if (req.url.endsWith("/spin")) { while (true) {} } return new Response("ok"); } };
        """);
    Files.writeString(dir.resolve("wrangler.toml"), """
        name = "limited"
        main = "index.js"
        compatibility_date = "2024-09-23"
        [limits]
        cpu_ms = 200
        """);
    // The instance-wide limit (none) is overridden by the worker's limits.cpu_ms.
    try (Miniflare mf = Miniflare.builder().cpuTimeLimit(Duration.ZERO).wranglerConfig(dir.resolve("wrangler.toml"), null)
        .build()) {
      Response r = mf.dispatchFetch("http://localhost/spin");
      assertThat(r.status()).isEqualTo(500);
      assertThat(r.text()).contains("Worker exceeded CPU time limit.");
      assertThat(mf.dispatchFetch("http://localhost/").text()).isEqualTo("ok");
    }
  }

  @Test
  void unboundedAllocationEndsWithTheMemoryLimitAndTheWorkerRecovers() {
    try (Miniflare mf = Miniflare.builder().memoryLimit(64L << 20).worker(w -> w.modules(true).script("""
        export default {
          fetch(req) {
            if (req.url.endsWith("/hog")) {
              const kept = [];
              while (true) kept.push(new Array(100000).fill(1.5));
            }
            return new Response("ok");
          },
        };
        """)).build()) {
      Response r = mf.dispatchFetch("http://localhost/hog");
      assertThat(r.status()).isEqualTo(500);
      assertThat(r.text()).contains("Worker exceeded memory limit.").doesNotContain("java.").doesNotContain("Polyglot");
      assertThat(mf.dispatchFetch("http://localhost/").text()).isEqualTo("ok");
    }
  }

  @Test
  void garbageDoesNotCountTowardsTheMemoryLimit() {
    try (Miniflare mf = Miniflare.builder().memoryLimit(32L << 20).worker(w -> w.modules(true).script("""
        export default {
          fetch() {
            let total = 0;
            for (let i = 0; i < 400; i++) total += new Array(100000).fill(1).length; // ~320 MB allocated, little kept
            return new Response(String(total));
          },
        };
        """)).build()) {
      assertThat(mf.dispatchFetch("http://localhost/").text()).isEqualTo("40000000");
    }
  }
}
