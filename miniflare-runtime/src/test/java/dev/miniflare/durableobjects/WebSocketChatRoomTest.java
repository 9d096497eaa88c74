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
      export default {
        async fetch(req, env) {
          const url = new URL(req.url);
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
            .durableObject("ROOM", "Room").serviceBinding("ECHO", "echo"))
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
}
