package dev.miniflare.services;

import dev.miniflare.http.Headers;
import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Outbound {@code fetch} from workers to the network, through the JDK's {@link HttpClient}. */
public final class NetworkFetcher implements Function<Request, CompletableFuture<Response>> {
  /** Headers the JDK client manages itself and refuses to be given. */
  private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

  private static volatile HttpClient client;

  private static HttpClient client() {
    HttpClient c = client;
    if (c == null) {
      synchronized (NetworkFetcher.class) {
        if (client == null) {
          client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
              .connectTimeout(Duration.ofSeconds(30)).build();
        }
        c = client;
      }
    }
    return c;
  }

  @Override
  public CompletableFuture<Response> apply(Request request) {
    if (OutboundWebSocket.isUpgrade(request)) {
      return OutboundWebSocket.connect(client(), request);
    }
    HttpRequest.Builder b;
    try {
      b = HttpRequest.newBuilder(URI.create(request.url()));
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("Fetch API cannot load: " + request.url()));
    }
    for (Map.Entry<String, String> h : request.headers().entries()) {
      if (!RESTRICTED.contains(h.getKey())) {
        b.header(h.getKey(), h.getValue());
      }
    }
    b.method(request.method(), request.hasBody()
        ? HttpRequest.BodyPublishers.ofByteArray(request.bodyBytesUnsafe()) : HttpRequest.BodyPublishers.noBody());
    return client().sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(r -> {
      Headers.Builder headers = Headers.builder();
      for (Map.Entry<String, List<String>> h : r.headers().map().entrySet()) {
        if (h.getKey().startsWith(":")) {
          continue;
        }
        h.getValue().forEach(v -> headers.add(h.getKey(), v));
      }
      return Response.builder(r.statusCode()).headers(headers.build()).bodyUnsafe(r.body()).build();
    });
  }
}
