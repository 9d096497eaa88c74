package dev.miniflare.server;

import dev.miniflare.http.Headers;
import dev.miniflare.http.WebSocket;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * Turns a worker's {@code 101} response with a WebSocket into a WebSocket upgrade of the HTTP connection (Jetty's
 * WebSocket server): frames from the client go to the worker's end, what the worker sends goes to the client,
 * close codes and reasons both ways. Jetty answers pings itself. When the client closes first, the close frame
 * Jetty sends back waits (up to a second) for the worker's own close, so the client sees the worker's code and
 * reason, as through workerd.
 */
final class WebSocketBridge {
  /** Headers of the worker's 101 response that the handshake sets itself. */
  private static final Set<String> HANDSHAKE_HEADERS = Set.of("connection", "upgrade", "sec-websocket-accept",
      "content-length", "transfer-encoding", "sec-websocket-extensions");

  private final ServerWebSocketContainer container;

  WebSocketBridge(ServerWebSocketContainer container) {
    this.container = container;
    // worker messages may be large (workerd allows 1 MiB); Jetty's defaults are 64 KiB
    container.setMaxTextMessageSize(32L * 1024 * 1024);
    container.setMaxBinaryMessageSize(32L * 1024 * 1024);
    container.setIdleTimeout(java.time.Duration.ZERO); // as workerd: an idle socket stays open
  }

  /** Whether the request asks for a WebSocket upgrade. */
  static boolean isUpgrade(Request request) {
    String upgrade = request.getHeaders().get(HttpHeader.UPGRADE);
    return upgrade != null && upgrade.equalsIgnoreCase("websocket");
  }

  /**
   * Upgrades the connection and links it to the worker's end; false when the request is not a valid WebSocket
   * handshake (Jetty then has not written anything).
   */
  boolean upgrade(Request request, Response response, Callback callback, dev.miniflare.http.Response workerResponse) {
    WebSocket socket = workerResponse.webSocket();
    return container.upgrade((upgradeRequest, upgradeResponse, upgradeCallback) -> {
      Headers headers = workerResponse.headers();
      for (int i = 0, n = headers.size(); i < n; i++) {
        if (!HANDSHAKE_HEADERS.contains(headers.name(i))) {
          upgradeResponse.getHeaders().add(headers.name(i), headers.value(i));
        }
      }
      String protocol = workerResponse.header("sec-websocket-protocol");
      if (protocol != null) {
        upgradeResponse.setAcceptedSubProtocol(protocol);
      }
      return new WebSocketEndpoint(socket);
    }, request, response, callback);
  }
}
