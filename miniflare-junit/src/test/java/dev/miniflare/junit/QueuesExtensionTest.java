package dev.miniflare.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miniflare.TestClock;
import dev.miniflare.Worker;
import dev.miniflare.kv.KVNamespace;
import dev.miniflare.queues.Queue;
import dev.miniflare.queues.QueueProducer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.Events;

/**
 * Queued messages belong to a test: whatever a test sent and did not deliver never reaches the consumer in a
 * later test, whether each test has its own runtime (PER_TEST) or tests share one (PER_CLASS).
 */
class QueuesExtensionTest {
  static final String SCRIPT = "src/test/resources/workers/queues.mjs";

  private static Events run(Class<?> scenario) {
    return ScenarioRunner.run(scenario, false);
  }

  @Test
  void messagesSentInATestNeverReachTheNextOne() {
    run(PerTest.class).assertStatistics(s -> s.started(3).succeeded(3));
  }

  @Test
  void perClassIsolationDropsPendingMessagesToo() {
    run(PerClass.class).assertStatistics(s -> s.started(3).succeeded(3));
  }

  @Test
  void aProducerInjectedAsAnotherTypeFailsWithBothTypes() {
    Events events = run(WrongType.class);
    events.assertStatistics(s -> s.started(1).failed(1));
    Throwable t = events.failed().stream().findFirst().orElseThrow().getPayload(
        org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    assertThat(t.getMessage()).contains("binding \"QUEUE\" of worker \"jobs\" is a queue producer"
        + " (dev.miniflare.queues.QueueProducer) but the", "is declared as dev.miniflare.kv.KVNamespace");
  }

  static MiniflareExtension.Builder jobs() {
    return MiniflareExtension.builder().worker(w -> w.name("jobs").modules(true).scriptPath(SCRIPT)
        .kvNamespaces("KV").queueProducer("QUEUE", "jobs").queueConsumer("jobs"));
  }

  @SuppressWarnings("unchecked")
  static Map<String, List<String>> state(Worker worker) {
    return worker.fetch("http://localhost/state").json(Map.class);
  }

  /** The three steps both isolation modes run. */
  abstract static class Steps {
    @Test
    @Order(1)
    void sendsWithoutDelivering(@Binding("QUEUE") QueueProducer producer, Worker worker) {
      producer.send(Map.of("from", "java"));
      producer.send(Map.of("from", "java-later"), Duration.ofSeconds(60));
      worker.fetch("http://localhost/send?from=worker");
      assertThat(producer.queue().pending()).hasSize(3);
    }

    @Test
    @Order(2)
    void seesNothingOfTheFirstTest(@Binding("QUEUE") Queue queue, TestClock clock, Worker worker,
        @Binding("KV") KVNamespace kv) throws InterruptedException {
      clock.advance(Duration.ofMinutes(5));
      Thread.sleep(50); // give a (wrongly) surviving timer the chance to deliver
      assertThat(queue.pending()).isEmpty();
      assertThat(queue.flush().batches()).isEmpty();
      assertThat(state(worker).get("received")).isEmpty();
      assertThat(state(worker).get("kv")).isEmpty();
    }

    @Test
    @Order(3)
    void deliversItsOwnMessages(@Binding("QUEUE") QueueProducer producer, Worker worker) {
      worker.fetch("http://localhost/send?from=third");
      assertThat(producer.queue().flush().acked()).hasSize(1);
      assertThat(state(worker).get("received")).containsExactly("third");
      assertThat(state(worker).get("kv")).containsExactly("got:third");
    }
  }

  @Tag("scenario")
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class PerTest extends Steps {
    @RegisterExtension
    static MiniflareExtension mf = jobs().build();
  }

  @Tag("scenario")
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class PerClass extends Steps {
    @RegisterExtension
    static MiniflareExtension mf = jobs().isolation(Isolation.PER_CLASS).build();
  }

  @Tag("scenario")
  static class WrongType {
    @RegisterExtension
    static MiniflareExtension mf = jobs().build();

    @Test
    void injects(@Binding("QUEUE") KVNamespace kv) {
      // never runs
    }
  }
}
