package dev.miniflare.core;

import java.util.concurrent.CompletableFuture;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/** Completes a Java future with the result of a module export called from Java. */
public final class CallCallback {
  /** What an export call produced: JSON text, or a response. */
  public sealed interface Result permits JsonResult, ResponseResult {}

  /**
   * A JSON-serialisable result.
   *
   * @param json JSON text, or null for undefined/null
   */
  public record JsonResult(String json) implements Result {}

  /**
   * A Response result.
   *
   * @param response the response
   */
  public record ResponseResult(dev.miniflare.http.Response response) implements Result {}

  private final CompletableFuture<Result> future;
  private final CompletableFuture<dev.miniflare.http.Response> responseFuture = new CompletableFuture<>();
  private final FetchCallback responseCallback = new FetchCallback(responseFuture);

  CallCallback(CompletableFuture<Result> future) {
    this.future = future;
    responseFuture.whenComplete((r, e) -> {
      if (e != null) {
        future.completeExceptionally(e);
      } else {
        future.complete(new ResponseResult(r));
      }
    });
  }

  /** The export resolved to a JSON-serialisable value. */
  @HostAccess.Export
  public void resolveJson(String json) {
    future.complete(new JsonResult(json));
  }

  /** The Response the export resolved to hands over this WebSocket end (called just before respond). */
  @HostAccess.Export
  public void webSocket(dev.miniflare.http.WebSocket socket) {
    responseCallback.webSocket(socket);
  }

  /** The export resolved to a Response. */
  @HostAccess.Export
  public void respond(int status, String statusText, String headerBlob, Value body, int offset, int length) {
    responseCallback.respond(status, statusText, headerBlob, body, offset, length);
  }

  /** The export threw or rejected. */
  @HostAccess.Export
  public void fail(String name, String message, String stack) {
    // a bundled worker's frames name the original files (source map), as wrangler dev shows them
    future.completeExceptionally(new WorkerException(new WorkerError(name, message,
        dev.miniflare.build.SourceMap.remapAll(stack))));
  }
}
