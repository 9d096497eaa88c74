package dev.miniflare.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.miniflare.Miniflare;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real WebSocket client (the JDK's {@link java.net.http.WebSocket}) against a worker served by
 * {@link MiniflareServer}: the upgrade, frames both ways, close codes and reasons, pings.
 */
class WebSocketServerTest {
  private static final String WORKER = """
      export default { async fetch(req) {
        const url = new URL(req.url);
        if (req.headers.get('upgrade') !== 'websocket') {
          if (url.pathname === '/sneaky') {
            const [client, server] = Object.values(new WebSocketPair());
            server.accept();
            return new Response(null, { status: 101, webSocket: client });
          }
          return new Response('expected a websocket upgrade', { status: 426 });
        }
        if (url.pathname === '/refuse') return new Response('no', { status: 403 });
        const [client, server] = Object.values(new WebSocketPair());
        server.accept();
        if (url.pathname === '/greet') server.send('hello');
        server.addEventListener('message', (e) => {
          if (e.data === 'close') { server.close(4000, 'bye'); return; }
          if (e.data === 'close-bare') { server.close(); return; }
          server.send(typeof e.data === 'string' ? 'echo:' + e.data : new Uint8Array(e.data).reverse());
        });
        server.addEventListener('close', (e) => server.close(e.code, 'back:' + e.reason));
        return new Response(null, { status: 101, webSocket: client, headers: { 'x-worker': 'yes' } });
      } };
      """;

  private static Miniflare mf;
  private static MiniflareServer server;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    mf = Miniflare.builder().worker(w -> w.modules(true).script(WORKER).compatibilityDate("2024-09-23")).build();
    server = MiniflareServer.builder().port(0).handler(mf::dispatchFetchAsync).build().start();
  }

  @AfterAll
  static void stop() {
    server.close();
    mf.close();
  }

  /** Records what the client receives. */
  private static final class Recorder implements WebSocket.Listener {
    final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        events.add(text.toString());
        text.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      byte[] bytes = new byte[data.remaining()];
      data.get(bytes);
      events.add(List.of(bytes.length, bytes.length > 0 ? bytes[0] : -1));
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
      events.add("pong:" + java.nio.charset.StandardCharsets.UTF_8.decode(message));
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      events.add("close:" + statusCode + ":" + reason);
      return null;
    }

    Object next() throws InterruptedException {
      Object e = events.poll(10, TimeUnit.SECONDS);
      if (e == null) {
        throw new AssertionError("nothing received within 10 s");
      }
      return e;
    }
  }

  private static WebSocket connect(String path, Recorder recorder) {
    return CLIENT.newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + path), recorder).join();
  }

  @Test
  void framesBothWaysAndTheWorkersCloseReason() throws Exception {
    Recorder r = new Recorder();
    WebSocket ws = connect("/greet", r);
    assertEquals("hello", r.next());
    ws.sendText("a", true).join();
    assertEquals("echo:a", r.next());
    ws.sendText("b\u2713", true).join();
    assertEquals("echo:b\u2713", r.next());
    ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
    assertEquals(List.of(3, (byte) 3), r.next());
    ws.sendPing(ByteBuffer.wrap("p".getBytes())).join();
    assertEquals("pong:p", r.next());
    ws.sendClose(1000, "done").join();
    // the worker answers the close with its own reason, and the client sees that one
    assertEquals("close:1000:back:done", r.next());
  }

  @Test
  void workerInitiatedClose() throws Exception {
    Recorder r = new Recorder();
    WebSocket ws = connect("/echo", r);
    ws.sendText("close", true).join();
    assertEquals("close:4000:bye", r.next());
  }

  @Test
  void closeWithoutACodeReachesTheClientAsNoStatus() throws Exception {
    Recorder r = new Recorder();
    WebSocket ws = connect("/echo", r);
    ws.sendText("close-bare", true).join();
    // an empty close frame: 1005 at the client, recorded with Miniflare 4 (dispatchFetch and a ws client over HTTP)
    assertEquals("close:1005:", r.next());
  }

  @Test
  void plainRequestsStillWork() throws Exception {
    HttpResponse<String> res = CLIENT.send(java.net.http.HttpRequest.newBuilder(server.url().resolve("/echo")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(426, res.statusCode());
    assertEquals("expected a websocket upgrade", res.body());
  }

  @Test
  void aWebSocketForAPlainRequestIsA500() throws Exception {
    HttpResponse<String> res = CLIENT.send(java.net.http.HttpRequest.newBuilder(server.url().resolve("/sneaky")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(500, res.statusCode());
    assertTrue(res.body().contains("Worker tried to return a WebSocket in a response to a request which did not"
        + " contain the header \"Upgrade: websocket\"."), res.body());
  }

  @Test
  void aRefusedUpgradeFailsTheHandshakeWithTheWorkersStatus() {
    CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
        () -> CLIENT.newWebSocketBuilder()
            .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/refuse"), new Recorder()).join());
    WebSocketHandshakeException handshake = (WebSocketHandshakeException) e.getCause();
    assertEquals(403, handshake.getResponse().statusCode());
  }

  @Test
  void outboundFetchWithUpgradeConnectsToARemoteServer() {
    // a second worker fetches the served worker with "Upgrade: websocket" (the JDK's WebSocket client underneath)
    String caller = """
        export default { async fetch(req, env) {
          const res = await fetch(env.TARGET, { headers: { upgrade: "websocket" } });
          const ws = res.webSocket;
          ws.accept();
          const got = [];
          const done = new Promise((resolve) => {
            ws.addEventListener("message", (e) => { got.push(e.data); if (got.length === 2) ws.close(1000, "enough"); });
            ws.addEventListener("close", (e) => resolve([e.code, e.reason]));
          });
          ws.send("from caller");
          const close = await done;
          return Response.json({ status: res.status, got, close });
        } };
        """;
    try (Miniflare other = Miniflare.builder().worker(w -> w.modules(true).script(caller)
        .compatibilityDate("2024-09-23").binding("TARGET", server.url().resolve("/greet").toString())).build()) {
      assertEquals("{\"status\":101,\"got\":[\"hello\",\"echo:from caller\"],\"close\":[1000,\"back:enough\"]}",
          other.dispatchFetch("http://localhost/").text());
    }
  }
}
