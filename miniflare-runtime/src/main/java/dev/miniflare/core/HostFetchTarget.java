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

  HostFetchTarget(Function<Request, CompletableFuture<Response>> handler, Isolate isolate) {
    this.handler = handler;
    this.isolate = isolate;
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
