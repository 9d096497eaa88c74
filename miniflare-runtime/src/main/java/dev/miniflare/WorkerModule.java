package dev.miniflare;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import dev.miniflare.core.CallCallback;
import dev.miniflare.http.Json;
import dev.miniflare.http.Response;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * Calls the exports of an ES module worker directly from Java, for unit tests of worker functions:
 *
 * <pre>{@code
 * int n = worker.module().call("increment", Integer.class, kv, "a");
 * }</pre>
 *
 * Arguments: a {@code KVNamespace} arrives as the isolate's own KV binding, a {@code dev.miniflare.http.Request}
 * as a JS Request, strings/numbers/booleans as themselves and anything else as its Jackson JSON. Promises are
 * awaited; the result converts to the requested type through Jackson (a JS Response converts to
 * {@link Response}). Methods of the default export are called as {@code "default.fetch"}.
 */
public final class WorkerModule {
  private final Worker worker;

  WorkerModule(Worker worker) {
    this.worker = worker;
  }

  /** Calls the export and waits for its (awaited) result, converted to {@code resultType}. */
  public <T> T call(String exportName, Class<T> resultType, Object... args) {
    return Miniflare.await(dev.miniflare.core.Isolate.dispatchForBlockingCaller(
        () -> callAsync(exportName, resultType, args)));
  }

  /** Calls the export and converts the result to a generic type. */
  public <T> T call(String exportName, TypeReference<T> resultType, Object... args) {
    JavaType type = Json.MAPPER.getTypeFactory().constructType(resultType);
    return Miniflare.await(dev.miniflare.core.Isolate.dispatchForBlockingCaller(
        () -> this.<T>callWithType(exportName, type.getRawClass(), () -> type, args)));
  }

  /** Calls the export for its effect, ignoring the result. */
  public void run(String exportName, Object... args) {
    call(exportName, Object.class, args);
  }

  /** The asynchronous form of {@link #call(String, Class, Object...)}. */
  public <T> CompletableFuture<T> callAsync(String exportName, Class<T> resultType, Object... args) {
    return callWithType(exportName, resultType, () -> Json.MAPPER.getTypeFactory().constructType(resultType), args);
  }

  /** {@code type} is only built when Jackson is needed: plain results skip its start-up (~0.1 s in a cold JVM). */
  @SuppressWarnings("unchecked")
  private <T> CompletableFuture<T> callWithType(String exportName, Class<?> rawType,
      java.util.function.Supplier<JavaType> type, Object... args) {
    return worker.instance().call(exportName, Arrays.asList(args)).thenApply(result -> {
      if (result instanceof CallCallback.ResponseResult r) {
        if (rawType.isAssignableFrom(Response.class)) {
          return (T) r.response();
        }
        throw new MiniflareException("export \"" + exportName + "\" returned a Response, not " + type.get());
      }
      String json = ((CallCallback.JsonResult) result).json();
      if (json == null) {
        return null;
      }
      Object plain = PlainJson.read(json, rawType);
      if (plain != PlainJson.NOT_PLAIN) {
        return (T) plain;
      }
      try {
        return Json.MAPPER.readValue(json, type.get());
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new MiniflareException("cannot convert the result of export \"" + exportName + "\" (" + json
            + ") to " + type.get() + ": " + e.getOriginalMessage(), e);
      }
    });
  }
}
