package dev.miniflare.samples;

import static dev.miniflare.junit.MiniflareAssertions.assertThat;

import dev.miniflare.TestClock;
import dev.miniflare.Worker;
import dev.miniflare.junit.Binding;
import dev.miniflare.junit.MiniflareTest;
import dev.miniflare.kv.KVNamespace;
import dev.miniflare.kv.KVPutOptions;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Seeding in @BeforeAll, @Nested scopes, expiry driven by the TestClock, and AssertJ assertions. */
@MiniflareTest(config = "workers/counter/wrangler.toml")
class SeededKvTest {
  @BeforeAll
  static void seed(@Binding("COUNTER_NAMESPACE") KVNamespace kv) {
    kv.put("/home", "41");
  }

  @Test
  void seededDataIsVisible(Worker worker) {
    assertThat(worker.fetch("http://localhost/home")).hasBody("count for /home is now 42");
  }

  @Test
  void andEveryTestStartsFromTheSeed(@Binding("COUNTER_NAMESPACE") KVNamespace kv) {
    assertThat(kv).hasValue("/home", "41").hasSize(1);
  }

  @Test
  void sessionsExpireWhenTheClockMoves(@Binding("COUNTER_NAMESPACE") KVNamespace kv, TestClock clock) {
    kv.put("session", "abc", KVPutOptions.expirationTtl(3600));
    clock.advance(Duration.ofMinutes(59));
    assertThat(kv).containsKey("session");
    clock.advance(Duration.ofMinutes(2));
    assertThat(kv).doesNotContainKey("session");
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class WithMoreSeedData {
    @BeforeAll
    void seedMore(@Binding("COUNTER_NAMESPACE") KVNamespace kv) {
      kv.put("/about", "9");
    }

    @Test
    void seesOuterAndOwnSeeds(Worker worker, @Binding("COUNTER_NAMESPACE") KVNamespace kv) {
      assertThat(kv).hasValue("/home", "41").hasValue("/about", "9");
      assertThat(worker.fetch("http://localhost/about")).hasBody("count for /about is now 10");
    }
  }

  @Test
  void nestedSeedsDoNotLeakOut(@Binding("COUNTER_NAMESPACE") KVNamespace kv) {
    assertThat(kv).doesNotContainKey("/about");
  }
}
