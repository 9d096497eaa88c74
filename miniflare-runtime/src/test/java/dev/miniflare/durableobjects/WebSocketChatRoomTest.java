package dev.miniflare.durableobjects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.miniflare.Miniflare;
import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import dev.miniflare.http.WebSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chat-room pattern: a Durable Object accepts the server end of each WebSocket and keeps it, the worker passes
 * the object's 101 response (stub.fetch) on to the client, and a later request broadcasts to every kept socket.
 * Also a WebSocket from another worker through a service binding.
 */
class WebSocketChatRoomTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static final String WORKER = """
      import { DurableObject } from "cloudflare:workers";
      export class Room extends DurableObject {
        sockets = new Set();
        async fetch(request) {
          const url = new URL(request.url);
          if (url.pathname === "/join") {
            const [client, server] = Object.values(new WebSocketPair());
            server.accept();
            const who = url.searchParams.get("who");
            this.sockets.add(server);
            server.addEventListener("message", (e) => this.broadcast(who + ": " + e.data));
            server.addEventListener("close", (e) => { this.sockets.delete(server); server.close(1000, "left"); });
            server.send("welcome " + who + " (" + this.sockets.size + " here)");
            return new Response(null, { status: 101, webSocket: client });
          }
          return new Response(String(this.broadcast(await request.text())));
        }
        broadcast(text) {
          for (const s of this.sockets) s.send(text);
          return this.sockets.size;
        }
        count() { return this.sockets.size; }
      }
      async function attempt(fn) {
        try { const v = await fn(); return { ok: v === undefined ? "undefined" : String(v) }; }
        catch (e) { return { error: e?.name, message: e?.message }; }
      }
      export class HibernatingRoom extends DurableObject {
        log = [];
        async fetch(request) {
          const url = new URL(request.url);
          if (url.pathname === "/log") return Response.json(this.log);
          if (url.pathname === "/probe") {
            const out = {};
            const [c, s] = Object.values(new WebSocketPair());
            s.accept();
            out.afterAccept = await attempt(() => this.ctx.acceptWebSocket(s));
            const [c2, s2] = Object.values(new WebSocketPair());
            this.ctx.acceptWebSocket(s2, ["a", "b"]);
            out.thenAccept = await attempt(() => s2.accept());
            out.notWs = await attempt(() => this.ctx.acceptWebSocket({}));
            out.tags = this.ctx.getTags(s2);
            out.counts = [this.ctx.getWebSockets().length, this.ctx.getWebSockets("a").length, this.ctx.getWebSockets("z").length];
            s2.serializeAttachment({ x: 1 });
            out.att = s2.deserializeAttachment();
            out.attNone = c.deserializeAttachment();
            return Response.json(out);
          }
          const [client, server] = Object.values(new WebSocketPair());
          this.ctx.acceptWebSocket(server, [url.searchParams.get("who")]);
          server.serializeAttachment({ who: url.searchParams.get("who") });
          server.send("welcome");
          return new Response(null, { status: 101, webSocket: client });
        }
        webSocketMessage(ws, msg) {
          this.log.push(["msg", typeof msg, msg instanceof ArrayBuffer ? msg.byteLength : msg, ws.deserializeAttachment(),
            this.ctx.getWebSockets().length]);
          ws.send("got:" + (typeof msg === "string" ? msg : "bin"));
        }
        webSocketClose(ws, code, reason, wasClean) {
          this.log.push(["close", code, reason, wasClean, ws.readyState, this.ctx.getWebSockets().length]);
          ws.close(code, "back:" + reason);
          this.log.push(["after", ws.readyState, this.ctx.getWebSockets().length]);
        }
      }
      export default {
        async fetch(req, env) {
          const url = new URL(req.url);
          if (url.pathname.startsWith("/hib")) {
            return env.HIB.getByName("h").fetch(new Request(req.url.replace("/hib", ""), req));
          }
          const room = env.ROOM.getByName(url.searchParams.get("room") ?? "lobby");
          if (url.pathname === "/join") {
            if (req.headers.get("upgrade") !== "websocket") return new Response("upgrade please", { status: 426 });
            return room.fetch(req);
          }
          if (url.pathname === "/count") return new Response(String(await room.count()));
          if (url.pathname === "/echo-service") return env.ECHO.fetch(req);
          return room.fetch(new Request(req.url, { method: "POST", body: await req.text() }));
        }
      };
      """;

  private static final String ECHO = """
      export default { fetch(req) {
        const [client, server] = Object.values(new WebSocketPair());
        server.accept();
        server.addEventListener("message", (e) => server.send("echo-service:" + e.data));
        server.addEventListener("close", (e) => server.close(e.code, e.reason));
        return new Response(null, { status: 101, webSocket: client });
      } };
      """;

  private Miniflare mf;

  @BeforeEach
  void start() {
    mf = Miniflare.builder()
        .worker(w -> w.name("chat").modules(true).script(WORKER).compatibilityDate("2024-09-23")
            .durableObject("ROOM", "Room").durableObject("HIB", "HibernatingRoom").serviceBinding("ECHO", "echo"))
        .worker(w -> w.name("echo").modules(true).script(ECHO).compatibilityDate("2024-09-23"))
        .build();
  }

  @AfterEach
  void stop() {
    mf.close();
  }

  private WebSocket join(String who) {
    Response res = mf.dispatchFetch(Request.builder("http://localhost/join?who=" + who)
        .header("upgrade", "websocket").build());
    assertEquals(101, res.status());
    assertNotNull(res.webSocket());
    return res.webSocket();
  }

  @Test
  void objectKeepsSocketsAndALaterRequestBroadcasts() {
    WebSocket ann = join("ann");
    assertEquals("welcome ann (1 here)", ann.receive(WAIT).text());
    WebSocket bob = join("bob");
    assertEquals("welcome bob (2 here)", bob.receive(WAIT).text());

    Response res = mf.dispatchFetch(Request.builder("http://localhost/announce").method("POST").body("doors close").build());
    assertEquals("2", res.text());
    assertEquals("doors close", ann.receive(WAIT).text());
    assertEquals("doors close", bob.receive(WAIT).text());

    ann.send("hi all");
    assertEquals("ann: hi all", ann.receive(WAIT).text());
    assertEquals("ann: hi all", bob.receive(WAIT).text());

    bob.close(1000, "bye");
    assertEquals(new WebSocket.Close(1000, "left", true), bob.awaitClose(WAIT));
    assertEquals("1", mf.dispatchFetch("http://localhost/count").text());
  }

  @Test
  void webSocketFromAnotherWorkerThroughAServiceBinding() {
    Response res = mf.dispatchFetch(Request.builder("http://localhost/echo-service")
        .header("upgrade", "websocket").build());
    assertEquals(101, res.status());
    WebSocket ws = res.webSocket();
    ws.send("ping");
    assertEquals("echo-service:ping", ws.receive(WAIT).text());
    ws.close(4005, "done");
    assertEquals(new WebSocket.Close(4005, "done", true), ws.awaitClose(WAIT));
  }

  @Test
  void hibernationApiAsOnWorkerd() {
    // recorded on Miniflare 4 / workerd with the same object
    assertEquals("{\"afterAccept\":{\"error\":\"Error\",\"message\":\"Cannot call `acceptWebSocket()` if the WebSocket"
        + " was already accepted via `accept()`\"},\"thenAccept\":{\"error\":\"TypeError\",\"message\":\"Can't accept()"
        + " WebSocket after enabling hibernation.\"},\"notWs\":{\"error\":\"TypeError\",\"message\":\"Failed to execute"
        + " 'acceptWebSocket' on 'DurableObjectState': parameter 1 is not of type 'WebSocket'.\"},\"tags\":[\"a\",\"b\"],"
        + "\"counts\":[1,1,0],\"att\":{\"x\":1},\"attNone\":null}",
        mf.dispatchFetch("http://localhost/hib/probe").text());

    Response res = mf.dispatchFetch(Request.builder("http://localhost/hib/join?who=ann").header("upgrade", "websocket").build());
    WebSocket ws = res.webSocket();
    assertEquals("welcome", ws.receive(WAIT).text());
    ws.send("hi");
    assertEquals("got:hi", ws.receive(WAIT).text());
    ws.send(new byte[] {1, 2});
    assertEquals("got:bin", ws.receive(WAIT).text());
    ws.close(4001, "x");
    assertEquals(new WebSocket.Close(4001, "back:x", true), ws.awaitClose(WAIT));
    // workerd's log: the probe's socket s2 is still accepted, so two sockets; readyState CLOSING in the handler
    assertEquals("[[\"msg\",\"string\",\"hi\",{\"who\":\"ann\"},2],[\"msg\",\"object\",2,{\"who\":\"ann\"},2],"
        + "[\"close\",4001,\"x\",true,2,2],[\"after\",3,2]]", mf.dispatchFetch("http://localhost/hib/log").text());
  }
}
