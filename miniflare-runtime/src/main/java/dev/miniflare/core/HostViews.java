package dev.miniflare.core;

import dev.miniflare.http.Headers;
import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import java.nio.ByteBuffer;
import org.graalvm.polyglot.HostAccess;

/** Read-only views of Java requests and responses that the runtime JS turns into its own Request/Response. */
final class HostViews {
  private HostViews() {}

  /** Headers as "name\nvalue\nname\nvalue", one string so that they cross into JS in a single call. */
  static String headerBlob(Headers headers) {
    int n = headers.size();
    if (n == 0) {
      return "";
    }
    StringBuilder sb = new StringBuilder(n * 32);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append('\n');
      }
      sb.append(headers.name(i)).append('\n').append(sanitize(headers.value(i)));
    }
    return sb.toString();
  }

  private static String sanitize(String value) {
    // A Java caller may put anything in a header; a newline would corrupt the blob and is invalid in HTTP anyway.
    return value.indexOf('\n') < 0 && value.indexOf('\r') < 0 ? value : value.replace('\r', ' ').replace('\n', ' ');
  }

  static Headers parseHeaderBlob(String blob) {
    if (blob == null || blob.isEmpty()) {
      return Headers.empty();
    }
    Headers.Builder b = Headers.builder();
    int start = 0;
    int len = blob.length();
    while (start < len) {
      int nl = blob.indexOf('\n', start);
      int nl2 = blob.indexOf('\n', nl + 1);
      if (nl2 < 0) {
        nl2 = len;
      }
      b.add(blob.substring(start, nl), blob.substring(nl + 1, nl2));
      start = nl2 + 1;
    }
    return b.build();
  }

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
      return headerBlob(request.headers());
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
      return headerBlob(response.headers());
    }

    /** The body, or null when empty. */
    @HostAccess.Export
    public ByteBuffer body() {
      byte[] b = response.bodyBytesUnsafe();
      return b.length == 0 ? null : ByteBuffer.wrap(b).asReadOnlyBuffer();
    }
  }
}
