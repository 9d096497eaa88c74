package dev.miniflare.server;

import dev.miniflare.http.WebSocket;
import dev.miniflare.http.WebSocket.Close;
import dev.miniflare.http.WebSocket.Message;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One client connection of {@link MiniflareServer} linked to a worker's WebSocket end (Jetty calls it; public only
 * because Jetty finds listener methods through a public lookup).
 */
public final class WebSocketEndpoint implements Session.Listener.AutoDemanding {
  private static final long CLOSE_REPLY_WAIT_MS = 1000;
  private static final java.util.concurrent.ScheduledExecutorService TIMER =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "miniflare-websocket-close");
        t.setDaemon(true);
        return t;
      });

  private final WebSocket socket;
  private final AtomicBoolean workerClosed = new AtomicBoolean();
  private volatile Session session;
  private volatile org.eclipse.jetty.websocket.api.Callback pendingCloseReply;

  WebSocketEndpoint(WebSocket socket) {
    this.socket = socket;
  }

  @Override
  public void onWebSocketOpen(Session session) {
    this.session = session;
    socket.listen(new WebSocket.Listener() {
      @Override
      public void onMessage(Message message) {
        if (message.isText()) {
          session.sendText(message.text(), org.eclipse.jetty.websocket.api.Callback.NOOP);
        } else {
          session.sendBinary(ByteBuffer.wrap(message.bytes()), org.eclipse.jetty.websocket.api.Callback.NOOP);
        }
      }

      @Override
      public void onClose(Close close) {
        workerClosed.set(true);
        org.eclipse.jetty.websocket.api.Callback reply = pendingCloseReply;
        if (close.wasClean()) {
          session.close(close.code(), close.reason(), org.eclipse.jetty.websocket.api.Callback.NOOP);
        } else {
          session.close(1011, "", org.eclipse.jetty.websocket.api.Callback.NOOP); // the worker's runtime went away
        }
        if (reply != null) {
          reply.succeed();
        }
      }
    });
  }

  @Override
  public void onWebSocketText(String message) {
    socket.sendMessage(Message.ofText(message));
  }

  @Override
  public void onWebSocketBinary(ByteBuffer payload, org.eclipse.jetty.websocket.api.Callback callback) {
    byte[] bytes = new byte[payload.remaining()];
    payload.get(bytes);
    callback.succeed();
    socket.sendMessage(Message.ofBytes(bytes));
  }

  @Override
  public void onWebSocketClose(int code, String reason, org.eclipse.jetty.websocket.api.Callback callback) {
    if (workerClosed.get()) {
      callback.succeed(); // the client answered the worker's close
      closeWorkerEnd(code, reason);
      return;
    }
    // the client closes first: the worker gets the close event; Jetty's answering close frame waits for the
    // worker's close (its code and reason), or goes after a second with the client's own code
    pendingCloseReply = callback;
    closeWorkerEnd(code, reason);
    TIMER.schedule(() -> {
      if (pendingCloseReply == callback && !workerClosed.get()) {
        callback.succeed();
      }
    }, CLOSE_REPLY_WAIT_MS, TimeUnit.MILLISECONDS);
  }

  private void closeWorkerEnd(int code, String reason) {
    if (code == 1006) {
      socket.disconnect(); // no close frame: the connection dropped
    } else {
      socket.close(code, reason);
    }
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    RequestBridge.LOG.debug("WebSocket connection failed", cause);
    socket.disconnect();
  }
}
