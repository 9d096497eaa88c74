package dev.miniflare.core;

import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import java.nio.ByteBuffer;
import org.graalvm.polyglot.HostAccess;

/** Read-only views of Java requests and responses that the runtime JS turns into its own Request/Response. */
final class HostViews {
  private HostViews() {}

  /** A Java request as the runtime JS reads it. */
  public static final class RequestView {
    private final Request request;

    RequestView(Request request) {
      this.request = request;
    }

    /** The method. */
    @HostAccess.Export
    public String method() {
      return request.method();
    }

    /** The URL. */
    @HostAccess.Export
    public String url() {
      return request.url();
    }

    /** Headers as a blob. */
    @HostAccess.Export
    public String headers() {
      return HeaderBlob.encode(request.headers());
    }

    /** The body, or null when empty. */
    @HostAccess.Export
    public ByteBuffer body() {
      return request.hasBody() ? ByteBuffer.wrap(request.bodyBytesUnsafe()).asReadOnlyBuffer() : null;
    }
  }

  /** A Java response as the runtime JS reads it. */
  public static final class ResponseView {
    private final Response response;

    ResponseView(Response response) {
      this.response = response;
    }

    /** The status. */
    @HostAccess.Export
    public int status() {
      return response.status();
    }

    /** The status text. */
    @HostAccess.Export
    public String statusText() {
      return response.statusText();
    }

    /** Headers as a blob. */
    @HostAccess.Export
    public String headers() {
      return HeaderBlob.encode(response.headers());
    }

    /** The WebSocket end handed over with a 101, or null. */
    @HostAccess.Export
    public dev.miniflare.http.WebSocket webSocket() {
      return response.webSocket();
    }

    /** The body, or null when empty. */
    @HostAccess.Export
    public ByteBuffer body() {
      byte[] b = response.bodyBytesUnsafe();
      return b.length == 0 ? null : ByteBuffer.wrap(b).asReadOnlyBuffer();
    }
  }
}
