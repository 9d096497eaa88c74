package dev.miniflare.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Closes connections whose request head (request line and headers) is still incomplete after a deadline while
 * bytes keep trickling in: Jetty's idle timeout restarts on every byte, so a client sending one header byte every
 * few seconds would otherwise hold a connection (and its buffers) forever. A connection that sends nothing is left
 * to the idle timeout, so keep-alive connections waiting for their next request are not cut.
 *
 * <p>A connection is in its header phase from when it opens or its previous response completed until its next
 * request reaches the handler.
 */
final class HeaderPhaseGuard extends Handler.Wrapper implements Connection.Listener {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("dev.miniflare.server");
  private static final ScheduledExecutorService SWEEPER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "miniflare-http-header-timeout");
    t.setDaemon(true);
    return t;
  });

  /** When the header phase began and how many bytes the connection had read then. */
  private record HeaderPhase(long startNanos, long bytesInAtStart) {}

  private final long timeoutNanos;
  private final Map<Connection, HeaderPhase> waiting = new ConcurrentHashMap<>();
  private final java.util.concurrent.ScheduledFuture<?> sweep;

  HeaderPhaseGuard(Handler handler, java.time.Duration timeout) {
    super(handler);
    this.timeoutNanos = timeout.toNanos();
    long period = Math.max(50, Math.min(1000, timeout.toMillis() / 4));
    this.sweep = SWEEPER.scheduleWithFixedDelay(this::closeSlowHeads, period, period, TimeUnit.MILLISECONDS);
  }

  @Override
  public void onOpened(Connection connection) {
    waiting.put(connection, new HeaderPhase(System.nanoTime(), 0));
  }

  @Override
  public void onClosed(Connection connection) {
    waiting.remove(connection);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Connection connection = request.getConnectionMetaData().getConnection();
    waiting.remove(connection);
    Callback next = new Callback.Nested(callback) {
      @Override
      public void succeeded() {
        waitForNextHead(connection);
        super.succeeded();
      }

      @Override
      public void failed(Throwable x) {
        waitForNextHead(connection);
        super.failed(x);
      }
    };
    return super.handle(request, response, next);
  }

  private void waitForNextHead(Connection connection) {
    if (connection.getEndPoint().isOpen()) {
      waiting.put(connection, new HeaderPhase(System.nanoTime(), connection.getBytesIn()));
    }
  }

  private void closeSlowHeads() {
    long now = System.nanoTime();
    for (Map.Entry<Connection, HeaderPhase> e : waiting.entrySet()) {
      Connection connection = e.getKey();
      HeaderPhase phase = e.getValue();
      if (now - phase.startNanos() > timeoutNanos && connection.getBytesIn() > phase.bytesInAtStart()) {
        waiting.remove(connection, phase);
        LOG.warn("closed a connection from {}: its request headers were not complete after {} ms",
            connection.getEndPoint().getRemoteSocketAddress(), timeoutNanos / 1_000_000);
        connection.getEndPoint().close();
      }
    }
  }

  @Override
  protected void doStop() throws Exception {
    sweep.cancel(false);
    waiting.clear();
    super.doStop();
  }
}
