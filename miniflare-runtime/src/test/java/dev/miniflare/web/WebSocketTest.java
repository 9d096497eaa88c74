package dev.miniflare.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.miniflare.Miniflare;
import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import dev.miniflare.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WebSocketPair / WebSocket in a worker, and the Java end of a worker's 101 response. Expected values (error types
 * and texts, ready states, event order) were recorded on Miniflare 4 / workerd 1.20260426 with the same code.
 */
class WebSocketTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static final String WORKER = """
      async function attempt(fn) {
        try { const v = await fn(); return { ok: v === undefined ? 'undefined' : String(v) }; }
        catch (e) { return { error: e?.name, message: e?.message }; }
      }
      const tick = () => new Promise((r) => setTimeout(r, 5));
      export default { async fetch(req) {
        const url = new URL(req.url);
        if (url.pathname === '/api') {
          const pair = new WebSocketPair();
          const [c, s] = Object.values(pair);
          const out = { keys: Object.keys(pair), readyState: s.readyState, binaryType: s.binaryType, url: s.url,
            protocol: s.protocol, consts: [WebSocket.CONNECTING, WebSocket.OPEN, WebSocket.CLOSING, WebSocket.CLOSED,
            s.READY_STATE_CLOSED], onmessage: 'onmessage' in s };
          out.sendBeforeAccept = await attempt(() => s.send('x'));
          s.accept();
          out.acceptTwice = await attempt(() => s.accept());
          out.sendNoArg = await attempt(() => s.send());
          out.close999 = await attempt(() => s.close(999));
          out.close1005 = await attempt(() => s.close(1005));
          out.close5000 = await attempt(() => s.close(5000));
          out.reasonNoCode = await attempt(() => s.close(undefined, 'r'));
          s.binaryType = 'foo'; out.btFoo = s.binaryType;
          s.binaryType = 'blob'; out.btBlob = s.binaryType;
          out.close1000 = await attempt(() => s.close(1000, 'bye'));
          out.afterClose = s.readyState;
          out.sendAfterClose = await attempt(() => s.send('x'));
          out.closeTwice = await attempt(() => s.close(1000));
          out.status200 = await attempt(() => new Response(null, { status: 200, webSocket: c }).status);
          out.noStatus = await attempt(() => new Response(null, { webSocket: c }).status);
          out.withBody = await attempt(() => new Response('x', { status: 101, webSocket: c }).status);
          out.notWs = await attempt(() => new Response(null, { status: 101, webSocket: {} }).status);
          out.no101 = await attempt(() => new Response(null, { status: 101 }).status);
          const r = new Response(null, { status: 101, webSocket: c });
          out.response = [r.status, r.statusText, r.ok, r.webSocket === c];
          out.clone = await attempt(() => r.clone());
          return Response.json(out);
        }
        if (url.pathname === '/local') {
          const [a, b] = Object.values(new WebSocketPair());
          const log = [];
          a.accept();
          a.send('early');
          b.addEventListener('message', (e) => log.push(['b', typeof e.data,
            e.data instanceof ArrayBuffer ? [...new Uint8Array(e.data)] : e.data]));
          a.addEventListener('close', (e) => log.push(['a-close', e.code, e.reason, e.wasClean, a.readyState]));
          b.addEventListener('close', (e) => log.push(['b-close', e.code, e.reason, e.wasClean, b.readyState]));
          b.accept();
          a.send('t'); a.send(new Uint8Array([1, 2, 3])); a.send(new Uint16Array([258]).buffer); a.send(5);
          log.push(['sync']);
          await tick();
          a.close(4001, 'r1');
          log.push(['after-close', a.readyState, b.readyState]);
          await tick();
          log.push(['after-receive', b.readyState]);
          b.close(4002, 'r2');
          await tick();
          log.push(['final', a.readyState, b.readyState]);
          return Response.json(log);
        }
        const [client, server] = Object.values(new WebSocketPair());
        server.accept();
        if (url.pathname === '/greet') server.send('hello');
        server.addEventListener('message', (e) => {
          if (e.data === 'close') { server.close(4000, 'bye'); return; }
          server.send(typeof e.data === 'string' ? 'echo:' + e.data : new Uint8Array(e.data).reverse());
        });
        server.addEventListener('close', (e) => server.close(e.code, 'back:' + e.reason));
        return new Response(null, { status: 101, webSocket: client });
      } };
      """;

  private static Miniflare mf;

  @BeforeAll
  static void start() {
    mf = Miniflare.builder().worker(w -> w.modules(true).script(WORKER).compatibilityDate("2024-09-23")).build();
  }

  @AfterAll
  static void stop() {
    mf.close();
  }

  private static WebSocket connect(String path) {
    Response res = mf.dispatchFetch(Request.builder("http://localhost" + path).header("upgrade", "websocket").build());
    assertEquals(101, res.status());
    assertNotNull(res.webSocket(), "a 101 response carries the client end");
    return res.webSocket();
  }

  @SuppressWarnings("unchecked")
  @Test
  void apiAndErrorsAsOnWorkerd() {
    Map<String, Object> out = mf.dispatchFetch("http://localhost/api").json(Map.class);
    assertEquals(List.of("0", "1"), out.get("keys"));
    assertEquals(1, out.get("readyState"));
    assertEquals("arraybuffer", out.get("binaryType"));
    assertNull(out.get("url"));
    assertEquals("", out.get("protocol"));
    assertEquals(List.of(0, 1, 2, 3, 3), out.get("consts"));
    assertEquals(false, out.get("onmessage"));
    assertEquals(Map.of("error", "TypeError", "message",
        "You must call one of accept() or state.acceptWebSocket() on this WebSocket before sending messages."),
        out.get("sendBeforeAccept"));
    assertEquals(Map.of("ok", "undefined"), out.get("acceptTwice"));
    assertEquals(Map.of("error", "TypeError", "message",
        "Failed to execute 'send' on 'WebSocket': parameter 1 is not of type 'ArrayBuffer or ArrayBufferView or string'."),
        out.get("sendNoArg"));
    assertEquals(Map.of("error", "InvalidAccessError", "message", "Invalid WebSocket close code: 999."), out.get("close999"));
    assertEquals(Map.of("error", "InvalidAccessError", "message", "Invalid WebSocket close code: 1005."), out.get("close1005"));
    assertEquals(Map.of("error", "InvalidAccessError", "message", "Invalid WebSocket close code: 5000."), out.get("close5000"));
    assertEquals(Map.of("error", "InvalidAccessError", "message",
        "If you specify a WebSocket close reason, you must also specify a code."), out.get("reasonNoCode"));
    assertEquals("arraybuffer", out.get("btFoo"));
    assertEquals("blob", out.get("btBlob"));
    assertEquals(Map.of("ok", "undefined"), out.get("close1000"));
    assertEquals(2, out.get("afterClose"));
    assertEquals(Map.of("error", "TypeError", "message", "Can't call WebSocket send() after close()."),
        out.get("sendAfterClose"));
    assertEquals(Map.of("ok", "undefined"), out.get("closeTwice"));
    Map<String, String> needs101 = Map.of("error", "RangeError", "message", "Responses with a WebSocket must have status code 101.");
    assertEquals(needs101, out.get("status200"));
    assertEquals(needs101, out.get("noStatus"));
    assertEquals(Map.of("error", "TypeError", "message",
        "Response with null body status (101, 204, 205, or 304) cannot have a body."), out.get("withBody"));
    assertEquals(Map.of("error", "TypeError", "message",
        "Incorrect type for the 'webSocket' field on 'InitializerDict': the provided value is not of type 'WebSocket'."),
        out.get("notWs"));
    assertEquals(Map.of("error", "RangeError", "message",
        "Responses may only be constructed with status codes in the range 200 to 599, inclusive."), out.get("no101"));
    assertEquals(List.of(101, "Switching Protocols", false, true), out.get("response"));
    assertEquals(Map.of("error", "TypeError", "message", "Cannot clone a response to a WebSocket handshake."), out.get("clone"));
  }

  @Test
  void pairEndsInOneIsolateDeliverAfterTheSenderAndCloseLikeWorkerd() {
    // workerd's log for the same code: buffered until accept(), delivery after the synchronous code, readyState
    // CLOSING after close() until the other end's close arrives, wasClean true
    String expected = "[[\"sync\"],[\"b\",\"string\",\"early\"],[\"b\",\"string\",\"t\"],[\"b\",\"object\",[1,2,3]],"
        + "[\"b\",\"object\",[2,1]],[\"b\",\"string\",\"5\"],[\"after-close\",2,1],[\"b-close\",4001,\"r1\",true,2],"
        + "[\"after-receive\",2],[\"a-close\",4002,\"r2\",true,3],[\"final\",3,3]]";
    assertEquals(expected, mf.dispatchFetch("http://localhost/local").text());
  }

  @Test
  void javaEndTalksToTheWorker() {
    WebSocket ws = connect("/greet");
    assertEquals("hello", ws.receive(WAIT).text(), "sent before the response left the worker");
    ws.send("a");
    ws.send("b\u2713");
    assertEquals("echo:a", ws.receive(WAIT).text());
    assertEquals("echo:b\u2713", ws.receive(WAIT).text());
    ws.send(new byte[] {1, 2, 3});
    WebSocket.Message binary = ws.receive(WAIT);
    assertFalse(binary.isText());
    assertArrayEquals(new byte[] {3, 2, 1}, binary.bytes());
    ws.close(1000, "done");
    assertEquals(new WebSocket.Close(1000, "back:done", true), ws.awaitClose(WAIT));
  }

  @Test
  void workerInitiatedCloseReachesJava() {
    WebSocket ws = connect("/echo");
    ws.send("close");
    assertEquals(new WebSocket.Close(4000, "bye", true), ws.awaitClose(WAIT));
  }

  @Test
  void socketsOfAClosedRuntimeCloseUncleanly() {
    try (Miniflare other = Miniflare.builder()
        .worker(w -> w.modules(true).script(WORKER).compatibilityDate("2024-09-23")).build()) {
      WebSocket ws = other.dispatchFetch(Request.builder("http://localhost/echo").header("upgrade", "websocket").build())
          .webSocket();
      ws.send("x");
      assertEquals("echo:x", ws.receive(WAIT).text());
      other.close();
      WebSocket.Close close = ws.awaitClose(WAIT);
      assertEquals(1006, close.code());
      assertFalse(close.wasClean());
    }
  }

  @Test
  void aWebSocketForARequestWithoutUpgradeIsWorkerdsError() {
    // Miniflare 4's dispatchFetch answers the same (its body adds a stack frame of its entry worker)
    Response res = mf.dispatchFetch("http://localhost/echo");
    assertEquals(500, res.status());
    assertNull(res.webSocket());
    assertEquals("TypeError: Worker tried to return a WebSocket in a response to a request which did not contain the"
        + " header \"Upgrade: websocket\".", res.text());
  }

  @Test
  void plainResponsesHaveNoWebSocket() {
    assertNull(mf.dispatchFetch("http://localhost/api").webSocket());
    assertTrue(mf.dispatchFetch("http://localhost/api").ok());
  }
}
