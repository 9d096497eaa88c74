package dev.miniflare.scheduled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.miniflare.Miniflare;
import dev.miniflare.MiniflareException;
import dev.miniflare.TestClock;
import dev.miniflare.kv.KVNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CronTriggersTest {
  /** Appends "cron@ISO time" for every run to the KV key "runs". */
  static final String WORKER = """
      export default {
        async scheduled(controller, env) {
          const runs = JSON.parse((await env.KV.get("runs")) ?? "[]");
          runs.push(controller.cron + "@" + new Date(controller.scheduledTime).toISOString());
          await env.KV.put("runs", JSON.stringify(runs));
        },
        fetch() { return new Response("ok"); },
      };
      """;

  @SuppressWarnings("unchecked")
  private static List<String> awaitRuns(KVNamespace kv, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      String runs = kv.get("runs");
      if (runs != null) {
        List<String> list = dev.miniflare.http.Json.read(runs, List.class);
        if (list.size() >= count) {
          return list;
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError("expected " + count + " cron runs, got " + kv.get("runs"));
  }

  @Test
  void advancingTheClockRunsEveryPassedOccurrenceInOrder() throws Exception {
    TestClock clock = new TestClock().set(Instant.parse("2026-11-29T10:00:30Z")).freeze();
    try (Miniflare mf = Miniflare.builder().clock(clock).worker(w -> w.name("cron").modules(true).script(WORKER)
        .kvNamespace("KV", "kv").crons("*/5 * * * *", "0 11 * * *")).build()) {
      KVNamespace kv = mf.getKVNamespace("KV");
      Thread.sleep(50);
      assertThat(kv.get("runs")).as("nothing is due yet").isNull();
      clock.advance(Duration.ofMinutes(4).plusSeconds(30)); // 10:05:00
      assertThat(awaitRuns(kv, 1)).containsExactly("*/5 * * * *@2026-11-29T10:05:00.000Z");
      clock.advance(Duration.ofMinutes(55)); // 11:00:00
      List<String> runs = awaitRuns(kv, 13);
      assertThat(runs).hasSize(13).contains("0 11 * * *@2026-11-29T11:00:00.000Z")
          .contains("*/5 * * * *@2026-11-29T10:10:00.000Z", "*/5 * * * *@2026-11-29T11:00:00.000Z");
      assertThat(runs.subList(0, 12)).allSatisfy(r -> assertThat(r).startsWith("*/5 * * * *@"));
    }
  }

  @Test
  void crontabsFromWranglerTomlAreScheduledAndInvalidOnesNameTheFile(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("index.mjs"), WORKER);
    Files.writeString(dir.resolve("wrangler.toml"), """
        name = "cron"
        main = "index.mjs"
        kv_namespaces = [{ binding = "KV", id = "kv" }]
        [triggers]
        crons = ["0 0 * * *"]
        """);
    TestClock clock = new TestClock().set(Instant.parse("2026-11-29T23:59:00Z")).freeze();
    try (Miniflare mf = Miniflare.builder().clock(clock).wranglerConfig(dir.resolve("wrangler.toml"), null).build()) {
      clock.advance(Duration.ofMinutes(1));
      assertThat(awaitRuns(mf.getKVNamespace("KV"), 1)).containsExactly("0 0 * * *@2026-11-30T00:00:00.000Z");
    }
    Files.writeString(dir.resolve("wrangler.toml"), """
        name = "cron"
        main = "index.mjs"
        [triggers]
        crons = ["0 0 * * mooday"]
        """);
    assertThatThrownBy(() -> Miniflare.builder().wranglerConfig(dir.resolve("wrangler.toml"), null))
        .isInstanceOf(MiniflareException.class).hasMessageContaining("wrangler.toml")
        .hasMessageContaining("triggers.crons").hasMessageContaining("\"mooday\" is not a valid value");
  }

  @Test
  void aClockMovedBackReplansFromTheNewPresent() throws Exception {
    TestClock clock = new TestClock().set(Instant.parse("2026-11-29T10:00:30Z")).freeze();
    try (Miniflare mf = Miniflare.builder().clock(clock).worker(w -> w.name("cron").modules(true).script(WORKER)
        .kvNamespace("KV", "kv").crons("0 * * * *")).build()) {
      clock.set(Instant.parse("2026-11-29T08:00:30Z"));
      clock.advance(Duration.ofMinutes(60)); // 09:00:30
      assertThat(awaitRuns(mf.getKVNamespace("KV"), 1)).containsExactly("0 * * * *@2026-11-29T09:00:00.000Z");
    }
  }

  /** The controller's shape as workerd gives it (recorded on Miniflare 4.20260426.0). */
  @Test
  void scheduledControllerLooksAsOnWorkerd() {
    try (Miniflare mf = Miniflare.builder().port(-1).worker(w -> w.modules(true).script("""
        let seen = "none";
        export default {
          fetch() { return new Response(seen); },
          scheduled(controller, env, ctx) {
            seen = JSON.stringify([Object.prototype.toString.call(controller), controller.cron,
              typeof controller.scheduledTime, controller.type, typeof controller.noRetry, Object.keys(controller),
              typeof ctx.waitUntil, typeof ctx.passThroughOnException]);
          },
        };
        """)).build()) {
      mf.worker().scheduled("* * * * *");
      assertThat(mf.dispatchFetch("http://localhost/").text()).isEqualTo(
          "[\"[object Object]\",\"* * * * *\",\"number\",null,\"function\",[\"cron\",\"scheduledTime\"],"
              + "\"function\",\"function\"]");
    }
  }
}
