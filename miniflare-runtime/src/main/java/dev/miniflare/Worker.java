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

  /** Sends the request to the worker's fetch handler and waits for the response. */
  public Response fetch(Request request) {
    return Miniflare.await(fetchAsync(request));
  }

  /** Sends the request to the worker's fetch handler. */
  public CompletableFuture<Response> fetchAsync(Request request) {
    return instance().fetch(request);
  }

  /** Runs the worker's scheduled handler for a cron expression at the instance clock's time and waits. */
  public void scheduled(String cron) {
    Miniflare.await(instance().scheduled(cron, miniflare.clock().millis()));
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
