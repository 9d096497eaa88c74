package dev.miniflare.core;

import dev.miniflare.http.WebSocket;
import dev.miniflare.http.WebSocket.Close;
import dev.miniflare.http.WebSocket.Message;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * The host side of {@code web/websocket.js}: links a JS WebSocket end to a Java {@link WebSocket} when a pair's
 * end leaves the isolate (a {@code 101} response) or arrives from outside (a subrequest's {@code 101}). Whatever
 * comes from Java is queued on the isolate's loop; JS never runs on the sender's thread. When the isolate closes
 * (runtime torn down, test scope ended), every link still open gets an unclean close (1006), so clients notice.
 */
public final class WebSocketHost {
  private final Isolate isolate;
  private final Set<WebSocket> open = ConcurrentHashMap.newKeySet();

  WebSocketHost(Isolate isolate) {
    this.isolate = isolate;
  }

  /**
   * A Java end for a JS end leaving the isolate: what its holder sends is queued to {@code onMessage(text, bytes)}
   * and {@code onClose(code, reason, wasClean)} in this isolate.
   */
  @HostAccess.Export
  public WebSocket export(Value onMessage, Value onClose) {
    WebSocket[] self = new WebSocket[1];
    self[0] = WebSocket.linkedTo(new WebSocket.Remote() {
      @Override
      public void send(Message message) {
        isolate.executeOrDrop(() -> deliver(onMessage, message));
      }

      @Override
      public void close(Close close) {
        open.remove(self[0]);
        isolate.executeOrDrop(() -> onClose.executeVoid(close.code(), close.reason(), close.wasClean()));
      }
    });
    open.add(self[0]);
    return self[0];
  }

  /** Starts receiving (on this isolate's loop) what the far end of a Java end arriving from outside sends. */
  @HostAccess.Export
  public void listen(WebSocket socket, Value onMessage, Value onClose) {
    socket.listen(new WebSocket.Listener() {
      @Override
      public void onMessage(Message message) {
        isolate.executeOrDrop(() -> deliver(onMessage, message));
      }

      @Override
      public void onClose(Close close) {
        isolate.executeOrDrop(() -> onClose.executeVoid(close.code(), close.reason(), close.wasClean()));
      }
    });
  }

  /** A JS end exported by this isolate sends to the Java holder. */
  @HostAccess.Export
  public void sendToHolder(WebSocket socket, Value data, int offset, int length) {
    socket.deliverMessage(message(data, offset, length));
  }

  /** A JS end exported by this isolate closes: the Java holder gets the close frame. */
  @HostAccess.Export
  public void closeToHolder(WebSocket socket, int code, String reason) {
    open.remove(socket);
    socket.deliverClose(new Close(code, reason, true));
  }

  /** A JS end holding a Java end from outside sends to the far end. */
  @HostAccess.Export
  public void sendToOrigin(WebSocket socket, Value data, int offset, int length) {
    socket.sendMessage(message(data, offset, length));
  }

  /** A JS end holding a Java end from outside closes it. */
  @HostAccess.Export
  public void closeToOrigin(WebSocket socket, int code, String reason) {
    socket.close(code, reason);
  }

  /** Closes (1006, unclean) every exported end whose JS side had not closed: the isolate is going away. */
  void closeAll() {
    for (WebSocket socket : open) {
      socket.deliverClose(new Close(1006, "", false));
    }
    open.clear();
  }

  private static Message message(Value data, int offset, int length) {
    return data.isString() ? Message.ofText(data.asString()) : Message.ofBytes(JsBytes.read(data, offset, length));
  }

  private static void deliver(Value onMessage, Message message) {
    if (message.isText()) {
      onMessage.executeVoid(message.text(), null);
    } else {
      onMessage.executeVoid(null, ByteBuffer.wrap(message.bytes()));
    }
  }
}
