package dev.miniflare.core;

import dev.miniflare.http.Response;
import java.util.concurrent.CompletableFuture;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/** Completes a Java future with the response a worker's fetch handler produced, or with its error. */
public final class FetchCallback {
  private final CompletableFuture<Response> future;
  private dev.miniflare.http.WebSocket webSocket; // set just before respond() for a 101 with a WebSocket

  FetchCallback(CompletableFuture<Response> future) {
    this.future = future;
  }

  /** The response about to be sent by {@link #respond} hands over this WebSocket end. */
  @HostAccess.Export
  public void webSocket(dev.miniflare.http.WebSocket socket) {
    this.webSocket = socket;
  }

  /** The handler produced a response; the body is a string, an ArrayBuffer range or null. */
  @HostAccess.Export
  public void respond(int status, String statusText, String headerBlob, Value body, int offset, int length) {
    Response.Builder b = Response.builder(status).statusText(statusText).headers(HeaderBlob.decode(headerBlob))
        .webSocket(webSocket);
    if (body != null && !body.isNull()) {
      if (body.isString()) {
        b.body(body.asString());
      } else {
        b.bodyUnsafe(JsBytes.read(body, offset, length));
      }
    }
    future.complete(b.build());
  }

  /** The handler threw or rejected. */
  @HostAccess.Export
  public void fail(String name, String message, String stack) {
    // a bundled worker's frames name the original files (source map), as wrangler dev shows them
    future.completeExceptionally(new WorkerException(new WorkerError(name, message,
        dev.miniflare.build.SourceMap.remapAll(stack))));
  }
}
