package dev.miniflare.server;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

class MiniflareServerTest {
  private static HttpClient client;
  private static ExecutorService background;
  private final List<MiniflareServer> servers = new ArrayList<>();

  @BeforeAll
  static void setUpClient() {
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    background = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "test-background");
      t.setDaemon(true);
      return t;
    });
  }

  @AfterAll
  static void tearDownClient() {
    background.shutdownNow();
  }

  @AfterEach
  void closeServers() {
    servers.forEach(MiniflareServer::close);
  }

  private MiniflareServer serve(Function<Request, CompletableFuture<Response>> handler) {
    MiniflareServer server = MiniflareServer.builder().port(0).handler(handler).build();
    servers.add(server);
    return server.start();
  }

  private static Function<Request, CompletableFuture<Response>> sync(Function<Request, Response> f) {
    return r -> CompletableFuture.completedFuture(f.apply(r));
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return client.send(request, BodyHandlers.ofString(UTF_8));
  }

  private static HttpRequest.Builder get(MiniflareServer server, String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
        .timeout(Duration.ofSeconds(10));
  }

  /** Sends raw bytes (which should ask for "Connection: close") and returns the whole raw response. */
  private static String raw(MiniflareServer server, String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), ISO_8859_1);
    }
  }

  private static List<String> headerLines(String rawResponse) {
    String head = rawResponse.substring(0, rawResponse.indexOf("\r\n\r\n"));
    return List.of(head.split("\r\n"));
  }

  private static String rawBody(String rawResponse) {
    return rawResponse.substring(rawResponse.indexOf("\r\n\r\n") + 4);
  }

  // ---------------------------------------------------------------------------------------------------------------

  @Test
  void startsOnAFreePortAndReportsUrl() throws Exception {
    MiniflareServer server = serve(sync(r -> Response.text("hi")));
    assertThat(server.port()).isPositive();
    assertThat(server.url()).isEqualTo(URI.create("http://127.0.0.1:" + server.port() + "/"));
    assertThat(server.isRunning()).isTrue();
    HttpResponse<String> res = send(get(server, "/").build());
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body()).isEqualTo("hi");
    assertThat(res.headers().firstValue("content-type")).hasValue("text/plain;charset=UTF-8");
    assertThat(res.headers().firstValue("content-length")).hasValue("2");
    assertThat(res.headers().firstValue("server")).isEmpty();
    assertThat(res.headers().firstValue("date")).isPresent();
  }

  @Test
  void builderDefaultsAndValidation() {
    MiniflareServer server = MiniflareServer.builder().handler(sync(r -> Response.text(""))).build();
    assertThat(server.host()).isEqualTo("127.0.0.1");
    assertThat(server.toString()).contains("127.0.0.1:8787");
    assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> MiniflareServer.builder().build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> MiniflareServer.builder().port(70000)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void requestReachesHandlerUnchanged() throws Exception {
    AtomicReference<Request> seen = new AtomicReference<>();
    MiniflareServer server = serve(sync(r -> {
      seen.set(r);
      return Response.text("ok");
    }));
    String body = "héllo wörld ✓ 🚀 日本語";
    String pathQuery = "/a%20b/%2F/c;x=1/%E2%9C%93?q=%E2%9C%93&a=1&a=2&sp=a+b&e=";
    HttpResponse<String> res = send(get(server, pathQuery)
        .method("PUT", BodyPublishers.ofString(body, UTF_8))
        .header("Content-Type", "text/plain; charset=utf-8")
        .header("X-Multi", "one")
        .header("X-Multi", "two")
        .header("X-Comma", "a, b")
        .build());
    assertThat(res.statusCode()).isEqualTo(200);

    Request r = seen.get();
    assertThat(r.method()).isEqualTo("PUT");
    assertThat(r.url()).isEqualTo("http://127.0.0.1:" + server.port() + pathQuery);
    assertThat(r.headers().all("x-multi")).containsExactly("one", "two");
    assertThat(r.header("x-comma")).isEqualTo("a, b");
    assertThat(r.header("content-type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.header("host")).isEqualTo("127.0.0.1:" + server.port());
    assertThat(r.header("content-length")).isEqualTo(String.valueOf(body.getBytes(UTF_8).length));
    assertThat(r.text()).isEqualTo(body);
    assertThat(r.bytes()).isEqualTo(body.getBytes(UTF_8));
  }

  @Test
  void rawRequestLineHeadersOrderAndHostArePreserved() throws Exception {
    AtomicReference<Request> seen = new AtomicReference<>();
    MiniflareServer server = serve(sync(r -> {
      seen.set(r);
      return Response.text("ok");
    }));
    String res = raw(server, "DELETE //x/./../y/%2e%2E/z?%zz=1&b=%2F HTTP/1.1\r\n"
        + "Host: example.com:1234\r\n"
        + "X-A: 1\r\n"
        + "x-b: two words \r\n"
        + "X-A: 3\r\n"
        + "Connection: close\r\n\r\n");
    assertThat(res).startsWith("HTTP/1.1 200 OK\r\n");
    Request r = seen.get();
    assertThat(r.method()).isEqualTo("DELETE");
    assertThat(r.url()).isEqualTo("http://example.com:1234//x/./../y/%2e%2E/z?%zz=1&b=%2F");
    assertThat(r.headers().entries()).extracting(e -> e.getKey() + "=" + e.getValue())
        .containsExactly("host=example.com:1234", "x-a=1", "x-b=two words", "x-a=3", "connection=close");
    assertThat(r.hasBody()).isFalse();
  }

  @Test
  void requestWithoutHostHeaderUsesBoundAddress() throws Exception {
    AtomicReference<Request> seen = new AtomicReference<>();
    MiniflareServer server = serve(sync(r -> {
      seen.set(r);
      return Response.text("ok");
    }));
    String res = raw(server, "GET /p?q HTTP/1.0\r\n\r\n");
    assertThat(res).matches("(?s)HTTP/1\\.[01] 200 OK\r\n.*");
    assertThat(seen.get().url()).isEqualTo("http://127.0.0.1:" + server.port() + "/p?q");
  }

  @Test
  void largeChunkedBinaryBodyArrivesIntact() throws Exception {
    AtomicReference<Request> seen = new AtomicReference<>();
    MiniflareServer server = serve(sync(r -> {
      seen.set(r);
      return Response.builder(200).body(r.bytes()).build();
    }));
    byte[] data = new byte[5 * 1024 * 1024 + 17];
    new Random(42).nextBytes(data);
    // ofInputStream has no known length: the client sends it chunked
    HttpResponse<byte[]> res = client.send(get(server, "/upload")
        .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(data))).build(), BodyHandlers.ofByteArray());
    assertThat(seen.get().header("transfer-encoding")).isEqualTo("chunked");
    assertThat(seen.get().bodyBytesUnsafe()).isEqualTo(data);
    assertThat(res.body()).isEqualTo(data);
    assertThat(res.headers().firstValue("content-length")).hasValue(String.valueOf(data.length));
  }

  @Test
  void expectContinueBodyIsRead() throws Exception {
    MiniflareServer server = serve(sync(r -> Response.text(r.method() + " " + r.text())));
    HttpResponse<String> res = send(get(server, "/").expectContinue(true)
        .POST(BodyPublishers.ofString("after 100-continue")).build());
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body()).isEqualTo("POST after 100-continue");
  }

  @Test
  void bodyOverTheLimitGets413WithoutCallingTheHandler() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    MiniflareServer server = MiniflareServer.builder().port(0).maxRequestBodyBytes(1000)
        .handler(sync(r -> {
          calls.incrementAndGet();
          return Response.text("ok");
        })).build();
    servers.add(server.start());
    HttpResponse<String> known = send(get(server, "/").POST(BodyPublishers.ofByteArray(new byte[1001])).build());
    assertThat(known.statusCode()).isEqualTo(413);
    HttpResponse<String> chunked = send(get(server, "/")
        .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[5000]))).build());
    assertThat(chunked.statusCode()).isEqualTo(413);
    HttpResponse<String> fits = send(get(server, "/").POST(BodyPublishers.ofByteArray(new byte[1000])).build());
    assertThat(fits.statusCode()).isEqualTo(200);
    assertThat(calls).hasValue(1);
  }

  @Test
  void setCookieHeadersStaySeparateLines() throws Exception {
    MiniflareServer server = serve(sync(r -> Response.builder(200)
        .header("Set-Cookie", "a=1; Path=/; Expires=Wed, 21 Oct 2015 07:28:00 GMT")
        .header("set-cookie", "b=2")
        .header("x-custom", "v1")
        .header("x-custom", "v2")
        .body("cookies").build()));
    HttpResponse<String> res = send(get(server, "/").build());
    assertThat(res.headers().allValues("set-cookie"))
        .containsExactly("a=1; Path=/; Expires=Wed, 21 Oct 2015 07:28:00 GMT", "b=2");

    String rawRes = raw(server, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    List<String> lines = headerLines(rawRes).stream().map(String::toLowerCase).toList();
    assertThat(lines).containsSubsequence(
        "set-cookie: a=1; path=/; expires=wed, 21 oct 2015 07:28:00 gmt", "set-cookie: b=2");
    assertThat(lines).containsSubsequence("x-custom: v1", "x-custom: v2");
    assertThat(lines.stream().filter(l -> l.startsWith("server:"))).isEmpty();
    assertThat(rawBody(rawRes)).isEqualTo("cookies");
  }

  @Test
  void statusAndCustomReasonPhrase() throws Exception {
    MiniflareServer server = serve(sync(r -> switch (r.uri().getPath()) {
      case "/custom" -> Response.builder(299).statusText("Custom Thing").body("c").build();
      case "/teapot" -> Response.builder(418).body("t").build();
      case "/created" -> Response.builder(201).header("location", "/x").body("made").build();
      case "/evil" -> Response.builder(400).statusText("Bad\r\nX-Injected: yes").body("e").build();
      case "/empty" -> Response.builder(202).statusText("").body("no reason").build();
      default -> Response.builder(404).statusText("Nope").body("missing").build();
    }));
    assertThat(raw(server, "GET /custom HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 299 Custom Thing\r\n").endsWith("\r\n\r\nc");
    assertThat(raw(server, "GET /teapot HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 418 I'm a teapot\r\n");
    assertThat(raw(server, "GET /created HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 201 Created\r\n");
    // an explicitly empty statusText is an empty reason phrase, as workerd sends it (wrangler dev, recorded)
    assertThat(raw(server, "GET /empty HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 202 \r\n");
    String evil = raw(server, "GET /evil HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertThat(evil).startsWith("HTTP/1.1 400 Bad  X-Injected: yes\r\n");
    assertThat(headerLines(evil)).noneMatch(l -> l.startsWith("X-Injected"));

    HttpResponse<String> notFound = send(get(server, "/other").build());
    assertThat(notFound.statusCode()).isEqualTo(404);
    assertThat(notFound.body()).isEqualTo("missing");
    HttpResponse<String> created = send(get(server, "/created").build());
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("location")).hasValue("/x");
  }

  @Test
  void noContentAndNotModifiedHaveNoBody() throws Exception {
    MiniflareServer server = serve(sync(r -> r.uri().getPath().equals("/204")
        ? Response.builder(204).header("x-a", "b").body("ignored body").build()
        : Response.builder(304).header("etag", "\"v1\"").body("ignored too").build()));
    HttpResponse<String> res = send(get(server, "/204").build());
    assertThat(res.statusCode()).isEqualTo(204);
    assertThat(res.body()).isEmpty();
    assertThat(res.headers().firstValue("x-a")).hasValue("b");

    String raw204 = raw(server, "GET /204 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertThat(raw204).startsWith("HTTP/1.1 204 No Content\r\n");
    assertThat(rawBody(raw204)).isEmpty();
    assertThat(headerLines(raw204)).noneMatch(l -> l.toLowerCase().startsWith("content-length: 1"));
    String raw304 = raw(server, "GET /304 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertThat(raw304).startsWith("HTTP/1.1 304 Not Modified\r\n");
    assertThat(rawBody(raw304)).isEmpty();
    assertThat(headerLines(raw304)).anyMatch(l -> l.equalsIgnoreCase("etag: \"v1\""));
  }

  @Test
  void headResponsesHaveNoBody() throws Exception {
    AtomicReference<String> method = new AtomicReference<>();
    MiniflareServer server = serve(sync(r -> {
      method.set(r.method());
      return Response.text("twelve bytes");
    }));
    HttpResponse<String> res = send(get(server, "/").method("HEAD", BodyPublishers.noBody()).build());
    assertThat(method).hasValue("HEAD");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body()).isEmpty();
    assertThat(res.headers().firstValue("content-length")).hasValue("12");

    String rawRes = raw(server, "HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertThat(rawRes).startsWith("HTTP/1.1 200 OK\r\n");
    assertThat(rawBody(rawRes)).isEmpty();
    // the connection stays usable after a HEAD: a following GET gets its body
    HttpResponse<String> after = send(get(server, "/").build());
    assertThat(after.body()).isEqualTo("twelve bytes");
  }

  @Test
  void handlerThrowingGives500WithoutJavaInternals() throws Exception {
    MiniflareServer server = serve(r -> {
      throw new IllegalArgumentException("kaboom in handler");
    });
    HttpResponse<String> res = send(get(server, "/boom").build());
    assertThat(res.statusCode()).isEqualTo(500);
    assertThat(res.headers().firstValue("content-type")).hasValue("text/plain;charset=UTF-8");
    // Miniflare's own failure: a generic text (the exception and its stack are logged, not sent)
    assertThat(res.body()).isEqualTo(RequestBridge.INTERNAL_ERROR_BODY).doesNotContain("kaboom");
    // the server keeps working after a failure
    assertThat(send(get(server, "/boom").build()).statusCode()).isEqualTo(500);
  }

  @Test
  void failedFutureGives500WithTheWorkersErrorOnly() throws Exception {
    MiniflareServer server = serve(r -> CompletableFuture.supplyAsync(() -> {
      throw new IllegalStateException("async kaboom");
    }, background));
    HttpResponse<String> res = send(get(server, "/").build());
    assertThat(res.statusCode()).isEqualTo(500);
    assertThat(res.body()).isEqualTo(RequestBridge.INTERNAL_ERROR_BODY);

    MiniflareServer immediate = serve(r -> CompletableFuture.failedFuture(new java.util.concurrent.CompletionException(
        new dev.miniflare.core.WorkerException(new dev.miniflare.core.WorkerError("TypeError", "bad thing",
            "TypeError: bad thing\n    at fetch (worker.js:3:11)")))));
    HttpResponse<String> res2 = send(get(immediate, "/").build());
    assertThat(res2.statusCode()).isEqualTo(500);
    assertThat(res2.body()).isEqualTo("TypeError: bad thing\n    at fetch (worker.js:3:11)\n");
  }

  @Test
  void nullFutureOrNullResponseGives500() throws Exception {
    MiniflareServer nullFuture = serve(r -> null);
    HttpResponse<String> res = send(get(nullFuture, "/").build());
    assertThat(res.statusCode()).isEqualTo(500);
    assertThat(res.body()).isEqualTo(RequestBridge.INTERNAL_ERROR_BODY);

    MiniflareServer nullResponse = serve(r -> CompletableFuture.completedFuture(null));
    HttpResponse<String> res2 = send(get(nullResponse, "/").build());
    assertThat(res2.statusCode()).isEqualTo(500);
    assertThat(res2.body()).isEqualTo(RequestBridge.INTERNAL_ERROR_BODY);
  }

  @Test
  void handlerCompletingOnAnotherThread() throws Exception {
    AtomicReference<String> handlerThread = new AtomicReference<>();
    AtomicReference<String> completingThread = new AtomicReference<>();
    MiniflareServer server = serve(r -> {
      handlerThread.set(Thread.currentThread().getName());
      CompletableFuture<Response> future = new CompletableFuture<>();
      background.execute(() -> {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        completingThread.set(Thread.currentThread().getName());
        future.complete(Response.builder(202).body("later: " + r.text()).build());
      });
      return future;
    });
    HttpResponse<String> res = send(get(server, "/").POST(BodyPublishers.ofString("payload")).build());
    assertThat(res.statusCode()).isEqualTo(202);
    assertThat(res.body()).isEqualTo("later: payload");
    assertThat(handlerThread.get()).startsWith("miniflare-http-");
    assertThat(completingThread.get()).isEqualTo("test-background");
  }

  @Test
  void fiftyConcurrentRequestsAreAllInFlightAtOnceAndAllAnswered() throws Exception {
    int n = 50;
    CountDownLatch allArrived = new CountDownLatch(n);
    CompletableFuture<Void> release = new CompletableFuture<>();
    MiniflareServer server = serve(r -> {
      allArrived.countDown();
      String id = r.uri().getQuery();
      // answer only once every request is in flight: proves they are handled concurrently
      return release.thenApplyAsync(v -> Response.text("answer " + id), background);
    });
    List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      responses.add(client.sendAsync(get(server, "/c?" + i).build(), BodyHandlers.ofString()));
    }
    assertThat(allArrived.await(20, TimeUnit.SECONDS)).as("all %d requests reached the handler", n).isTrue();
    release.complete(null);
    for (int i = 0; i < n; i++) {
      HttpResponse<String> res = responses.get(i).get(20, TimeUnit.SECONDS);
      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(res.body()).isEqualTo("answer " + i);
    }
  }

  @Test
  void closeFinishesInFlightRequestsThenStopsAccepting() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    MiniflareServer server = serve(r -> {
      arrived.countDown();
      return CompletableFuture.supplyAsync(() -> {
        try {
          Thread.sleep(300);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return Response.text("finished");
      }, background);
    });
    int port = server.port();
    CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(get(server, "/").build(), BodyHandlers.ofString());
    assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
    long start = System.nanoTime();
    server.close();
    long closeMillis = (System.nanoTime() - start) / 1_000_000;
    HttpResponse<String> res = inFlight.get(10, TimeUnit.SECONDS);
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body()).isEqualTo("finished");
    assertThat(closeMillis).isLessThan(MiniflareServer.DEFAULT_SHUTDOWN_TIMEOUT.toMillis() + 1000);
    assertThat(server.isRunning()).isFalse();

    assertThatThrownBy(() -> {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      }
    }).isInstanceOf(ConnectException.class);
    server.close(); // idempotent
    assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void closeGivesUpOnStuckRequestsAfterTheTimeout() {
    MiniflareServer server = MiniflareServer.builder().port(0).shutdownTimeout(Duration.ofMillis(300))
        .handler(r -> new CompletableFuture<>()).build(); // never completes
    servers.add(server.start());
    CompletableFuture<HttpResponse<String>> stuck = client.sendAsync(get(server, "/").build(), BodyHandlers.ofString());
    long start = System.nanoTime();
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    server.close();
    long closeMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(closeMillis).isLessThan(3000);
    assertThatThrownBy(() -> stuck.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
  }

  @Test
  void bindingAPortInUseFails() {
    MiniflareServer first = serve(sync(r -> Response.text("1")));
    MiniflareServer second = MiniflareServer.builder().port(first.port()).handler(sync(r -> Response.text("2"))).build();
    servers.add(second);
    assertThatThrownBy(second::start).hasMessageContaining(String.valueOf(first.port()));
  }

  /** Run with -Dminiflare.bench=true to print a rough throughput figure. */
  @Test
  @EnabledIfSystemProperty(named = "miniflare.bench", matches = "true")
  void throughput() throws Exception {
    Response hello = Response.text("Hello World!");
    MiniflareServer server = serve(r -> CompletableFuture.completedFuture(hello));
    byte[] request = ("GET /bench HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(ISO_8859_1);
    int connections = 16;
    long durationNanos = TimeUnit.SECONDS.toNanos(5);
    AtomicLong total = new AtomicLong();
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < connections; c++) {
      Thread t = new Thread(() -> {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
          s.setTcpNoDelay(true);
          OutputStream out = s.getOutputStream();
          InputStream in = s.getInputStream();
          byte[] buf = new byte[8192];
          ByteArrayOutputStream acc = new ByteArrayOutputStream();
          long count = 0;
          while (System.nanoTime() - start < durationNanos) {
            out.write(request);
            out.flush();
            acc.reset();
            while (true) {
              int n = in.read(buf);
              if (n < 0) {
                throw new IOException("closed");
              }
              acc.write(buf, 0, n);
              String s1 = acc.toString(ISO_8859_1);
              if (s1.endsWith("Hello World!")) {
                break;
              }
            }
            count++;
          }
          total.addAndGet(count);
        } catch (Throwable e) {
          errors.add(e);
        }
      });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("throughput: %.0f requests/s over %d keep-alive connections%n", total.get() / seconds, connections);
    assertThat(errors).isEmpty();
    assertThat(total.get()).isPositive();
  }
}
