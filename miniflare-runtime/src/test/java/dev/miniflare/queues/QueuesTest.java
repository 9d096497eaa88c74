package dev.miniflare.queues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.miniflare.Miniflare;
import dev.miniflare.MiniflareException;
import dev.miniflare.TestClock;
import dev.miniflare.http.Request;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueuesTest {
  /** Records every batch it gets and acts on message bodies: {"action": "ack" | "retry" | "throw" | ...}. */
  static final String WORKER = """
      const received = [];
      function describe(body) {
        if (body instanceof Map) return { map: [...body].map(([k, v]) => [k, v instanceof Date ? "Date:" + v.getTime() : v]) };
        if (body instanceof ArrayBuffer) return { arrayBuffer: [...new Uint8Array(body)] };
        if (body instanceof Date) return { date: body.getTime() };
        return body;
      }
      export default {
        async fetch(req, env) {
          const url = new URL(req.url);
          if (url.pathname === "/received") return Response.json(received);
          if (url.pathname === "/send") {
            const { body, options } = await req.json();
            return Response.json(await env.QUEUE.send(body, options));
          }
          if (url.pathname === "/sendBatch") {
            const { messages, options } = await req.json();
            await env.QUEUE.sendBatch(messages, options);
            return new Response("sent");
          }
          if (url.pathname === "/types") {
            await env.QUEUE.send({ a: 1 }, { contentType: "json" });
            await env.QUEUE.send("plain text", { contentType: "text" });
            await env.QUEUE.send(new Uint8Array([1, 2, 3]), { contentType: "bytes" });
            await env.QUEUE.send(new Map([["when", new Date(5)], ["n", 1]]));
            await env.QUEUE.sendBatch([{ body: new Date(7), contentType: "v8" }, { body: [1, "two"] }]);
            return new Response("sent");
          }
          return new Response("not found", { status: 404 });
        },
        async queue(batch, env, ctx) {
          received.push({ queue: batch.queue, metadata: batch.metadata,
            messages: batch.messages.map((m) => ({ id: m.id, body: describe(m.body), attempts: m.attempts,
              timestamp: m.timestamp instanceof Date ? m.timestamp.getTime() : null })) });
          for (const m of batch.messages) {
            const action = m.body && m.body.action;
            if (action === "ack") m.ack();
            if (action === "retry") m.retry(m.body.delay === undefined ? undefined : { delaySeconds: m.body.delay });
            if (action === "retryAll") batch.retryAll({ delaySeconds: m.body.delay });
            if (action === "ackAll") batch.ackAll();
          }
          if (batch.messages.some((m) => m.body && m.body.action === "throw")) throw new Error("consumer failed");
          if (batch.messages.some((m) => m.body && m.body.action === "reject")) {
            await new Promise((resolve) => setTimeout(resolve, 5));
            throw new TypeError("rejected later");
          }
        },
      };
      """;

  private final TestClock clock = new TestClock();
  private final List<String> logs = new CopyOnWriteArrayList<>();
  private Miniflare mf;

  @AfterEach
  void close() {
    if (mf != null) {
      mf.close();
    }
  }

  private Miniflare start(Consumer<dev.miniflare.WorkerOptions.Builder> extra) {
    mf = Miniflare.builder().clock(clock).logSink((worker, level, message) -> logs.add(level + " " + message))
        .worker(w -> {
          w.name("worker").modules(true).script(WORKER).queueProducer("QUEUE", "q");
          extra.accept(w);
        })
        .build();
    return mf;
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> received() {
    return mf.dispatchFetch("http://localhost/received").json(List.class);
  }

  private List<Map<String, Object>> awaitBatches(int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      List<Map<String, Object>> r = received();
      if (r.size() >= count) {
        return r;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("expected " + count + " batches, got " + received());
  }

  private void send(Object body, Map<String, Object> options) {
    var res = mf.dispatchFetch(Request.builder("http://localhost/send").method("POST")
        .body(dev.miniflare.http.Json.write(Map.of("body", body, "options", options))).build());
    assertThat(res.status()).as(res.text()).isEqualTo(200);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> messages(Map<String, Object> batch) {
    return (List<Map<String, Object>>) batch.get("messages");
  }

  @Test
  void aMessageIsDeliveredWhenTheBatchTimeoutPassesByTheInstanceClock() throws Exception {
    start(w -> w.queueConsumer("q"));
    long before = clock.millis();
    send(Map.of("hello", "queue"), Map.of());
    Thread.sleep(100);
    assertThat(received()).isEmpty();
    assertThat(mf.queue("q").pending()).hasSize(1);

    clock.advance(Duration.ofSeconds(5));
    Map<String, Object> batch = awaitBatches(1).get(0);
    assertThat(batch.get("queue")).isEqualTo("q");
    Map<String, Object> m = messages(batch).get(0);
    assertThat(m.get("body")).isEqualTo(Map.of("hello", "queue"));
    assertThat(m.get("attempts")).isEqualTo(1);
    assertThat((String) m.get("id")).matches("[0-9a-f]{32}");
    assertThat(((Number) m.get("timestamp")).longValue()).isBetween(before, clock.millis());
    assertThat(batch.get("metadata")).isEqualTo(Map.of("metrics", Map.of("backlogCount", 0, "backlogBytes", 0)));
    awaitLog("info QUEUE q 1/1");
    assertThat(mf.queue("q").pending()).isEmpty();
  }

  private void awaitLog(String prefix) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (logs.stream().anyMatch(l -> l.startsWith(prefix))) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no log line starting with " + prefix + " in " + logs);
  }

  @Test
  void aFullBatchGoesAtOnceAndMaxBatchSizeSplitsTheRest() throws Exception {
    start(w -> w.queueConsumer(QueueConsumerOptions.of("q").withMaxBatchSize(3)));
    var res = mf.dispatchFetch(Request.builder("http://localhost/sendBatch").method("POST")
        .body("{\"messages\":[{\"body\":1},{\"body\":2},{\"body\":3},{\"body\":4},{\"body\":5},{\"body\":6},{\"body\":7}]}")
        .build());
    assertThat(res.status()).as(res.text()).isEqualTo(200);
    List<Map<String, Object>> batches = awaitBatches(2);
    assertThat(messages(batches.get(0))).extracting(m -> m.get("body")).containsExactly(1, 2, 3);
    assertThat(messages(batches.get(1))).extracting(m -> m.get("body")).containsExactly(4, 5, 6);
    Thread.sleep(100);
    assertThat(received()).hasSize(2); // the last one waits for the batch timeout

    clock.advance(Duration.ofSeconds(5));
    assertThat(messages(awaitBatches(3).get(2))).extracting(m -> m.get("body")).containsExactly(7);
  }

  @Test
  void flushDeliversNowAndReportsAcksAndRetries() {
    start(w -> w.queueConsumer("q"));
    Queue q = mf.queue("q");
    String acked = q.send(Map.of("action", "ack"));
    String retried = q.send(Map.of("action", "retry"));
    String implicit = q.send(Map.of("action", "none"));

    QueueDelivery d = q.flush();
    assertThat(d.batches()).hasSize(1);
    QueueResult r = d.results().get(0);
    assertThat(r.isOk()).isTrue();
    assertThat(r.explicitAcks()).containsExactly(acked);
    assertThat(r.retryMessages()).containsExactly(new QueueResult.RetryMessage(retried, null));
    assertThat(d.acked()).containsExactly(acked, implicit);
    assertThat(d.retried()).containsExactly(retried);
    assertThat(q.pending()).singleElement().satisfies(m -> {
      assertThat(m.id()).isEqualTo(retried);
      assertThat(m.attempts()).isEqualTo(2);
      assertThat(m.body()).isEqualTo(Map.of("action", "retry"));
    });

    QueueDelivery again = q.flush();
    assertThat(again.delivered()).containsExactly(retried);
    assertThat(messages(received().get(1)).get(0).get("attempts")).isEqualTo(2);
  }

  @Test
  void retryAllAndAckAllDecideForTheWholeBatch() {
    start(w -> w.queueConsumer("q"));
    Queue q = mf.queue("q");
    String a = q.send(Map.of("action", "retryAll", "delay", 30));
    String b = q.send(Map.of("action", "ack")); // ack after retryAll has no effect (warned)
    QueueDelivery d = q.flush();
    assertThat(d.retried()).containsExactly(a, b);
    assertThat(d.results().get(0).retryBatch()).isEqualTo(new QueueResult.RetryBatch(true, 30));
    assertThat(logs).contains("warn Received a call to ack() on message " + b + " after retryAll() was already"
        + " called. Calling ack() on a message after calling retryAll() has no effect.");
    assertThat(q.flush().batches()).isEmpty(); // delayed 30 s
    clock.advance(Duration.ofSeconds(30));
    assertThat(q.flush().delivered()).containsExactly(a, b);

    String c = q.send(Map.of("action", "ackAll"));
    String e = q.send(Map.of("action", "retry"));
    QueueDelivery all = q.flush();
    assertThat(all.acked()).containsExactly(c, e);
    assertThat(logs).contains("warn Received a call to retry() on message " + e + " after ackAll() was already called."
        + " Calling retry() on a message after calling ackAll() has no effect.");
  }

  @Test
  void aThrowingHandlerRetriesUnackedMessagesThenMovesThemToTheDeadLetterQueue() {
    start(w -> w.queueConsumer(QueueConsumerOptions.of("q").withMaxRetries(2).withDeadLetterQueue("dlq"))
        .queueConsumer("dlq"));
    Queue q = mf.queue("q");
    String failing = q.send(Map.of("action", "throw"));
    String acked = q.send(Map.of("action", "ack"));

    QueueDelivery first = q.flush();
    assertThat(first.results().get(0).outcome()).isEqualTo("exception");
    assertThat(first.results().get(0).error().message()).isEqualTo("consumer failed");
    assertThat(first.retried()).containsExactly(failing);
    assertThat(first.acked()).containsExactly(acked);
    assertThat(logs).anyMatch(l -> l.startsWith("error Uncaught Error: consumer failed"));
    assertThat(logs).contains("debug Retrying message \"" + failing + "\" on queue \"q\"...");

    assertThat(q.flush().retried()).containsExactly(failing);
    QueueDelivery last = q.flush();
    assertThat(last.deadLettered()).containsExactly(failing);
    assertThat(logs).contains("warn Moving message \"" + failing + "\" on queue \"q\" to dead letter queue \"dlq\""
        + " after 3 failed attempts...");
    assertThat(logs).contains("info QUEUE q 0/1 (" + logs.stream().filter(l -> l.startsWith("info QUEUE q 0/1 ("))
        .findFirst().orElseThrow().substring("info QUEUE q 0/1 (".length()));
    assertThat(q.pending()).isEmpty();

    Queue dlq = mf.queue("dlq");
    assertThat(dlq.pending()).singleElement().satisfies(m -> {
      assertThat(m.id()).isEqualTo(failing);
      assertThat(m.attempts()).isEqualTo(1);
    });
    QueueDelivery dead = dlq.flush();
    assertThat(dead.delivered()).containsExactly(failing);
    Map<String, Object> batch = received().get(3);
    assertThat(batch.get("queue")).isEqualTo("dlq");
    assertThat(messages(batch).get(0).get("attempts")).isEqualTo(1);
  }

  @Test
  void withoutADeadLetterQueueMessagesAreDroppedAfterTheirLastAttempt() {
    start(w -> w.queueConsumer(QueueConsumerOptions.of("q").withMaxRetries(0)));
    Queue q = mf.queue("q");
    String id = q.send(Map.of("action", "reject"));
    QueueDelivery d = q.flush();
    assertThat(d.results().get(0).error().name()).isEqualTo("TypeError");
    assertThat(d.dropped()).containsExactly(id);
    assertThat(logs).contains("warn Dropped message \"" + id + "\" on queue \"q\" after 1 failed attempt!");
    assertThat(q.pending()).isEmpty();
  }

  @Test
  void delaysFollowTheInstanceClock() {
    start(w -> w.queueConsumer(QueueConsumerOptions.of("q").withRetryDelay(Duration.ofSeconds(10))));
    Queue q = mf.queue("q");
    send("later", Map.of("delaySeconds", 60));
    assertThat(q.flush().batches()).isEmpty();
    assertThat(q.pending()).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo("later"));
    clock.advance(Duration.ofSeconds(59));
    assertThat(q.flush().batches()).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(q.flush().delivered()).hasSize(1);

    // retry() without a delay takes the consumer's retry_delay; with one, its own
    String byDefault = q.send(Map.of("action", "retry"));
    String own = q.send(Map.of("action", "retry", "delay", 20));
    q.flush();
    clock.advance(Duration.ofSeconds(10));
    assertThat(q.flush().delivered()).containsExactly(byDefault);
    clock.advance(Duration.ofSeconds(10));
    assertThat(q.flush().delivered()).contains(own);
  }

  @Test
  void aProducersDeliveryDelayAppliesUnlessTheSendGivesOne() {
    mf = Miniflare.builder().clock(clock)
        .worker(w -> w.name("worker").modules(true).script(WORKER)
            .queueProducer("QUEUE", "q", Duration.ofSeconds(30)).queueConsumer("q"))
        .build();
    send("delayed", Map.of());
    send("now", Map.of("delaySeconds", 0));
    Queue q = mf.queue("q");
    assertThat(q.flush().results().get(0).messageIds()).hasSize(1);
    assertThat(messages(received().get(0)).get(0).get("body")).isEqualTo("now");
    clock.advance(Duration.ofSeconds(30));
    q.flush();
    assertThat(messages(received().get(1)).get(0).get("body")).isEqualTo("delayed");
    assertThat(mf.queueProducer("worker", "QUEUE").send("x")).matches("[0-9a-f]{32}");
    assertThat(q.pending()).hasSize(1); // the Java producer applies the binding's delay too
  }

  @Test
  void everyContentTypeRoundTrips() {
    start(w -> w.queueConsumer(QueueConsumerOptions.of("q").withMaxBatchSize(100)));
    assertThat(mf.dispatchFetch("http://localhost/types").status()).isEqualTo(200);
    assertThat(mf.queue("q").pending()).extracting(QueueMessage::contentType)
        .containsExactly("json", "text", "bytes", "v8", "v8", "v8");
    mf.queue("q").flush();
    assertThat(messages(received().get(0))).extracting(m -> m.get("body")).containsExactly(
        Map.of("a", 1),
        "plain text",
        Map.of("arrayBuffer", List.of(1, 2, 3)),
        Map.of("map", List.of(List.of("when", "Date:5"), List.of("n", 1))),
        Map.of("date", 7),
        List.of(1, "two"));
  }

  @Test
  void javaSendsArriveAsJsonTextAndBytes() {
    start(w -> w.queueConsumer("q"));
    Queue q = mf.queue("q");
    q.send(List.of(1, 2));
    q.sendText("hi");
    q.sendBytes(new byte[] {9, 8});
    assertThat(q.pending().get(2).body()).isEqualTo(new byte[] {9, 8});
    q.flush();
    assertThat(messages(received().get(0))).extracting(m -> m.get("body"))
        .containsExactly(List.of(1, 2), "hi", Map.of("arrayBuffer", List.of(9, 8)));
  }

  @Test
  @SuppressWarnings("unchecked")
  void sendsAreValidatedWithTheRuntimesMessages() {
    mf = Miniflare.builder().clock(clock).worker(w -> w.name("worker").modules(true).queueProducer("Q", "q").script("""
        export default {
          async fetch(req, env) {
            const out = {};
            const t = async (name, fn) => { try { await fn(); out[name] = "ok"; } catch (e) { out[name] = e.name + ": " + e.message; } };
            await t("undef", () => env.Q.send(undefined));
            await t("badType", () => env.Q.send("x", { contentType: "foo" }));
            await t("upperType", () => env.Q.send("x", { contentType: "TEXT" }));
            await t("textNum", () => env.Q.send(123, { contentType: "text" }));
            await t("bytesStr", () => env.Q.send("x", { contentType: "bytes" }));
            await t("bytesAB", () => env.Q.send(new ArrayBuffer(3), { contentType: "bytes" }));
            await t("jsonFn", () => env.Q.send(() => 1, { contentType: "json" }));
            await t("v8Fn", () => env.Q.send(() => 1));
            await t("v8Sym", () => env.Q.send(Symbol("s")));
            await t("big", () => env.Q.send("x".repeat(128000), { contentType: "text" }));
            await t("big1", () => env.Q.send("x".repeat(128001), { contentType: "text" }));
            await t("bigJson1", () => env.Q.send("x".repeat(127999), { contentType: "json" }));
            await t("delayMax", () => env.Q.send("x", { delaySeconds: 43200 }));
            await t("delayBig", () => env.Q.send("x", { delaySeconds: 43201 }));
            await t("batchEmpty", () => env.Q.sendBatch([]));
            await t("batchNotArr", () => env.Q.sendBatch("x"));
            await t("batch101", () => env.Q.sendBatch(Array.from({ length: 101 }, (_, i) => ({ body: i }))));
            await t("batch100", () => env.Q.sendBatch(Array.from({ length: 100 }, (_, i) => ({ body: i }))));
            await t("batchBig", () => env.Q.sendBatch(Array.from({ length: 3 }, () => ({ body: "x".repeat(100000), contentType: "text" }))));
            await t("batchOneBig", () => env.Q.sendBatch([{ body: "x".repeat(128001), contentType: "text" }]));
            await t("batchUndef", () => env.Q.sendBatch([{}]));
            await t("batchBadType", () => env.Q.sendBatch([{ body: 1, contentType: "nope" }]));
            await t("batchDelayBig", () => env.Q.sendBatch([{ body: 1 }], { delaySeconds: 43201 }));
            out.sync = (() => { try { const p = env.Q.send(undefined); p.catch(() => {}); return "promise"; } catch (e) { return "threw"; } })();
            return Response.json(out);
          }
        };
        """)).build();
    Map<String, String> out = mf.dispatchFetch("http://localhost/").json(Map.class);
    assertThat(out).containsEntry("undef", "TypeError: Message body cannot be undefined")
        .containsEntry("badType", "TypeError: Unsupported queue message content type: foo")
        .containsEntry("upperType", "ok")
        .containsEntry("textNum", "TypeError: Content Type \"text\" requires a value of type string, but received: number")
        .containsEntry("bytesStr", "TypeError: Content Type \"bytes\" requires a value of type ArrayBufferView, but received: string")
        .containsEntry("bytesAB", "TypeError: Content Type \"bytes\" requires a value of type ArrayBufferView, but received: object")
        .containsEntry("jsonFn", "Error: Queue send failed: Internal Server Error")
        .containsEntry("v8Fn", "DataCloneError: () => 1 could not be cloned.")
        .containsEntry("v8Sym", "DataCloneError: Symbol(s) could not be cloned.")
        .containsEntry("big", "ok")
        .containsEntry("big1", "Error: Queue send failed: message length of 128001 bytes exceeds limit of 128000")
        .containsEntry("bigJson1", "Error: Queue send failed: message length of 128001 bytes exceeds limit of 128000")
        .containsEntry("delayMax", "ok")
        .containsEntry("delayBig", "Error: Queue send failed: message delay of 43201 seconds is invalid; it must be"
            + " between 0 and 43200 seconds")
        .containsEntry("batchEmpty", "TypeError: sendBatch() requires at least one message")
        .containsEntry("batchNotArr", "TypeError: Failed to execute 'sendBatch' on 'WorkerQueue': parameter 1 is not"
            + " of type 'Sequence'.")
        .containsEntry("batch101", "Error: Queue sendBatch failed: batch message count of 101 exceeds limit of 100")
        .containsEntry("batch100", "ok")
        .containsEntry("batchBig", "Error: Queue sendBatch failed: batch size of 300000 bytes exceeds limit of 256000")
        .containsEntry("batchOneBig", "Error: Queue sendBatch failed: message in batch has length 128001 bytes which"
            + " exceeds single message size limit of 128000")
        .containsEntry("batchUndef", "TypeError: Message body cannot be undefined")
        .containsEntry("batchBadType", "TypeError: Unsupported queue message content type: nope")
        .containsEntry("batchDelayBig", "Error: Queue sendBatch failed: message delay of 43201 seconds is invalid; it"
            + " must be between 0 and 43200 seconds")
        .containsEntry("sync", "promise");
    // no consumer: messages wait in the queue, where Java can see them
    assertThat(mf.queue("q").pending()).hasSize(103);
    assertThatThrownBy(() -> mf.queue("q").flush()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no worker consumes queue \"q\"");
    assertThatThrownBy(() -> mf.queue("q").sendText("x".repeat(128001))).isInstanceOf(QueueException.class)
        .hasMessage("Queue send failed: message length of 128001 bytes exceeds limit of 128000");
  }

  @Test
  void queuesBelongToTheInstanceSoOneWorkerProducesAndAnotherConsumes() throws Exception {
    mf = Miniflare.builder().clock(clock)
        .worker(w -> w.name("producer").modules(true).queueProducer("JOBS", "jobs").script("""
            export default { async fetch(req, env) { await env.JOBS.send({ n: 1 }); return new Response("queued"); } };
            """))
        .worker(w -> w.name("consumer").modules(true).script(WORKER)
            .queueConsumer(QueueConsumerOptions.of("jobs").withMaxBatchTimeout(Duration.ZERO)))
        .build();
    assertThat(mf.dispatchFetch("http://localhost/").text()).isEqualTo("queued");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    List<?> got = List.of();
    while (got.isEmpty() && System.nanoTime() < deadline) {
      got = mf.worker("consumer").fetch("http://localhost/received").json(List.class);
      Thread.sleep(10);
    }
    assertThat(got).hasSize(1); // a zero batch timeout delivers on the real timer at once
    assertThat(mf.worker("producer").bindingNames()).contains("JOBS");
  }

  @Test
  void aQueueHasOneConsumer() {
    assertThatThrownBy(() -> Miniflare.builder()
        .worker(w -> w.name("a").modules(true).script(WORKER).queueConsumer("q"))
        .worker(w -> w.name("b").modules(true).script(WORKER).queueConsumer("q"))
        .build()).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("queue \"q\" has two consumers, workers \"a\" and \"b\"; a queue can have only one consumer");
    assertThatThrownBy(() -> QueueConsumerOptions.of("q").withMaxBatchSize(101))
        .hasMessage("max_batch_size of queue \"q\" must be between 1 and 100, not 101");
  }

  @Test
  void workerQueueRunsTheHandlerWithABatchAndReturnsItsResult() {
    start(w -> { });
    var worker = mf.worker();
    QueueResult r = worker.queue("direct", List.of(Map.of("action", "ack"), Map.of("action", "retry", "delay", 5),
        "plain"));
    assertThat(r.isOk()).isTrue();
    assertThat(r.explicitAcks()).containsExactly(r.messageIds().get(0));
    assertThat(r.retryMessages()).containsExactly(new QueueResult.RetryMessage(r.messageIds().get(1), 5));
    assertThat(r.acked()).containsExactly(r.messageIds().get(0), r.messageIds().get(2));
    assertThat(r.ackAll()).isFalse();
    Map<String, Object> batch = received().get(0);
    assertThat(batch.get("queue")).isEqualTo("direct");
    assertThat(messages(batch)).extracting(m -> m.get("body")).last().isEqualTo("plain");

    QueueResult all = worker.queue("direct", List.of(Map.of("action", "retryAll")));
    assertThat(all.retryBatch().retry()).isTrue();
    assertThat(all.retried()).isEqualTo(all.messageIds());

    QueueResult thrown = worker.queue("direct", List.of(Map.of("action", "throw")));
    assertThat(thrown.outcome()).isEqualTo("exception");
    assertThat(thrown.error().name()).isEqualTo("Error");
    assertThat(thrown.error().stack()).contains("consumer failed");
    assertThat(thrown.retried()).isEqualTo(thrown.messageIds());
    assertThat(mf.queue("direct").pending()).isEmpty(); // nothing is re-queued
  }

  @Test
  void serviceWorkersGetQueueEvents() {
    mf = Miniflare.builder().clock(clock).worker(w -> w.name("sw").modules(false).script("""
        let seen = [];
        addEventListener("fetch", (e) => e.respondWith(Response.json(seen)));
        addEventListener("queue", (event) => {
          seen.push(event.queue + ":" + event.messages.map((m) => m.body).join(","));
          event.waitUntil(Promise.resolve().then(() => event.messages[0].ack()));
          event.retryAll();
        });
        """).queueConsumer("q")).build();
    mf.queue("q").send("one");
    QueueDelivery d = mf.queue("q").flush();
    assertThat(d.retried()).hasSize(1);
    assertThat(mf.dispatchFetch("http://localhost/").json(List.class)).containsExactly("q:one");
  }

  @Test
  void aWorkerWithoutAQueueHandlerFailsTheBatch() {
    mf = Miniflare.builder().clock(clock).worker(w -> w.name("w").modules(true)
        .script("export default { fetch() { return new Response('x'); } };")
        .queueConsumer(QueueConsumerOptions.of("q").withMaxRetries(0))).build();
    mf.queue("q").send(1);
    QueueDelivery d = mf.queue("q").flush();
    assertThat(d.results().get(0).error().message()).isEqualTo("Handler does not export a queue() function.");
    assertThat(d.dropped()).hasSize(1);
  }

  @Test
  void resetDropsPendingMessages() {
    start(w -> w.queueConsumer("q"));
    mf.queue("q").send(1);
    send(2, Map.of("delaySeconds", 10));
    assertThat(mf.queue("q").pending()).hasSize(2);
    mf.resetQueues();
    assertThat(mf.queue("q").pending()).isEmpty();
    clock.advance(Duration.ofSeconds(20));
    assertThat(mf.queue("q").flush().batches()).isEmpty();
    assertThat(received()).isEmpty();
  }

  @Test
  void metricsAndSendResultsDescribeTheBacklog() {
    mf = Miniflare.builder().clock(clock).worker(w -> w.name("w").modules(true).queueProducer("Q", "q").script("""
        export default { async fetch(req, env) {
          const first = await env.Q.send("a", { contentType: "text" });
          const second = await env.Q.send("bc", { contentType: "text" });
          const m = await env.Q.metrics();
          return Response.json({ first, second, count: m.backlogCount, bytes: m.backlogBytes,
            oldest: m.oldestMessageTimestamp instanceof Date });
        } };
        """)).build();
    Map<?, ?> out = mf.dispatchFetch("http://localhost/").json(Map.class);
    assertThat(out.get("first")).isEqualTo(Map.of("metadata", Map.of("metrics", Map.of("backlogCount", 0, "backlogBytes", 0))));
    assertThat(out.get("count")).isEqualTo(2);
    assertThat(out.get("bytes")).isEqualTo(3);
    assertThat(out.get("oldest")).isEqualTo(true);
  }

  @Test
  void wranglerConfigDeclaresProducersAndConsumers(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("index.mjs"), WORKER);
    Path config = Files.writeString(dir.resolve("wrangler.toml"), """
        name = "queued"
        main = "index.mjs"

        [[queues.producers]]
        binding = "QUEUE"
        queue = "q"

        [[queues.consumers]]
        queue = "q"
        max_batch_size = 2
        max_batch_timeout = 1
        max_retries = 0
        dead_letter_queue = "q-dlq"
        retry_delay = 3
        max_concurrency = 5
        """);
    mf = Miniflare.builder().clock(clock).wranglerConfig(config, null).build();
    QueueConsumerOptions c = mf.queue("q").consumer();
    assertThat(c).isEqualTo(new QueueConsumerOptions("q", 2, Duration.ofSeconds(1), 0, "q-dlq", Duration.ofSeconds(3)));
    send(Map.of("action", "throw"), Map.of());
    assertThat(mf.queue("q").flush().deadLettered()).hasSize(1);
    assertThat(mf.queue("q-dlq").pending()).hasSize(1);
  }

  @Test
  void aBadConsumerEntryInWranglerConfigNamesTheFile(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("index.mjs"), WORKER);
    Path config = Files.writeString(dir.resolve("wrangler.toml"), """
        main = "index.mjs"
        [[queues.consumers]]
        queue = "q"
        max_batch_size = 500
        """);
    assertThatThrownBy(() -> Miniflare.builder().wranglerConfig(config, null)).isInstanceOf(MiniflareException.class)
        .hasMessage("wrangler.toml: [[queues.consumers]] max_batch_size of queue \"q\" must be between 1 and 100, not 500");
  }
}
