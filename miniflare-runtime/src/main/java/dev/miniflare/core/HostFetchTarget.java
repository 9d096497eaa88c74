package dev.miniflare.core;

import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * Where a worker's subrequest goes: another worker, a Java function or the network. The request crosses as data
 * ({@link Request}); the answer is delivered back on the calling isolate's loop.
 */
public final class HostFetchTarget {
  private final Function<Request, CompletableFuture<Response>> handler;
  private final Isolate isolate;
  private final WorkerInstance caller; // delivers RPC results; null for targets without RPC

  HostFetchTarget(Function<Request, CompletableFuture<Response>> handler, Isolate isolate) {
    this(handler, isolate, null);
  }

  HostFetchTarget(Function<Request, CompletableFuture<Response>> handler, Isolate isolate, WorkerInstance caller) {
    this.handler = handler;
    this.isolate = isolate;
    this.caller = caller;
  }

  /** Whether JS RPC calls can go to this target (another worker's entrypoint). */
  boolean supportsRpc() {
    return caller != null && handler instanceof ServiceRpc;
  }

  /** Installs the serialiser RPC arguments need in the calling isolate (on its loop thread, inside JS). */
  @HostAccess.Export
  public void prepareRpc() {
    isolate.ensureInstalled(Isolate.SERIALIZE_JS);
  }

  /** Calls a method of the target's entrypoint with serialised arguments; the result arrives on the loop. */
  @HostAccess.Export
  public void rpc(String method, String args, Value onResult, Value onError) {
    CompletableFuture<String> result;
    try {
      result = ((ServiceRpc) handler).rpc(method, args);
    } catch (RuntimeException e) {
      result = CompletableFuture.failedFuture(e);
    }
    caller.deliverResult(result, onResult, onError);
  }

  /** Sends the request; calls {@code onResponse(view)} or {@code onError(name, message)} later on the loop. */
  @HostAccess.Export
  public void fetch(String method, String url, String headerBlob, Value body, int offset, int length,
      Value onResponse, Value onError) {
    Request.Builder b = Request.builder(url).method(method).headers(HeaderBlob.decode(headerBlob));
    if (body != null && !body.isNull()) {
      if (body.isString()) {
        b.body(body.asString());
      } else {
        b.bodyUnsafe(JsBytes.read(body, offset, length));
      }
    }
    Request request = b.build();
    isolate.pendingStarted();
    CompletableFuture<Response> result;
    try {
      result = handler.apply(request);
    } catch (RuntimeException e) {
      result = CompletableFuture.failedFuture(e);
    }
    result.whenComplete((response, error) -> isolate.executeOrDrop(() -> {
      isolate.pendingSettled();
      if (error == null) {
        onResponse.executeVoid(new HostViews.ResponseView(response));
      } else {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String name = cause instanceof WorkerException we ? we.error().name() : "Error";
        String message = cause instanceof WorkerException we ? we.error().message() : String.valueOf(cause.getMessage());
        onError.executeVoid(name, message);
      }
    }));
  }
}
