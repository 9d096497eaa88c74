package dev.miniflare.core;

import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A service binding target that also takes JS RPC calls (another worker's entrypoint): a caller's
 * {@code env.SERVICE.method(args)} crosses as the method name and the serialised arguments, and the serialised
 * result (or error) comes back.
 */
public interface ServiceRpc extends Function<Request, CompletableFuture<Response>> {
  /** Calls {@code method} of the target's entrypoint; completes with the serialised result. */
  CompletableFuture<String> rpc(String method, String serializedArgs);
}
