package dev.miniflare.durableobjects;

import java.util.concurrent.CompletableFuture;
import org.graalvm.polyglot.HostAccess;

/** Completes a Java future with the serialised result (or serialised error) of a Durable Object call. */
public final class RpcCallback {
  private final CompletableFuture<String> future;

  RpcCallback(CompletableFuture<String> future) {
    this.future = future;
  }

  /** The call returned this serialised value. */
  @HostAccess.Export
  public void resolve(String serialized) {
    future.complete(serialized);
  }

  /** The call threw this serialised error. */
  @HostAccess.Export
  public void reject(String serializedError) {
    future.completeExceptionally(new RemoteError(serializedError));
  }

  /** A JS error thrown inside a Durable Object, still in serialised form (re-thrown as itself in the caller). */
  public static final class RemoteError extends RuntimeException {
    private final String serialized;

    RemoteError(String serialized) {
      super(describe(serialized));
      this.serialized = serialized;
    }

    /** The error, serialised. */
    public String serialized() {
      return serialized;
    }

    private static String describe(String serialized) {
      try {
        var node = dev.miniflare.http.Json.read(serialized.substring(1), com.fasterxml.jackson.databind.JsonNode.class);
        if (node.has("n")) {
          return node.get("n").asText() + ": " + node.path("m").asText();
        }
      } catch (RuntimeException ignored) {
        // fall through to the raw text
      }
      return serialized;
    }
  }
}
