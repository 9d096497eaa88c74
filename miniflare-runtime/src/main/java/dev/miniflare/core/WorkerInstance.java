package dev.miniflare.core;

import dev.miniflare.MiniflareException;
import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import dev.miniflare.kv.KvBinding;
import dev.miniflare.kv.KvStore;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;

/**
 * A worker loaded into its own {@link Isolate}: the env built from its bindings, its script evaluated in the
 * right format, and fetch events dispatched to it.
 */
public final class WorkerInstance implements AutoCloseable, dev.miniflare.durableobjects.DurableObjects.ObjectRunner,
    dev.miniflare.durableobjects.DurableObjects.Caller {
  /** Path under which the built-in {@code cloudflare:workers} module is served. */
  public static final String CLOUDFLARE_WORKERS = "/__builtin__/cloudflare/workers";

  private final WorkerSetup setup;
  private final Isolate isolate;
  private final Value dispatchFetch;
  private final Value callExport;
  private final Value env;
  private final java.util.Set<CompletableFuture<Response>> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Starts the worker; throws {@link MiniflareException} with the JS error and its file:line if it fails. */
  public WorkerInstance(WorkerSetup setup) {
    this.setup = setup;
    ModuleFileSystem fs = new ModuleFileSystem(setup.inMemoryFiles(), setup.mainPath().getParent(), setup.diskRoot(),
        setup.nodeCompat());
    this.isolate = new Isolate(setup.name(), fs, setup.logSink(), setup.unsafeEval(), WasmSupport.neededBy(setup),
        setup.nodeCompat());
    isolate.onLimitExceeded(message -> {
      WorkerException limit = new WorkerException(new WorkerError("Error", message, "Error: " + message));
      java.util.function.Consumer<RuntimeException> runaway = isolate.currentEvent();
      if (runaway != null) {
        runaway.accept(limit); // the event that ran away; others queued behind it run next
        return;
      }
      // Copies first: completing a future can make its caller send the next request at once, and that one
      // must not be failed for this runaway.
      java.util.List<CompletableFuture<?>> failing = new java.util.ArrayList<>(inFlight);
      failing.addAll(inFlightCalls);
      failing.forEach(f -> f.completeExceptionally(limit));
    });
    try {
      Value internals = isolate.internals();
      this.dispatchFetch = internals.getMember("dispatchFetch");
      this.callExport = internals.getMember("callExport");
      if (setup.outbound() != null) {
        isolate.setOutbound(new HostFetchTarget(setup.outbound(), isolate));
      }
      this.env = isolate.call(() -> {
        Value e = internals.getMember("createEnv").execute(setup.bindings().varsJson());
        internals.putMember("cacheHost", setup.bindings().caches()); // read by cache.js when `caches` is first used
        internals.putMember("requestCacheOption", setup.requestCacheOption()); // read by fetch.js's Request
        Value makeKv = internals.getMember("makeKvNamespace");
        for (Map.Entry<String, KvStore> kv : setup.bindings().kvNamespaces().entrySet()) {
          e.putMember(kv.getKey(), makeKv.execute(new KvBinding(kv.getValue())));
        }
        if (!setup.bindings().d1Databases().isEmpty()) {
          isolate.ensureInstalled(Isolate.D1_JS);
          Value makeD1 = internals.getMember("makeD1Database");
          setup.bindings().d1Databases().forEach((binding, store) -> e.putMember(binding,
              makeD1.execute(new dev.miniflare.d1.D1Binding(store))));
        }
        if (!setup.bindings().r2Buckets().isEmpty()) {
          isolate.ensureInstalled(Isolate.R2_JS);
          Value makeR2 = internals.getMember("makeR2Bucket");
          setup.bindings().r2Buckets().forEach((binding, store) ->
              e.putMember(binding, makeR2.execute(new dev.miniflare.r2.R2Binding(store))));
        }
        if (!setup.bindings().durableObjectBindings().isEmpty()) {
          isolate.ensureInstalled(Isolate.SERIALIZE_JS);
          isolate.ensureInstalled(Isolate.DURABLE_OBJECTS_JS);
          Value makeNamespace = internals.getMember("makeDurableObjectNamespace");
          setup.bindings().durableObjectBindings().forEach((binding, namespace) -> e.putMember(binding,
              makeNamespace.execute(setup.bindings().durableObjects().namespaceHost(namespace, this), setup.jsRpc())));
        }
        if (!setup.bindings().queueProducers().isEmpty()) {
          installQueues();
          Value makeProducer = internals.getMember("makeQueueProducer");
          setup.bindings().queueProducers().forEach((binding, host) -> e.putMember(binding, makeProducer.execute(host)));
        }
        Value bindFetcher = internals.getMember("bindFetcher");
        setup.bindings().services().forEach((binding, target) -> {
          HostFetchTarget fetchTarget = new HostFetchTarget(target, isolate, this);
          bindFetcher.executeVoid(binding, fetchTarget, setup.jsRpc() && fetchTarget.supportsRpc());
        });
        if (!setup.modules()) {
          internals.getMember("exposeEnvAsGlobals").executeVoid();
        }
        Source main = mainSource();
        Value result = isolate.context().eval(main);
        if (setup.modules()) {
          internals.getMember("setModuleExports").executeVoid(result);
        }
        return e;
      });
    } catch (PolyglotException e) {
      isolate.close();
      throw startupFailure(e);
    } catch (RuntimeException e) {
      isolate.close();
      throw e;
    }
  }

  private Source mainSource() throws IOException {
    String path = setup.mainPath().toString();
    String content = setup.inMemoryFiles().get(path);
    if (content == null) {
      content = Files.readString(setup.mainPath());
    }
    Source.Builder b = Source.newBuilder("js", new File(path)).content(content);
    if (setup.modules()) {
      b.mimeType("application/javascript+module");
    }
    return b.build();
  }

  private MiniflareException startupFailure(PolyglotException e) {
    StringBuilder msg = new StringBuilder("Worker \"").append(setup.name()).append("\" failed to start: ")
        .append(e.getMessage());
    // V8-style frames ("at fn (file:line:col)") with the file's path, so bundled code maps back to its sources
    int frames = 0;
    for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
      SourceSection s = frame.getSourceLocation();
      if (frame.isGuestFrame() && s != null && s.getSource() != null) {
        String where = location(s);
        String fn = frame.getRootName();
        boolean anonymous = fn == null || fn.isEmpty() || fn.startsWith(":");
        msg.append("\n    at ").append(anonymous ? where : fn + " (" + where + ")");
        frames++;
      }
    }
    SourceSection at = e.getSourceLocation();
    if (frames == 0 && at != null && at.getSource() != null) {
      msg.append("\n    at ").append(location(at));
    }
    return new MiniflareException(dev.miniflare.build.SourceMap.remapAll(msg.toString()), e);
  }

  private static String location(SourceSection s) {
    String file = s.getSource().getPath() != null ? s.getSource().getPath() : s.getSource().getName();
    return file + ":" + s.getStartLine() + ":" + s.getStartColumn();
  }

  /** The worker's name. */
  public String name() {
    return setup.name();
  }

  /** Dispatches a scheduled (cron) event; completes when the handler (and its promise) settles. */
  public CompletableFuture<Void> scheduled(String cron, long scheduledTime) {
    CompletableFuture<CallCallback.Result> result = new CompletableFuture<>();
    CallCallback cb = new CallCallback(result);
    onLoop(result, internals -> internals.getMember("dispatchScheduled").executeVoid(cron, (double) scheduledTime, cb));
    return result.thenApply(r -> null);
  }

  // --- Queues ----------------------------------------------------------------------------------------------------

  /** Installs queues.js (and the serialiser v8 bodies use) once; call on the loop thread. */
  private void installQueues() {
    isolate.ensureInstalled(Isolate.SERIALIZE_JS);
    isolate.ensureInstalled(Isolate.QUEUES_JS);
  }

  /**
   * Dispatches a queue event: runs the worker's {@code queue()} handler (or {@code queue} listeners) with the
   * batch; completes with the result JSON once the handler and its {@code waitUntil} work settled. A throwing
   * handler still completes normally, with outcome "exception".
   */
  public CompletableFuture<String> queue(dev.miniflare.queues.QueueBatchHost batch) {
    CompletableFuture<CallCallback.Result> result = new CompletableFuture<>();
    CallCallback cb = new CallCallback(result);
    onLoop(result, internals -> {
      installQueues();
      internals.getMember("dispatchQueue").executeVoid(batch, cb);
    });
    return result.thenApply(r -> ((CallCallback.JsonResult) r).json());
  }

  /** Runs an event on the loop, tracked as in flight until {@code result} completes (which the task must do). */
  private <T> CompletableFuture<T> onLoop(CompletableFuture<T> result, java.util.function.Consumer<Value> task) {
    inFlightCalls.add(result);
    result.whenComplete((r, e) -> inFlightCalls.remove(result));
    try {
      isolate.execute(() -> {
        try {
          isolate.runEvent(result::completeExceptionally, () -> task.accept(isolate.internals()));
        } catch (RuntimeException e) {
          result.completeExceptionally(e);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      result.completeExceptionally(new MiniflareException("worker \"" + name() + "\" has been disposed"));
    }
    return result;
  }

  // --- Durable Objects -------------------------------------------------------------------------------------------

  /** {@link #onLoop} with the Durable Object runtime files installed first. */
  private <T> CompletableFuture<T> onObjectLoop(CompletableFuture<T> result, java.util.function.Consumer<Value> task) {
    return onLoop(result, internals -> {
      isolate.ensureInstalled(Isolate.SERIALIZE_JS);
      isolate.ensureInstalled(Isolate.DURABLE_OBJECTS_JS);
      task.accept(internals);
    });
  }

  @Override
  public CompletableFuture<Response> objectFetch(dev.miniflare.durableobjects.DurableObjects.ObjectClass cls,
      dev.miniflare.durableobjects.DurableObjects.ObjectAddress address, dev.miniflare.durableobjects.ObjectHost host,
      Request request) {
    CompletableFuture<Response> raw = new CompletableFuture<>();
    HostViews.RequestView view = new HostViews.RequestView(request);
    onObjectLoop(raw, internals -> internals.getMember("objectFetch").executeVoid(cls.className(), address.hex(),
        address.name(), host, view, new FetchCallback(raw)));
    return raw.exceptionally(WorkerInstance::errorResponse);
  }

  @Override
  public CompletableFuture<String> objectRpc(dev.miniflare.durableobjects.DurableObjects.ObjectClass cls,
      dev.miniflare.durableobjects.DurableObjects.ObjectAddress address, dev.miniflare.durableobjects.ObjectHost host,
      String method, String args) {
    CompletableFuture<String> result = new CompletableFuture<>();
    onObjectLoop(result, internals -> internals.getMember("objectRpc").executeVoid(cls.className(), address.hex(),
        address.name(), host, method, args, dev.miniflare.durableobjects.DurableObjectCallbacks.rpc(result)));
    return result;
  }

  @Override
  public CompletableFuture<String> objectAlarm(dev.miniflare.durableobjects.DurableObjects.ObjectClass cls,
      dev.miniflare.durableobjects.DurableObjects.ObjectAddress address, dev.miniflare.durableobjects.ObjectHost host,
      int retryCount) {
    CompletableFuture<String> result = new CompletableFuture<>();
    onObjectLoop(result, internals -> internals.getMember("objectAlarm").executeVoid(cls.className(), address.hex(),
        address.name(), host, retryCount, dev.miniflare.durableobjects.DurableObjectCallbacks.rpc(result)));
    return result;
  }

  /**
   * Runs {@code runner} on this worker's loop with the live instance and state of an object (constructing it if
   * needed), for test helpers; completes with the serialised value the runner's JS result resolves to.
   */
  public CompletableFuture<String> objectRun(dev.miniflare.durableobjects.DurableObjects.ObjectClass cls,
      dev.miniflare.durableobjects.DurableObjects.ObjectAddress address, dev.miniflare.durableobjects.ObjectHost host,
      Object runner) {
    CompletableFuture<String> result = new CompletableFuture<>();
    onObjectLoop(result, internals -> internals.getMember("objectRun").executeVoid(cls.className(), address.hex(),
        address.name(), host, runner, dev.miniflare.durableobjects.DurableObjectCallbacks.rpc(result)));
    return result;
  }

  @Override
  public void resetObjects() {
    try {
      isolate.call(() -> {
        Value reset = isolate.internals().getMember("resetObjects");
        if (reset != null && !reset.isNull()) {
          reset.executeVoid();
        }
        return null;
      });
    } catch (RuntimeException e) {
      if (!isolate.isClosed()) {
        throw e;
      }
    }
  }

  @Override
  public void deliverResponse(CompletableFuture<Response> response, Value onResponse, Value onError) {
    isolate.pendingStarted();
    response.whenComplete((r, error) -> isolate.executeOrDrop(() -> {
      isolate.pendingSettled();
      if (error == null) {
        onResponse.executeVoid(new HostViews.ResponseView(r));
      } else {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
            ? error.getCause() : error;
        onError.executeVoid(cause instanceof WorkerException we ? we.error().name() : "Error",
            cause instanceof WorkerException we ? we.error().message() : String.valueOf(cause.getMessage()));
      }
    }));
  }

  @Override
  public void deliverResult(CompletableFuture<String> result, Value onResult, Value onError) {
    isolate.pendingStarted();
    result.whenComplete((r, error) -> isolate.executeOrDrop(() -> {
      isolate.pendingSettled();
      isolate.ensureInstalled(Isolate.SERIALIZE_JS);
      if (error == null) {
        onResult.executeVoid(r);
        return;
      }
      Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
          ? error.getCause() : error;
      if (cause instanceof dev.miniflare.durableobjects.RpcCallback.RemoteError remote) {
        onError.executeVoid(remote.serialized());
      } else {
        onError.executeVoid(isolate.internals().getMember("serialize").execute(
            isolate.context().eval("js", "(m) => new Error(m)").execute(String.valueOf(cause.getMessage()))));
      }
    }));
  }

  /** Runs the runtime's own hot paths once in this isolate (no worker code), so the first event is fast. */
  public void warmUp() {
    isolate.call(() -> {
      isolate.internals().getMember("warmUp").executeVoid();
      return null;
    });
  }

  /** Sets how long one task of this worker may run before it is interrupted (default 30 s). */
  public void setCpuLimit(java.time.Duration limit) {
    isolate.setCpuLimit(limit);
  }

  /** Sets how much one event may add to the heap before it fails with "Worker exceeded memory limit.". */
  public void setMemoryLimit(long bytes) {
    isolate.setMemoryLimit(bytes);
  }

  /** The isolate it runs in. */
  public Isolate isolate() {
    return isolate;
  }

  /**
   * Dispatches a fetch event. An uncaught error or a non-Response result completes the future with a 500
   * response carrying the error's {@code name: message} and stack as text, as the Workers runtime does locally.
   */
  public CompletableFuture<Response> fetch(Request request) {
    return fetchRaw(request).exceptionally(WorkerInstance::errorResponse);
  }

  /**
   * Calls {@code method} of a module export (a {@code WorkerEntrypoint} class, instantiated for the call) with
   * serialised arguments, for another worker's service binding; completes with the serialised result, or fails
   * with the serialised error ({@code RpcCallback.RemoteError}).
   */
  public CompletableFuture<String> entrypointRpc(String entrypoint, String method, String args) {
    CompletableFuture<String> result = new CompletableFuture<>();
    onLoop(result, internals -> {
      isolate.ensureInstalled(Isolate.SERIALIZE_JS);
      internals.getMember("entrypointRpc").executeVoid(entrypoint, method, args,
          dev.miniflare.durableobjects.DurableObjectCallbacks.rpc(result));
    });
    return result;
  }

  /** As {@link #fetch(Request)}, handled by the named module export {@code entrypoint} (null: the default export). */
  public CompletableFuture<Response> fetch(Request request, String entrypoint) {
    return fetchRaw(request, entrypoint).exceptionally(WorkerInstance::errorResponse);
  }

  /** The same as {@link #fetch} but without turning worker errors into 500 responses. */
  public CompletableFuture<Response> fetchRaw(Request request) {
    return fetchRaw(request, null);
  }

  private CompletableFuture<Response> fetchRaw(Request request, String entrypoint) {
    CompletableFuture<Response> raw = new CompletableFuture<>();
    FetchCallback cb = new FetchCallback(raw);
    HostViews.RequestView view = new HostViews.RequestView(request);
    inFlight.add(raw);
    raw.whenComplete((r, e) -> inFlight.remove(raw));
    try {
      isolate.executeSoon(() -> {
        try {
          isolate.runEvent(raw::completeExceptionally, () -> {
            if (entrypoint == null) {
              dispatchFetch.executeVoid(view, cb);
            } else {
              dispatchFetch.executeVoid(view, cb, entrypoint);
            }
          });
        } catch (RuntimeException e) {
          // Includes an interrupted or cancelled run: a CPU-limit stop has already failed the request with its
          // own error (this is then a no-op); anything else must not leave the caller waiting.
          raw.completeExceptionally(e);
        } catch (Error e) {
          raw.completeExceptionally(e); // never leave the caller waiting, whatever went wrong
          throw e;
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      raw.completeExceptionally(new MiniflareException("worker \"" + name() + "\" has been disposed"));
    }
    return raw;
  }

  static Response errorResponse(Throwable t) {
    Throwable cause = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    String text = cause instanceof WorkerException we ? we.getMessage() : String.valueOf(cause);
    return Response.builder(500).header("content-type", "text/plain;charset=UTF-8").body(text).build();
  }

  /** Runs {@code task} with this worker's JS {@code env} on its loop thread. */
  public <T> CompletableFuture<T> withEnv(java.util.function.BiFunction<Isolate, Value, T> task) {
    CompletableFuture<T> f = new CompletableFuture<>();
    isolate.execute(() -> {
      try {
        f.complete(task.apply(isolate, env));
      } catch (Throwable t) {
        f.completeExceptionally(t);
      }
    });
    return f;
  }

  /**
   * Calls an export of the module worker with Java arguments: {@link KvStore}-backed namespaces arrive as the
   * isolate's own KV binding objects, {@link Request}s as JS Requests, strings, numbers and booleans as
   * themselves, anything else as its Jackson JSON. Promises are awaited.
   */
  public CompletableFuture<CallCallback.Result> call(String export, java.util.List<Object> args) {
    CompletableFuture<CallCallback.Result> result = new CompletableFuture<>();
    CallCallback cb = new CallCallback(result);
    inFlightCalls.add(result);
    result.whenComplete((r, e) -> inFlightCalls.remove(result));
    try {
      isolate.executeSoon(() -> {
        try {
          Value internals = isolate.internals();
          isolate.runEvent(result::completeExceptionally, () -> {
            Value array = internals.getMember("newArray").execute();
            for (Object arg : args) {
              array.invokeMember("push", toJs(internals, arg));
            }
            callExport.executeVoid(export, array, cb);
          });
        } catch (RuntimeException e) {
          result.completeExceptionally(e);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      result.completeExceptionally(new MiniflareException("worker \"" + name() + "\" has been disposed"));
    }
    return result;
  }

  private final java.util.Set<CompletableFuture<?>> inFlightCalls = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private Object toJs(Value internals, Object arg) {
    if (arg == null || arg instanceof String || arg instanceof Boolean || arg instanceof Integer
        || arg instanceof Long || arg instanceof Double || arg instanceof Float || arg instanceof Short
        || arg instanceof Byte) {
      return arg;
    }
    if (arg instanceof dev.miniflare.kv.KVNamespace kv) {
      for (Map.Entry<String, KvStore> e : setup.bindings().kvNamespaces().entrySet()) {
        if (e.getValue().id().equals(kv.id())) {
          return env.getMember(e.getKey());
        }
      }
      return internals.getMember("makeKvNamespace").execute(new KvBinding(kv.store()));
    }
    if (arg instanceof Request request) {
      return internals.getMember("requestFromHost").execute(new HostViews.RequestView(request));
    }
    if (arg instanceof Value v) {
      return v;
    }
    return internals.getMember("parseJson").execute(dev.miniflare.http.Json.write(arg));
  }

  /** Waits for pending {@code waitUntil} work (up to {@code millis}), then disposes the isolate. */
  public void close(long waitMillis) {
    if (waitMillis > 0) {
      isolate.awaitIdle(waitMillis);
    }
    isolate.close();
    // Whatever is still waiting on this worker would otherwise wait forever: its isolate drops late callbacks.
    MiniflareException disposed = new MiniflareException("worker \"" + name() + "\" has been disposed");
    java.util.List<CompletableFuture<?>> waiting = new java.util.ArrayList<>(inFlight);
    waiting.addAll(inFlightCalls);
    waiting.forEach(f -> f.completeExceptionally(disposed));
  }

  @Override
  public void close() {
    close(0);
  }
}
