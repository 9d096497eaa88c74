package dev.miniflare.samples;

import static dev.miniflare.junit.MiniflareAssertions.assertThat;

import dev.miniflare.Miniflare;
import dev.miniflare.TestClock;
import dev.miniflare.Worker;
import dev.miniflare.durableobjects.DurableObjectNamespace;
import dev.miniflare.durableobjects.DurableObjectStub;
import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import dev.miniflare.junit.Binding;
import dev.miniflare.junit.MiniflareTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** A Durable Object counter: isolation between ids, rollback between tests, alarms and concurrent increments. */
@MiniflareTest(config = "workers/durable-counter/wrangler.toml")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DurableCounterTest {
  @Test
  @Order(1)
  void eachNameHasItsOwnCounter(Worker worker) {
    assertThat(worker.fetch("http://localhost/a")).hasBody("1");
    assertThat(worker.fetch("http://localhost/a")).hasBody("2");
    assertThat(worker.fetch("http://localhost/b")).hasBody("1");
  }

  @Test
  @Order(2)
  void countersStartOverInEveryTest(Worker worker, @Binding("COUNTER") DurableObjectNamespace counters) {
    assertThat(counters.listIds()).isEmpty();
    assertThat(worker.fetch("http://localhost/a")).hasBody("1");
  }

  @Test
  @Order(3)
  void theAlarmResetsTheCountAnHourLater(@Binding("COUNTER") DurableObjectNamespace counters, TestClock clock)
      throws InterruptedException {
    DurableObjectStub a = counters.getByName("a");
    assertThat(a.call("increment", Integer.class)).isEqualTo(1);
    assertThat(a.alarm()).isNotNull();
    clock.advance(Duration.ofMinutes(61));
    for (int i = 0; i < 500 && a.storage().get("count", Integer.class) != null; i++) {
      Thread.sleep(10);
    }
    assertThat(a.storage().get("count", Integer.class)).isNull();
  }

  @Test
  @Order(4)
  void concurrentIncrementsAreNotLost(Miniflare miniflare, @Binding("COUNTER") DurableObjectNamespace counters)
      throws Exception {
    List<CompletableFuture<Response>> all = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      all.add(miniflare.dispatchFetchAsync(Request.get("http://localhost/busy")));
    }
    for (CompletableFuture<Response> response : all) {
      assertThat(response.get()).hasStatus(200);
    }
    assertThat(counters.getByName("busy").storage().get("count", Integer.class)).isEqualTo(100);
  }

  @Test
  @Order(5)
  void storageCanBeSeededBeforeTheObjectExists(Worker worker, @Binding("COUNTER") DurableObjectNamespace counters) {
    counters.getByName("seeded").storage().put("count", 41);
    assertThat(worker.fetch("http://localhost/seeded")).hasBody("42");
  }
}
