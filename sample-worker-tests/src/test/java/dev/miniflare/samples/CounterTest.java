package dev.miniflare.samples;

import static dev.miniflare.junit.MiniflareAssertions.assertThat;

import dev.miniflare.Worker;
import dev.miniflare.junit.Binding;
import dev.miniflare.junit.MiniflareTest;
import dev.miniflare.kv.KVNamespace;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The counter worker tested the two ways a Workers team does: unit (call an export) and integration (fetch). */
@MiniflareTest(config = "workers/counter/wrangler.toml")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CounterTest {
  @Test
  @Order(1)
  void incrementsStoredCount(@Binding("COUNTER_NAMESPACE") KVNamespace kv, Worker worker) {
    kv.put("a", "3");
    assertThat(worker.module().call("increment", Integer.class, kv, "a")).isEqualTo(4);
    assertThat(kv.get("a")).isEqualTo("4");
  }

  @Test
  @Order(2)
  void returnsNewCount(Worker worker) {
    // the first test's writes are gone: "/a" starts from zero again
    assertThat(worker.fetch("http://localhost/a")).hasStatus(200).hasBody("count for /a is now 1");
  }
}
