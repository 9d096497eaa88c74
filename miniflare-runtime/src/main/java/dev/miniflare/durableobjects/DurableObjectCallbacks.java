package dev.miniflare.durableobjects;

import java.util.concurrent.CompletableFuture;

/** Factories for the callbacks the runtime JS completes. */
public final class DurableObjectCallbacks {
  private DurableObjectCallbacks() {}

  /** A callback completing {@code future} with a serialised result or a {@link RpcCallback.RemoteError}. */
  public static RpcCallback rpc(CompletableFuture<String> future) {
    return new RpcCallback(future);
  }
}
