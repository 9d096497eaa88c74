package dev.miniflare.server;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.miniflare.http.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Clients that hold connections without finishing requests are disconnected; idle keep-alive is not. */
class SlowClientTest {
  private MiniflareServer server;

  @AfterEach
  void close() {
    if (server != null) {
      server.close();
    }
  }

  private MiniflareServer start(Duration headerTimeout) {
    server = MiniflareServer.builder().port(0).headerTimeout(headerTimeout)
        .handler(r -> CompletableFuture.completedFuture(Response.text("hello"))).build().start();
    return server;
  }

  /** Reads until the server closes the connection; completes with what was read. */
  private static CompletableFuture<String> readUntilClosed(Socket socket) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), ISO_8859_1);
      } catch (IOException e) {
        return "closed: " + e.getMessage();
      }
    });
  }

  @Test
  void aClientTricklingHeaderBytesIsDisconnected() throws Exception {
    start(Duration.ofMillis(500));
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(30_000);
      CompletableFuture<String> closed = readUntilClosed(socket);
      OutputStream out = socket.getOutputStream();
      out.write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(ISO_8859_1));
      // One header byte every 100 ms, each one well within Jetty's idle timeout, for up to 20 s.
      for (int i = 0; i < 200 && !closed.isDone(); i++) {
        try {
          out.write('a');
          out.flush();
        } catch (IOException e) {
          break; // the server closed the connection under us
        }
        Thread.sleep(100);
      }
      assertThat(closed.get(10, TimeUnit.SECONDS)).doesNotContain("hello");
    }
  }

  @Test
  void anIdleKeepAliveConnectionStillServesItsNextRequest() throws Exception {
    start(Duration.ofMillis(300));
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(ISO_8859_1));
      out.flush();
      assertThat(readResponse(in)).startsWith("HTTP/1.1 200").endsWith("hello");
      Thread.sleep(1200); // four header timeouts without a byte: idle, not slow
      out.write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(ISO_8859_1));
      out.flush();
      assertThat(new String(in.readAllBytes(), ISO_8859_1)).startsWith("HTTP/1.1 200").endsWith("hello");
    }
  }

  /** One response with a Content-Length body. */
  private static String readResponse(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      head.append((char) c);
    }
    int length = 0;
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    return head + new String(in.readNBytes(length), ISO_8859_1);
  }
}
