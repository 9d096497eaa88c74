package dev.miniflare.server;

import dev.miniflare.http.Headers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jetty core handler that turns each Jetty request into a {@link dev.miniflare.http.Request}, calls the
 * user's handler and writes its {@link dev.miniflare.http.Response} back. Everything is asynchronous: the body is
 * read with {@link Request#demand(Runnable)} and the response is written when the handler's future completes.
 */
final class RequestBridge extends Handler.Abstract {
  static final Logger LOG = LoggerFactory.getLogger("dev.miniflare.server");

  private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;
  private static final String ERROR_CONTENT_TYPE = "text/plain;charset=UTF-8";

  private final Function<? super dev.miniflare.http.Request, ? extends CompletionStage<dev.miniflare.http.Response>>
      handler;
  private final String fallbackAuthority;
  private final long maxBodyBytes;
  private volatile String boundAuthority;
  private final WebSocketBridge webSockets; // null: 101 responses with a WebSocket fail

  RequestBridge(
      Function<? super dev.miniflare.http.Request, ? extends CompletionStage<dev.miniflare.http.Response>> handler,
      String host,
      long maxBodyBytes) {
    this(handler, host, maxBodyBytes, null);
  }

  RequestBridge(
      Function<? super dev.miniflare.http.Request, ? extends CompletionStage<dev.miniflare.http.Response>> handler,
      String host,
      long maxBodyBytes,
      WebSocketBridge webSockets) {
    super(InvocationType.BLOCKING);
    this.webSockets = webSockets;
    this.handler = handler;
    this.fallbackAuthority = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    this.maxBodyBytes = Math.min(maxBodyBytes, MAX_ARRAY);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    new Exchange(request, response, callback).start();
    return true;
  }

  /** The authority for requests without a Host header (HTTP/1.0): the bound host and port. */
  private String fallbackAuthority(Request request) {
    String a = boundAuthority;
    if (a == null) {
      a = fallbackAuthority + ":" + Request.getLocalPort(request);
      boundAuthority = a;
    }
    return a;
  }

  /** One request/response exchange: reads the body, calls the handler, writes the response, logs. */
  private final class Exchange implements Runnable, BiConsumer<dev.miniflare.http.Response, Throwable> {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final long startNanos = System.nanoTime();
    private byte[] body;
    private int size;

    Exchange(Request request, Response response, Callback callback) {
      this.request = request;
      this.response = response;
      this.callback = callback;
    }

    void start() {
      long length = request.getLength();
      if (length > maxBodyBytes) {
        tooLarge();
        return;
      }
      if (length > 0) {
        body = new byte[(int) length];
      }
      run();
    }

    /** Reads whatever body content is available; called again by Jetty when more arrives. */
    @Override
    public void run() {
      try {
        while (true) {
          Content.Chunk chunk = request.read();
          if (chunk == null) {
            request.demand(this);
            return;
          }
          if (Content.Chunk.isFailure(chunk)) {
            Throwable failure = chunk.getFailure();
            chunk.release();
            LOG.debug("{} {}: reading the request body failed", request.getMethod(), request.getHttpURI(), failure);
            callback.failed(failure);
            return;
          }
          ByteBuffer buffer = chunk.getByteBuffer();
          int n = buffer.remaining();
          if (n > 0) {
            if ((long) size + n > maxBodyBytes) {
              chunk.release();
              tooLarge();
              return;
            }
            ensureCapacity(size + n);
            buffer.get(body, size, n);
            size += n;
          }
          boolean last = chunk.isLast();
          chunk.release();
          if (last) {
            dispatch();
            return;
          }
        }
      } catch (Throwable t) {
        fail(t);
      }
    }

    private void ensureCapacity(int needed) {
      if (body == null) {
        body = new byte[Math.max(needed, 8192)];
      } else if (needed > body.length) {
        int grown = (int) Math.min(Math.max((long) body.length * 2, needed), MAX_ARRAY);
        body = Arrays.copyOf(body, grown);
      }
    }

    private void dispatch() {
      dev.miniflare.http.Request req;
      CompletionStage<dev.miniflare.http.Response> stage;
      try {
        req = toMiniflareRequest();
        stage = handler.apply(req);
      } catch (Throwable t) {
        fail(t);
        return;
      }
      if (stage == null) {
        fail(new NullPointerException("the handler returned null instead of a CompletionStage<Response>"));
        return;
      }
      if (stage instanceof CompletableFuture<dev.miniflare.http.Response> future && future.isDone()) {
        // Fast path for handlers that answer synchronously: no completion stage to chain.
        dev.miniflare.http.Response result;
        try {
          result = future.get();
        } catch (ExecutionException e) {
          accept(null, e.getCause() != null ? e.getCause() : e);
          return;
        } catch (Throwable t) {
          accept(null, t);
          return;
        }
        accept(result, null);
        return;
      }
      stage.whenComplete(this);
    }

    private dev.miniflare.http.Request toMiniflareRequest() {
      HttpURI uri = request.getHttpURI();
      HttpFields fields = request.getHeaders();
      String authority = fields.get(HttpHeader.HOST);
      if (authority == null || authority.isEmpty()) {
        authority = uri.getAuthority();
        if (authority == null || authority.isEmpty()) {
          authority = fallbackAuthority(request);
        }
      }
      String path = uri.getPath();
      String query = uri.getQuery();
      int capacity = 7 + authority.length() + (path == null ? 1 : path.length()) + (query == null ? 0 : query.length() + 1);
      StringBuilder url = new StringBuilder(capacity).append("http://").append(authority);
      if (path == null || path.isEmpty()) {
        url.append('/');
      } else {
        if (path.charAt(0) != '/') {
          url.append('/'); // "OPTIONS *" and the like
        }
        url.append(path);
      }
      if (query != null) {
        url.append('?').append(query);
      }

      dev.miniflare.http.Request.Builder b = dev.miniflare.http.Request.builder(url.toString())
          .method(request.getMethod());
      for (HttpField field : fields) {
        b.header(field.getName(), field.getValue());
      }
      if (size > 0) {
        b.bodyUnsafe(size == body.length ? body : Arrays.copyOf(body, size));
      }
      body = null;
      return b.build();
    }

    /** Completion of the handler's future. */
    @Override
    public void accept(dev.miniflare.http.Response result, Throwable failure) {
      if (failure != null) {
        fail(unwrap(failure));
      } else if (result == null) {
        fail(new NullPointerException("the handler's future completed with null instead of a Response"));
      } else {
        try {
          write(result);
        } catch (Throwable t) {
          fail(t);
        }
      }
    }

    private void write(dev.miniflare.http.Response result) {
      if (result.webSocket() != null) {
        upgradeToWebSocket(result);
        return;
      }
      int status = result.status();
      if (status < 200) {
        throw new IllegalStateException("status " + status + " cannot be the final status of a response");
      }
      String reason = result.statusText();
      boolean head = "HEAD".equals(request.getMethod());
      boolean noBody = status == 204 || status == 304;

      response.setStatus(status);
      HttpFields.Mutable out = response.getHeaders();
      Headers headers = result.headers();
      String declaredLength = null;
      for (int i = 0, n = headers.size(); i < n; i++) {
        String name = headers.name(i);
        if (name.equals("content-length")) {
          declaredLength = headers.value(i);
        } else if (!name.equals("transfer-encoding")) {
          out.add(name, headers.value(i));
        }
      }
      byte[] bytes = result.bodyBytesUnsafe();
      if (!noBody) {
        if (head) {
          // A HEAD response may announce the length of the body a GET would get.
          out.put(HttpHeader.CONTENT_LENGTH, declaredLength != null ? declaredLength : Integer.toString(bytes.length));
        } else {
          out.put(HttpHeader.CONTENT_LENGTH, bytes.length);
        }
      }
      // Jetty sends its own standard phrase (HttpStatus.getMessage), which sometimes differs from the Fetch one
      // (418 "I'm a Teapot"): send the response's statusText whenever it differs, an explicitly empty one included
      // (workerd then sends an empty reason phrase).
      if (reason != null && !reason.equals(HttpStatus.getMessage(status))) {
        String custom = sanitizeReason(reason);
        request.addHttpStreamWrapper(stream -> new ReasonStream(stream, custom));
      }
      log(status, reason);
      if (head || noBody || bytes.length == 0) {
        response.write(true, null, callback);
      } else {
        response.write(true, ByteBuffer.wrap(bytes), callback);
      }
    }

    /** A worker's 101 with a WebSocket: the connection becomes that WebSocket (see {@link WebSocketBridge}). */
    private void upgradeToWebSocket(dev.miniflare.http.Response result) {
      if (webSockets == null || !WebSocketBridge.isUpgrade(request)
          || !webSockets.upgrade(request, response, callback, result)) {
        result.webSocket().disconnect();
        // workerd's error for a WebSocket returned to a plain request (a 500, as Miniflare 4 answers); a mistake
        // in the worker, so no Java stack trace
        String message = "TypeError: " + dev.miniflare.Miniflare.WEBSOCKET_WITHOUT_UPGRADE;
        LOG.error("{} {}: {}", request.getMethod(), request.getHttpURI().getPathQuery(), message);
        byte[] bytes = (message + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(500);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ERROR_CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        log(500, "Internal Server Error");
        response.write(true, ByteBuffer.wrap(bytes), callback);
        return;
      }
      log(101, "Switching Protocols");
    }

    private void fail(Throwable failure) {
      LOG.error("{} {} failed", request.getMethod(), request.getHttpURI().getPathQuery(), failure);
      if (response.isCommitted()) {
        callback.failed(failure);
        return;
      }
      try {
        response.reset();
        response.setStatus(500);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ERROR_CONTENT_TYPE);
        byte[] bytes = errorBody(failure).getBytes(StandardCharsets.UTF_8);
        boolean head = "HEAD".equals(request.getMethod());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        log(500, "Internal Server Error");
        response.write(true, head ? null : ByteBuffer.wrap(bytes), callback);
      } catch (Throwable t) {
        failure.addSuppressed(t);
        callback.failed(failure);
      }
    }

    private void tooLarge() {
      response.setStatus(413);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, ERROR_CONTENT_TYPE);
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
      byte[] bytes = ("Request body larger than " + maxBodyBytes + " bytes\n").getBytes(StandardCharsets.UTF_8);
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
      log(413, "Payload Too Large");
      response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    private void log(int status, String reason) {
      if (!LOG.isInfoEnabled()) {
        return;
      }
      long micros = (System.nanoTime() - startNanos) / 1000;
      StringBuilder line = new StringBuilder(64)
          .append(request.getMethod()).append(' ').append(request.getHttpURI().getPath()).append(' ')
          .append(status);
      if (reason != null && !reason.isEmpty()) {
        line.append(' ').append(reason);
      }
      line.append(" (").append(micros / 1000).append('.').append((micros % 1000) / 100).append("ms)");
      LOG.info(line.toString());
    }
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Body text of a 500 answer. */
  static final String INTERNAL_ERROR_BODY = "Internal Server Error (the cause is in Miniflare's log)\n";

  /**
   * The body of a 500 answer: the worker's JS error (name, message and JS stack, as workerd reports an uncaught
   * exception), or a generic text when the failure is Miniflare's own; a Java stack trace never reaches the client
   * (it is in the log).
   */
  static String errorBody(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof dev.miniflare.core.WorkerException worker) {
        return worker.getMessage() + "\n";
      }
      if (t instanceof dev.miniflare.core.JsErrorException js) {
        return js.jsName() + ": " + js.getMessage() + "\n";
      }
    }
    return INTERNAL_ERROR_BODY;
  }

  /** Reason phrases are a single line of visible characters. */
  private static String sanitizeReason(String reason) {
    StringBuilder sb = null;
    for (int i = 0; i < reason.length(); i++) {
      char c = reason.charAt(i);
      boolean ok = c == '\t' || (c >= 0x20 && c != 0x7f && c <= 0xff);
      if (!ok) {
        if (sb == null) {
          sb = new StringBuilder(reason.length()).append(reason, 0, i);
        }
        sb.append(c == '\r' || c == '\n' ? ' ' : '?');
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? reason : sb.toString();
  }

  /**
   * Jetty 12 core has no API for a custom reason phrase (it always sends the standard one), but its HTTP/1.1
   * generator writes {@link MetaData.Response#getReason()} when set: this stream wrapper sets it on the way out.
   */
  private static final class ReasonStream extends HttpStream.Wrapper {
    private final String reason;

    ReasonStream(HttpStream wrapped, String reason) {
      super(wrapped);
      this.reason = reason;
    }

    @Override
    public void send(MetaData.Request request, MetaData.Response response, boolean last, ByteBuffer content,
        Callback callback) {
      if (response != null && response.getReason() == null) {
        response = new MetaData.Response(response.getStatus(), reason, response.getHttpVersion(),
            response.getHttpFields(), response.getContentLength(), response.getTrailersSupplier());
      }
      super.send(request, response, last, content, callback);
    }
  }
}
