package dev.miniflare.server;

import dev.miniflare.http.Headers;
import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a request handler (normally {@code Miniflare::dispatchFetchAsync}) over HTTP/1.1 with Jetty 12's core
 * API: bodies are read asynchronously, the handler's future may complete on any thread, and one line is logged
 * per request.
 */
public final class MiniflareServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("dev.miniflare.server");
  private static final int MAX_BODY = 100 * 1024 * 1024;

  private final String host;
  private final int requestedPort;
  private final Function<Request, CompletableFuture<Response>> handler;
  private Server server;
  private ServerConnector connector;

  private MiniflareServer(Builder b) {
    this.host = b.host;
    this.requestedPort = b.port;
    this.handler = Objects.requireNonNull(b.handler, "handler");
  }

  /** A builder (default host 127.0.0.1, port 8787). */
  public static Builder builder() {
    return new Builder();
  }

  /** Binds and starts serving. */
  public MiniflareServer start() throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    threads.setName("miniflare-http");
    // Worker threads are daemons: the CLI keeps the JVM alive itself and stops the server on shutdown.
    threads.setDaemon(true);
    server = new Server(threads);
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    config.setSendXPoweredBy(false);
    connector = new ServerConnector(server, new HttpConnectionFactory(config));
    connector.setHost(host);
    connector.setPort(requestedPort);
    server.addConnector(connector);
    server.setHandler(new WorkerHandler());
    server.setStopTimeout(5_000);
    server.start();
    return this;
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** The server's base URL. */
  public URI url() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + h + ":" + port());
  }

  /** Stops accepting connections, lets in-flight requests finish (up to 5 s) and stops. */
  @Override
  public void close() {
    if (server == null) {
      return;
    }
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("stopping the HTTP server failed", e);
    }
  }

  private final class WorkerHandler extends Handler.Abstract {
    @Override
    public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
        Callback callback) {
      long started = System.nanoTime();
      String method = request.getMethod();
      String target = request.getHttpURI().getPathQuery();
      Content.Source.asByteArrayAsync(request, MAX_BODY)
          .thenCompose(body -> handler.apply(toRequest(request, body)))
          .whenComplete((res, error) -> {
            Response out = error == null ? res : errorResponse(error);
            write(request, response, callback, out);
            LOG.info("{} {} {} {} ({} ms)", method, target, out.status(), out.statusText(),
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e6));
          });
      return true;
    }
  }

  private static Request toRequest(org.eclipse.jetty.server.Request request, byte[] body) {
    String hostHeader = request.getHeaders().get("host");
    String authority = hostHeader != null && !hostHeader.isEmpty() ? hostHeader
        : org.eclipse.jetty.server.Request.getServerName(request) + ":"
            + org.eclipse.jetty.server.Request.getServerPort(request);
    String pathQuery = request.getHttpURI().getPathQuery();
    String url = "http://" + authority + (pathQuery == null || pathQuery.isEmpty() ? "/" : pathQuery);
    Headers.Builder headers = Headers.builder();
    for (HttpField field : request.getHeaders()) {
      headers.add(field.getName(), field.getValue());
    }
    Request.Builder b = Request.builder(url).method(request.getMethod()).headers(headers.build());
    if (body.length > 0) {
      b.bodyUnsafe(body);
    }
    return b.build();
  }

  private static void write(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
      Callback callback, Response out) {
    try {
      response.setStatus(out.status());
      HttpFields.Mutable fields = response.getHeaders();
      Headers headers = out.headers();
      for (int i = 0; i < headers.size(); i++) {
        String name = headers.name(i);
        if (name.equals("content-length") || name.equals("transfer-encoding") || name.equals("connection")) {
          continue; // framing is the server's job
        }
        fields.add(name, headers.value(i));
      }
      boolean noBody = HttpMethod.HEAD.is(request.getMethod()) || out.status() == 204 || out.status() == 304
          || out.status() < 200;
      byte[] body = out.bodyBytesUnsafe();
      if (noBody) {
        if (!HttpMethod.HEAD.is(request.getMethod())) {
          fields.remove("content-type");
        }
        response.write(true, null, callback);
      } else {
        fields.put("content-length", String.valueOf(body.length));
        response.write(true, ByteBuffer.wrap(body), callback);
      }
    } catch (RuntimeException e) {
      LOG.error("writing the response failed", e);
      callback.failed(e);
    }
  }

  private static Response errorResponse(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    LOG.error("request failed", cause);
    StringWriter trace = new StringWriter();
    cause.printStackTrace(new PrintWriter(trace));
    return Response.builder(500).header("content-type", "text/plain;charset=UTF-8")
        .body((cause.getMessage() == null ? cause.toString() : cause.getMessage()) + "\n\n" + trace)
        .build();
  }

  /** Builder of {@link MiniflareServer}. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 8787;
    private Function<Request, CompletableFuture<Response>> handler;

    private Builder() {}

    /** The address to listen on. */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** The port; 0 picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** What answers requests. */
    public Builder handler(Function<Request, CompletableFuture<Response>> handler) {
      this.handler = handler;
      return this;
    }

    /** The server, not yet started. */
    public MiniflareServer build() {
      return new MiniflareServer(this);
    }
  }

}
