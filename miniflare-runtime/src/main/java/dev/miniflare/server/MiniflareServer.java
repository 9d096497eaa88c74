package dev.miniflare.server;

import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Serves a request handler over HTTP/1.1 with Jetty 12, as {@code wrangler dev} / Miniflare serve a worker.
 *
 * <pre>{@code
 * try (MiniflareServer server = MiniflareServer.builder()
 *     .port(0)
 *     .handler(request -> CompletableFuture.completedFuture(Response.text("hello")))
 *     .build()) {
 *   server.start();
 *   System.out.println("Ready on " + server.url());
 *   server.join(); // the server's threads are daemon threads: block the main thread while serving
 * }
 * }</pre>
 *
 * <p>Each incoming request becomes a {@link Request} with the absolute URL {@code http://<Host header><raw path and
 * query>} (never decoded or re-encoded), every header in order (lower-cased names, repeated headers kept) and the
 * fully read body. The handler is called on a Jetty pool thread (never a selector thread), so it may block; its
 * future may complete on any thread. If the handler throws or its future fails, the client gets a 500
 * {@code text/plain} response carrying the worker's JS error (or a generic text for other failures: never a Java
 * stack trace), and the failure is logged at ERROR. Every request is logged at
 * INFO on the SLF4J logger {@code dev.miniflare.server}, as Miniflare does: {@code GET /path 200 OK (3.2ms)}.
 *
 * <p>A {@code 101} response carrying a {@link dev.miniflare.http.WebSocket} (a worker's {@code new Response(null,
 * { status: 101, webSocket })}) to a request with {@code Upgrade: websocket} upgrades the connection: frames flow
 * between the client and the worker's end, close codes and reasons both ways, pings answered by the server.
 *
 * <p>Threads are named {@code miniflare-http-N} and are <b>daemon</b> threads, so a server that is never closed
 * (in a test, say) cannot keep the JVM alive; a command-line launcher must therefore block in {@link #join()} (or
 * otherwise keep a non-daemon thread alive) and call {@link #close()} on shutdown.
 */
public final class MiniflareServer implements AutoCloseable {
  /** The default host, {@code 127.0.0.1}. */
  public static final String DEFAULT_HOST = "127.0.0.1";
  /** The default port, {@code 8787} (as wrangler's). */
  public static final int DEFAULT_PORT = 8787;
  /** The default time {@link #close()} lets in-flight requests finish. */
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);
  /** The default request body limit, 100 MiB (the Workers free plan's limit). */
  public static final long DEFAULT_MAX_REQUEST_BODY_BYTES = 100L * 1024 * 1024;
  /** The default time a client has to send a request's line and headers once it started: 10 seconds. */
  public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
  /** The default idle timeout of a connection (no byte in either direction): 30 seconds. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
  /** The default number of open connections beyond which new ones wait to be accepted. */
  public static final int DEFAULT_MAX_CONNECTIONS = 1024;
  /** Smallest rate (bytes/s) a request body may arrive at, past the first second, before the request fails. */
  static final long MIN_REQUEST_BODY_RATE = 1024;

  private final String host;
  private final int configuredPort;
  private final Server server;
  private final ServerConnector connector;
  private final GracefulHandler graceful;
  private final Duration shutdownTimeout;
  private final Object lock = new Object();
  private volatile State state = State.NEW;
  private volatile int boundPort = -1;

  private enum State { NEW, STARTED, CLOSED }

  private MiniflareServer(Builder b) {
    this.host = b.host;
    this.configuredPort = b.port;

    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("miniflare-http");
    threads.setDaemon(true);
    this.server = new Server(threads);
    server.setStopTimeout(0); // close() does the graceful part itself
    this.shutdownTimeout = b.shutdownTimeout;
    server.setStopAtShutdown(false);

    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    config.setSendXPoweredBy(false);
    config.setSendDateHeader(true);
    // Workers see paths exactly as sent (%2F, "//", dot segments...), so don't reject "ambiguous" URIs.
    config.setUriCompliance(UriCompliance.UNSAFE);
    config.setRequestHeaderSize(64 * 1024);
    // A body trickling in slower than this ties up a connection and its buffer: fail it (Jetty answers 408).
    config.setMinRequestDataRate(MIN_REQUEST_BODY_RATE);
    config.setResponseHeaderSize(64 * 1024);

    this.connector = new ServerConnector(server, new HttpConnectionFactory(config));
    connector.setHost(host);
    connector.setPort(configuredPort);
    // once shutting down, connections get this idle timeout: don't let it cut in-flight requests short
    connector.setShutdownIdleTimeout(Math.max(1, b.shutdownTimeout.toMillis()));
    connector.setIdleTimeout(b.idleTimeout.toMillis());
    server.addConnector(connector);
    // Bounded per server: past this many open connections Jetty stops accepting until some close.
    server.addBean(new org.eclipse.jetty.server.NetworkConnectionLimit(b.maxConnections, connector));

    RequestBridge bridge = new RequestBridge(b.handler, host, b.maxRequestBodyBytes,
        new WebSocketBridge(org.eclipse.jetty.websocket.server.ServerWebSocketContainer.ensure(server)));
    HeaderPhaseGuard headerGuard = new HeaderPhaseGuard(bridge, b.headerTimeout);
    connector.addBean(headerGuard); // as a Connection.Listener: sees every connection open and close
    this.graceful = new GracefulHandler(headerGuard);
    server.setHandler(graceful);
  }

  /** A builder with host {@code 127.0.0.1} and port {@code 8787}; a handler is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds the port and starts serving.
   *
   * @throws IllegalStateException if already started or closed
   * @throws java.io.UncheckedIOException (or another runtime exception) if the port cannot be bound
   */
  public MiniflareServer start() {
    synchronized (lock) {
      if (state != State.NEW) {
        throw new IllegalStateException("server already " + (state == State.STARTED ? "started" : "closed"));
      }
      try {
        server.start();
      } catch (Exception e) {
        try {
          server.stop();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
        state = State.CLOSED;
        if (e instanceof java.io.IOException io) {
          throw new java.io.UncheckedIOException("cannot listen on " + host + ":" + configuredPort + ": " + io.getMessage(), io);
        }
        throw e instanceof RuntimeException re ? re : new IllegalStateException("cannot start server", e);
      }
      boundPort = connector.getLocalPort();
      state = State.STARTED;
      return this;
    }
  }

  /** The bound port (the picked one when configured with port 0). */
  public int port() {
    int p = boundPort;
    if (p < 0) {
      throw new IllegalStateException("server not started");
    }
    return p;
  }

  /** The host the server listens on. */
  public String host() {
    return host;
  }

  /** The server's base URL, {@code http://host:port/}. */
  public URI url() {
    String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    return URI.create("http://" + h + ":" + port() + "/");
  }

  /** Whether the server is started and not closed. */
  public boolean isRunning() {
    return state == State.STARTED;
  }

  /** Blocks until the server is closed (from another thread or a shutdown hook). */
  public void join() throws InterruptedException {
    server.join();
  }

  /**
   * Stops the server gracefully: stops accepting connections, answers new requests on open connections with 503,
   * lets in-flight requests finish for up to the shutdown timeout, then stops. Idempotent.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
      // Jetty's own graceful stop (Server.setStopTimeout) also waits for idle keep-alive connections to time out,
      // which would make every close() take a second: stop accepting, wait for in-flight requests only (new
      // requests on open connections get 503 meanwhile), then stop hard, closing the remaining connections.
      try {
        connector.shutdown();
        graceful.shutdown().get(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        RequestBridge.LOG.warn("{} in-flight request(s) did not finish within {} ms of shutdown and were aborted",
            graceful.getCurrentRequestCount(), shutdownTimeout.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException e) {
        RequestBridge.LOG.warn("graceful shutdown failed", e.getCause());
      }
      try {
        server.stop();
      } catch (Exception e) {
        throw new IllegalStateException("error stopping server", e);
      }
    }
  }

  @Override
  public String toString() {
    return "MiniflareServer[" + host + ":" + (boundPort < 0 ? configuredPort : boundPort) + ", " + state + "]";
  }

  /** Builder of {@link MiniflareServer}. */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private Function<? super Request, ? extends CompletionStage<Response>> handler;
    private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
    private long maxRequestBodyBytes = DEFAULT_MAX_REQUEST_BODY_BYTES;
    private Duration headerTimeout = DEFAULT_HEADER_TIMEOUT;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;

    private Builder() {}

    /**
     * How long a client may take to send a request's line and headers once their first byte arrived (10 s by
     * default); a slower client is disconnected. Idle keep-alive connections are governed by
     * {@link #idleTimeout} instead.
     */
    public Builder headerTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the header timeout must be positive");
      }
      this.headerTimeout = timeout;
      return this;
    }

    /** How long a connection may stay without traffic before it is closed (30 s by default). */
    public Builder idleTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the idle timeout must be positive");
      }
      this.idleTimeout = timeout;
      return this;
    }

    /** How many connections may be open at once (1024 by default); more wait to be accepted. */
    public Builder maxConnections(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("at least one connection");
      }
      this.maxConnections = max;
      return this;
    }

    /** The host or address to listen on, {@code 127.0.0.1} by default ({@code 0.0.0.0} for every interface). */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port, {@code 8787} by default; {@code 0} picks a free port (see {@link MiniflareServer#port()}). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be in 0..65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The request handler. It is called on a Jetty pool thread and may block; the returned future may complete on
     * any thread. Throwing, returning {@code null} or failing the future gives a 500 response.
     */
    public Builder handler(Function<? super Request, ? extends CompletionStage<Response>> handler) {
      this.handler = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /** How long {@link MiniflareServer#close()} lets in-flight requests finish, 2 seconds by default. */
    public Builder shutdownTimeout(Duration timeout) {
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("negative shutdown timeout");
      }
      this.shutdownTimeout = timeout;
      return this;
    }

    /** Requests with a larger body get 413 without reaching the handler; 100 MiB by default. */
    public Builder maxRequestBodyBytes(long max) {
      if (max < 0) {
        throw new IllegalArgumentException("negative limit");
      }
      this.maxRequestBodyBytes = max;
      return this;
    }

    /** The server, not yet started. */
    public MiniflareServer build() {
      if (handler == null) {
        throw new IllegalStateException("a handler is required");
      }
      return new MiniflareServer(this);
    }
  }
}
