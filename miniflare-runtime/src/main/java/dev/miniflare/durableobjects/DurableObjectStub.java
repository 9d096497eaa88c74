package dev.miniflare.durableobjects;

import dev.miniflare.MiniflareException;
import dev.miniflare.http.Json;
import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BiFunction;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/** A Java stub for one Durable Object: requests, RPC calls and test helpers. */
public final class DurableObjectStub {
  private final DurableObjectNamespace namespace;
  private final DurableObjects.ObjectAddress address;

  DurableObjectStub(DurableObjectNamespace namespace, DurableObjects.ObjectAddress address) {
    this.namespace = namespace;
    this.address = address;
  }

  /** The object's id. */
  public DurableObjectId id() {
    return new DurableObjectId(address.hex(), address.name());
  }

  /** Sends a GET to the object's fetch handler and waits. */
  public Response fetch(String url) {
    return fetch(Request.get(url));
  }

  /** Sends a request to the object's fetch handler and waits. */
  public Response fetch(Request request) {
    return await(namespace.registry().fetch(address, request));
  }

  /**
   * Calls a public method of the object (JS RPC) with JSON-like arguments (Jackson) and converts the result to
   * {@code resultType}. A JS error thrown by the method is rethrown as {@link MiniflareException} with its name
   * and message.
   */
  public <T> T call(String method, Class<T> resultType, Object... args) {
    // Arrays.asList, not List.of: null arguments are allowed
    String args0 = "J" + Json.write(java.util.Arrays.asList(args));
    String serialized = await(namespace.registry().rpc(address, method, args0));
    return fromSerialized(serialized, resultType);
  }

  /**
   * Runs {@code action} inside the object's isolate with its JS instance and state (constructing it if needed),
   * while no other event runs in the object (vitest's {@code runInDurableObject}). Use the values only inside the
   * action; return a String, number, boolean or null.
   */
  public <T> T runInDurableObject(BiFunction<Value, Value, Object> action, Class<T> resultType) {
    Runner runner = new Runner(action);
    String serialized = await(namespace.owner().objectRun(namespace.objectClass(), address,
        namespace.registry().objectHost(address), runner));
    return fromSerialized(serialized, resultType);
  }

  /** Runs the object's alarm handler now; whether an alarm was scheduled (vitest's {@code runDurableObjectAlarm}). */
  public boolean runAlarm() {
    return await(namespace.registry().runAlarmNow(address));
  }

  /** The scheduled alarm time in epoch milliseconds, or null. */
  public Long alarm() {
    return namespace.registry().alarm(address);
  }

  /** The object's storage, from Java. */
  public DurableObjectStorageView storage() {
    return namespace.storage(id());
  }

  private static <T> T fromSerialized(String serialized, Class<T> type) {
    if (serialized.startsWith("J")) {
      return Json.read(serialized.substring(1), type);
    }
    throw new MiniflareException("the result is not a JSON value (Map, Date, typed array...); "
        + "return JSON-compatible data to read it from Java: " + serialized);
  }

  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MiniflareException("interrupted while waiting for a Durable Object", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RpcCallback.RemoteError remote) {
        throw new MiniflareException(remote.getMessage(), remote);
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new MiniflareException(String.valueOf(cause.getMessage()), cause);
    }
  }

  /** Carries a Java action into the isolate; the runtime JS calls {@link #run}. */
  public static final class Runner {
    private final BiFunction<Value, Value, Object> action;

    Runner(BiFunction<Value, Value, Object> action) {
      this.action = action;
    }

    /** Called on the object's loop thread with the instance and its state. */
    @HostAccess.Export
    public Object run(Value instance, Value state) {
      return action.apply(instance, state);
    }
  }

}
