package dev.miniflare.services;

import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import dev.miniflare.http.WebSocket.Close;
import dev.miniflare.http.WebSocket.Message;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A worker's {@code fetch(url, { headers: { Upgrade: "websocket" } })} to the network: the JDK's WebSocket client
 * connects, and the worker gets a {@code 101} response whose {@code webSocket} is linked to that connection. A
 * refused handshake gives the server's status (the JDK keeps no body).
 */
final class OutboundWebSocket {
  /** Headers the JDK's WebSocket builder sets itself and refuses. */
  private static final Set<String> HANDSHAKE_HEADERS = Set.of("connection", "content-length", "expect", "host",
      "upgrade", "sec-websocket-accept", "sec-websocket-extensions", "sec-websocket-key", "sec-websocket-protocol",
      "sec-websocket-version");

  private OutboundWebSocket() {}

  /** Whether the request asks for a WebSocket. */
  static boolean isUpgrade(Request request) {
    String upgrade = request.headers().get("upgrade");
    return upgrade != null && upgrade.equalsIgnoreCase("websocket");
  }

  static CompletableFuture<Response> connect(HttpClient client, Request request) {
    URI uri;
    try {
      String url = request.url(); // http(s) only: fetch refused other schemes already
      uri = URI.create(url.startsWith("https:") ? "wss:" + url.substring(6) : "ws:" + url.substring(5));
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("Fetch API cannot load: " + request.url()));
    }
    WebSocket.Builder builder = client.newWebSocketBuilder();
    for (Map.Entry<String, String> h : request.headers().entries()) {
      if (!HANDSHAKE_HEADERS.contains(h.getKey())) {
        builder.header(h.getKey(), h.getValue());
      }
    }
    String protocols = request.headers().get("sec-websocket-protocol");
    if (protocols != null && !protocols.isBlank()) {
      String[] list = protocols.split("\\s*,\\s*");
      builder.subprotocols(list[0].trim(), java.util.Arrays.copyOfRange(list, 1, list.length));
    }
    Link link = new Link();
    return builder.buildAsync(uri, link).handle((ws, error) -> {
      if (error != null) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof WebSocketHandshakeException handshake) {
          return Response.status(handshake.getResponse().statusCode());
        }
        throw new CompletionException(cause);
      }
      link.socket = ws;
      Response.Builder b = Response.builder(101).header("upgrade", "websocket").webSocket(link.end);
      if (!ws.getSubprotocol().isEmpty()) {
        b.header("sec-websocket-protocol", ws.getSubprotocol());
      }
      return b.build();
    });
  }

  /** The JDK connection and the worker-facing end, with sends kept in order (the JDK allows one at a time). */
  private static final class Link implements WebSocket.Listener {
    volatile WebSocket socket;
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);
    private final StringBuilder text = new StringBuilder();
    private java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
    final dev.miniflare.http.WebSocket end = dev.miniflare.http.WebSocket.linkedTo(new dev.miniflare.http.WebSocket.Remote() {
      @Override
      public void send(Message message) {
        enqueue(() -> message.isText() ? socket.sendText(message.text(), true)
            : socket.sendBinary(ByteBuffer.wrap(message.bytes()), true));
      }

      @Override
      public void close(Close close) {
        if (!close.wasClean()) {
          socket.abort();
          return;
        }
        int code = close.code() == 1005 ? WebSocket.NORMAL_CLOSURE : close.code();
        enqueue(() -> socket.sendClose(code, close.reason()));
      }
    });

    private synchronized void enqueue(java.util.function.Supplier<CompletableFuture<WebSocket>> send) {
      lastSend = lastSend.handle((v, e) -> null).thenCompose(v -> send.get());
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        end.deliverMessage(Message.ofText(text.toString()));
        text.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      byte[] chunk = new byte[data.remaining()];
      data.get(chunk);
      binary.writeBytes(chunk);
      if (last) {
        end.deliverMessage(Message.ofBytes(binary.toByteArray()));
        binary = new java.io.ByteArrayOutputStream();
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      end.deliverClose(new Close(statusCode == -1 ? 1005 : statusCode, reason, true));
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      end.deliverClose(new Close(1006, "", false));
    }
  }
}
