package dev.miniflare;

import dev.miniflare.core.WorkerInstance;
import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import dev.miniflare.kv.KVNamespace;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A handle on one worker of a {@link Miniflare} instance: dispatch requests straight to its fetch handler (no
 * routing) and reach its bindings.
 */
public final class Worker {
  private final Miniflare miniflare;
  private final String name;

  Worker(Miniflare miniflare, String name) {
    this.miniflare = miniflare;
    this.name = name;
  }

  /** The worker's name. */
  public String name() {
    return name;
  }

  /** The instance this worker belongs to. */
  public Miniflare miniflare() {
    return miniflare;
  }

  /** Sends a GET to the worker's fetch handler and waits for the response. */
  public Response fetch(String url) {
    return fetch(Request.get(url));
  }

  /**
   * Sends the request to the worker and waits for the response; a worker with static assets answers from them
   * first, as on Cloudflare (see {@code WorkerOptions.Builder#assets}).
   */
  public Response fetch(Request request) {
    return Miniflare.await(dev.miniflare.core.Isolate.dispatchForBlockingCaller(() -> fetchAsync(request)));
  }

  /** Sends the request to the worker (its static assets first, when it has some). */
  public CompletableFuture<Response> fetchAsync(Request request) {
    return miniflare.fetchWorker(name, instance(), request);
  }

  /** Runs the worker's scheduled handler for a cron expression at the instance clock's time and waits. */
  public void scheduled(String cron) {
    Miniflare.await(instance().scheduled(cron, miniflare.clock().millis()));
  }

  /**
   * Runs the worker's {@code queue()} handler with a batch of {@code queueName} made of {@code bodies} (a
   * {@code byte[]} as a bytes message, anything else as JSON through Jackson; new ids, attempt 1) and waits for it
   * and its {@code waitUntil} work, like vitest-pool-workers' {@code createMessageBatch} + {@code getQueueResult}.
   * The result says what the handler acked and retried; nothing is re-queued. A throwing handler gives a result
   * with outcome "exception" and its {@code error()}.
   */
  public dev.miniflare.queues.QueueResult queue(String queueName, java.util.List<?> bodies) {
    java.util.List<dev.miniflare.queues.QueueMessage> messages = new java.util.ArrayList<>();
    java.time.Instant now = miniflare.clock().instant();
    for (Object body : bodies) {
      boolean bytes = body instanceof byte[];
      messages.add(new dev.miniflare.queues.QueueMessage(dev.miniflare.queues.QueueBroker.newId(), now,
          bytes ? "bytes" : "json", 1, bytes ? ((byte[]) body).clone()
              : dev.miniflare.http.Json.write(body).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    dev.miniflare.queues.QueueBatchHost batch = new dev.miniflare.queues.QueueBatchHost(queueName, messages,
        "{\"metrics\":{\"backlogCount\":0,\"backlogBytes\":0}}");
    String json = Miniflare.await(instance().queue(batch));
    return dev.miniflare.queues.QueueResult.of(json, messages.stream().map(dev.miniflare.queues.QueueMessage::id).toList());
  }

  /** Calls the worker's module exports directly (ES module workers). */
  public WorkerModule module() {
    return new WorkerModule(this);
  }

  /** The KV namespace bound as {@code binding} in this worker. */
  public KVNamespace kvNamespace(String binding) {
    return miniflare.kvNamespace(name, binding);
  }

  /** The D1 database bound as {@code binding} in this worker. */
  public dev.miniflare.d1.D1Database d1Database(String binding) {
    return miniflare.d1Database(name, binding);
  }

  /** The R2 bucket bound as {@code binding} in this worker. */
  public dev.miniflare.r2.R2Bucket r2Bucket(String binding) {
    return miniflare.r2Bucket(name, binding);
  }

  /** Names of the worker's bindings (vars, KV namespaces, services). */
  public Set<String> bindingNames() {
    return miniflare.bindingNames(name);
  }

  /** The running instance behind this handle (new after a restart). */
  WorkerInstance instance() {
    return miniflare.instance(name);
  }

  @Override
  public String toString() {
    return "Worker(" + name + ")";
  }
}
