package dev.miniflare.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MiniflareServerTest {
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void passesRequestsThroughUnchangedAndWritesResponses() throws Exception {
    AtomicReference<Request> seen = new AtomicReference<>();
    try (MiniflareServer server = MiniflareServer.builder().port(0).handler(req -> {
      seen.set(req);
      return CompletableFuture.supplyAsync(() -> Response.builder(201).statusText("Made")
          .header("set-cookie", "a=1").header("set-cookie", "b=2").header("x-echo", req.text()).body("done").build());
    }).build().start()) {
      HttpResponse<String> res = client.send(HttpRequest.newBuilder(server.url().resolve("/p/a%20b?x=1&y=%2F"))
          .header("x-multi", "one").header("x-multi", "two")
          .POST(HttpRequest.BodyPublishers.ofString("héllo ✓", StandardCharsets.UTF_8)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(res.statusCode()).isEqualTo(201);
      assertThat(res.body()).isEqualTo("done");
      assertThat(res.headers().allValues("set-cookie")).containsExactly("a=1", "b=2");
      assertThat(res.headers().firstValue("server")).isEmpty();
      Request req = seen.get();
      assertThat(req.method()).isEqualTo("POST");
      assertThat(req.url()).isEqualTo("http://127.0.0.1:" + server.port() + "/p/a%20b?x=1&y=%2F");
      assertThat(req.headers().all("x-multi")).containsExactly("one", "two");
      assertThat(req.text()).isEqualTo("héllo ✓");
    }
  }

  @Test
  void handlerFailuresBecome500WithTheMessage() throws Exception {
    try (MiniflareServer server = MiniflareServer.builder().port(0)
        .handler(req -> CompletableFuture.failedFuture(new IllegalStateException("kaput"))).build().start()) {
      HttpResponse<String> res = client.send(HttpRequest.newBuilder(server.url()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(res.statusCode()).isEqualTo(500);
      assertThat(res.body()).startsWith("kaput").contains("IllegalStateException");
    }
  }

  @Test
  void headAndNoContentHaveNoBodyAndConcurrentRequestsAllAnswer() throws Exception {
    try (MiniflareServer server = MiniflareServer.builder().port(0).handler(req -> CompletableFuture.completedFuture(
        req.url().endsWith("/empty") ? Response.status(204) : Response.text("body of " + req.url()))).build().start()) {
      HttpResponse<String> head = client.send(HttpRequest.newBuilder(server.url()).method("HEAD",
          HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.body()).isEmpty();
      HttpResponse<String> empty = client.send(HttpRequest.newBuilder(server.url().resolve("/empty")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(empty.statusCode()).isEqualTo(204);
      List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        all.add(client.sendAsync(HttpRequest.newBuilder(server.url().resolve("/n" + i)).build(),
            HttpResponse.BodyHandlers.ofString()));
      }
      for (int i = 0; i < 50; i++) {
        assertThat(all.get(i).get().body()).endsWith("/n" + i);
      }
    }
  }

  @Test
  void closeStopsAcceptingConnections() throws Exception {
    MiniflareServer server = MiniflareServer.builder().port(0)
        .handler(req -> CompletableFuture.completedFuture(Response.text("x"))).build().start();
    URI url = server.url();
    server.close();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(url).build(),
        HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
  }
}
