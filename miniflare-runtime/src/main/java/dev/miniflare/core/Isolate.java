package dev.miniflare.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One V8-isolate equivalent: a sandboxed GraalJS context on the shared engine, its event-loop thread, and the
 * Workers runtime JS installed in it. Only the loop thread ever enters the context.
 */
public final class Isolate implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Isolate.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Runtime JS files in install order; each evaluates to {@code (host, global, internals) => exports}. */
  static final List<String> RUNTIME_FILES = List.of(
      "/dev/miniflare/web/url.js", "/dev/miniflare/web/fetch.js", "/dev/miniflare/kv/kv.js",
      "/dev/miniflare/core/runtime.js");

  /**
   * Files installed lazily: their globals are getters that evaluate the file on first access, so an isolate
   * only pays for the APIs its worker touches (a fresh isolate is created for every test).
   */
  private static final Map<String, List<String>> LAZY_FILES = Map.ofEntries(
      Map.entry("/dev/miniflare/web/dom.js", List.of("DOMException", "Event", "EventTarget", "AbortController", "AbortSignal", "CustomEvent", "ErrorEvent", "MessageEvent", "CloseEvent", "PromiseRejectionEvent")),
      Map.entry("/dev/miniflare/web/base64.js", List.of("atob", "btoa")),
      Map.entry("/dev/miniflare/web/clone.js", List.of("structuredClone")),
      Map.entry("/dev/miniflare/web/blob.js", List.of("Blob", "File")),
      Map.entry("/dev/miniflare/web/formdata.js", List.of("FormData")),
      Map.entry("/dev/miniflare/web/crypto.js", List.of("CryptoKey", "SubtleCrypto")),
      Map.entry("/dev/miniflare/web/inspect.js", List.of("@__formatConsoleArgs", "@__inspect")),
      Map.entry("/dev/miniflare/html/html-rewriter.js", List.of("HTMLRewriter")),
      Map.entry("/dev/miniflare/cache/cache.js", List.of("caches", "Cache", "CacheStorage")),
      Map.entry(Isolate.WEBSOCKET_JS, List.of("WebSocketPair", "WebSocket", "@webSocketToHost", "@webSocketFromHost",
          "@isWebSocket", "@acceptWebSocketForHibernation")),
      Map.entry("/dev/miniflare/web/transform-streams.js", List.of("TextEncoderStream", "TextDecoderStream",
          "CompressionStream", "DecompressionStream", "IdentityTransformStream", "FixedLengthStream")));

  /** WebSocketPair and WebSocket; its host ({@link WebSocketHost}) belongs to the isolate. */
  static final String WEBSOCKET_JS = "/dev/miniflare/web/websocket.js";

  /** Runtime files a worker only needs for some features; installed on demand by {@link #ensureInstalled}. */
  static final String DURABLE_OBJECTS_JS = "/dev/miniflare/durableobjects/durable-objects.js";
  static final String SERIALIZE_JS = "/dev/miniflare/durableobjects/serialize.js";
  static final String D1_JS = "/dev/miniflare/d1/d1.js";
  static final String R2_JS = "/dev/miniflare/r2/r2.js";
  static final String QUEUES_JS = "/dev/miniflare/queues/queues.js";
  /** Shapes GraalJS's {@code WebAssembly} as workerd's; evaluated only in contexts created with wasm. */
  static final String WEBASSEMBLY_JS = "/dev/miniflare/web/webassembly.js";
  private static final java.util.Set<String> ON_DEMAND_FILES =
      java.util.Set.of(DURABLE_OBJECTS_JS, SERIALIZE_JS, D1_JS, R2_JS, QUEUES_JS);
  private final java.util.Set<String> installed = ConcurrentHashMap.newKeySet();

  /**
   * Installs every lazy file's getters in one call: {@code specs} is "file|name,name;file|name...". A name
   * starting with '@' is runtime-internal: its getter goes on {@code internals}, never on the worker's global.
   */
  private static final Source INSTALL_LAZY = Source.create("js", "(function (load, specs, internals) {"
      + " const define = (target, k, v) => Object.defineProperty(target, k,"
      + "   { value: v, writable: true, configurable: true, enumerable: false });"
      + " for (const spec of specs.split(';')) {"
      + "  const [file, list] = spec.split('|'); const names = list.split(','); let exports = null;"
      + "  const targetOf = (k) => (names.includes('@' + k) ? internals : globalThis);"
      + "  const get = () => { if (exports === null) { exports = load.loadRuntimeFile(file)(load.fileHost(file), globalThis, internals);"
      + "    for (const k of Object.keys(exports)) define(targetOf(k), k, exports[k]); } return exports; };"
      + "  for (const entry of names) { const name = entry[0] === '@' ? entry.slice(1) : entry; const target = targetOf(name);"
      + "   Object.defineProperty(target, name, { configurable: true, enumerable: false,"
      + "    get() { return get()[name]; }, set(v) { get(); define(target, name, v); } }); } } })");
  private static final String LAZY_SPECS = LAZY_FILES.entrySet().stream()
      .map(e -> e.getKey() + "|" + String.join(",", e.getValue()))
      .collect(java.util.stream.Collectors.joining(";"));

  /** Host primitives a runtime file needs, by file; files not listed get none. */
  private static final Map<String, Supplier<Object>> FILE_HOSTS = new ConcurrentHashMap<>();

  private static final Source INSTALL = Source.create("js", "(function (factory, host, internals) {"
      + " const exports = factory(host, globalThis, internals);"
      + " for (const k of Object.keys(exports)) Object.defineProperty(globalThis, k,"
      + " { value: exports[k], writable: true, configurable: true, enumerable: false }); })");

  private final String name;
  private final boolean allowEval;
  private final Context context;
  private final EventLoop loop;
  private final Value internals;
  /**
   * Held by whichever thread runs JS in this isolate: the loop thread for queued tasks, or a Java caller that
   * found the isolate idle and runs its event inline (saving two thread hand-offs per call).
   */
  private final java.util.concurrent.locks.ReentrantLock jsLock = new java.util.concurrent.locks.ReentrantLock();
  private final AtomicInteger queued = new AtomicInteger();
  private volatile long busySince;
  private final Map<Integer, ScheduledFuture<?>> timers = new ConcurrentHashMap<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final LogSink logSink;
  private volatile HostFetchTarget outbound;
  private volatile boolean closed;
  private volatile long cpuLimitNanos = DEFAULT_CPU_LIMIT.toNanos();
  private volatile long memoryLimitBytes = DEFAULT_MEMORY_LIMIT_BYTES;
  private volatile java.util.function.Consumer<String> onLimit = message -> {};
  /** The outermost JS run in progress (who runs it and the thread's counters when it began), or null when idle. */
  private volatile BusyRun busyRun;
  private volatile java.util.function.Consumer<RuntimeException> currentEvent;
  private volatile WebSocketHost webSockets; // created when websocket.js is first loaded
  private Value fireTimer;

  /** How long one task (an event, a timer, a continuation) may run before the isolate interrupts it. */
  public static final java.time.Duration DEFAULT_CPU_LIMIT = java.time.Duration.ofSeconds(30);
  /** workerd's per-isolate memory limit: what one task may add to the JVM heap before it is stopped. */
  public static final long DEFAULT_MEMORY_LIMIT_BYTES = 128L << 20;
  /** The text workerd fails a request with when its isolate ran out of CPU time. */
  public static final String CPU_LIMIT_MESSAGE = "Worker exceeded CPU time limit.";
  /** The text workerd fails a request with when its isolate exceeded its memory limit. */
  public static final String MEMORY_LIMIT_MESSAGE = "Worker exceeded memory limit.";
  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();
  private static final com.sun.management.ThreadMXBean THREAD_ALLOCATIONS =
      THREADS instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported() ? sun : null;
  private static final boolean THREAD_CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported();
  private static final java.lang.management.MemoryMXBean HEAP = java.lang.management.ManagementFactory.getMemoryMXBean();
  /** Last time the watchdog asked for a full GC to confirm a suspected memory runaway (at most once a second). */
  private static volatile long lastConfirmingGc;

  /**
   * One outermost JS run. Starting one costs a clock read only: the JVM's thread CPU, allocation and heap counters
   * cost microseconds each, which a small request (tens of microseconds) would feel on every task. The watchdog
   * takes those baselines when it first sees the run (it looks every 50 ms, so shorter runs are never measured) and
   * counts the wall time before that as CPU time, so the CPU measure never undercounts; after that it charges only
   * the thread's CPU time (not time spent waiting for a core or a GC) and what the run added to the heap.
   */
  private static final class BusyRun {
    final Thread thread = Thread.currentThread();
    final long startNanos = System.nanoTime();
    private boolean observed; // baselines below are set by the watchdog thread only
    private long observedNanos;
    private long cpuAtObservation;
    private long allocatedAtObservation;
    private long heapAtObservation;

    static BusyRun start() {
      return new BusyRun();
    }

    /** Takes the baselines on the watchdog's first look at this run. */
    void observe() {
      if (observed) {
        return;
      }
      observed = true;
      observedNanos = System.nanoTime();
      cpuAtObservation = THREAD_CPU_TIME ? THREADS.getThreadCpuTime(thread.getId()) : -1;
      allocatedAtObservation = THREAD_ALLOCATIONS != null ? THREAD_ALLOCATIONS.getThreadAllocatedBytes(thread.getId()) : -1;
      heapAtObservation = HEAP.getHeapMemoryUsage().getUsed();
    }

    /** CPU time spent since the run began: wall time until first observed, the thread's CPU time after. */
    long cpuNanos() {
      observe();
      if (cpuAtObservation >= 0) {
        long now = THREADS.getThreadCpuTime(thread.getId());
        if (now >= 0) {
          return (observedNanos - startNanos) + (now - cpuAtObservation);
        }
      }
      return System.nanoTime() - startNanos;
    }

    /** Bytes the run's thread allocated since first observed, or -1 when the JVM cannot tell. */
    long allocatedBytes() {
      observe();
      if (allocatedAtObservation < 0) {
        return -1;
      }
      long now = THREAD_ALLOCATIONS.getThreadAllocatedBytes(thread.getId());
      return now < 0 ? -1 : now - allocatedAtObservation;
    }

    /** The heap in use when first observed. */
    long heapStart() {
      observe();
      return heapAtObservation;
    }
  }
  private static final java.util.Set<Isolate> LIVE = ConcurrentHashMap.newKeySet();
  private static final java.util.concurrent.ScheduledExecutorService WATCHDOG =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "miniflare-watchdog");
        t.setDaemon(true);
        return t;
      });

  static {
    WATCHDOG.scheduleWithFixedDelay(Isolate::checkRunaways, 50, 50, java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  private static void checkRunaways() {
    for (Isolate isolate : LIVE) {
      BusyRun run = isolate.busyRun;
      if (run == null) {
        continue;
      }
      if (run.cpuNanos() > isolate.cpuLimitNanos) {
        LOG.error("worker \"{}\" exceeded its CPU time limit of {} ms; interrupting it", isolate.name,
            isolate.cpuLimitNanos / 1_000_000);
        isolate.interruptRunaway(run, CPU_LIMIT_MESSAGE);
      } else if (isolate.exceedsMemoryLimit(run)) {
        LOG.error("worker \"{}\" exceeded its memory limit of {} MiB; interrupting it", isolate.name,
            isolate.memoryLimitBytes >> 20);
        isolate.interruptRunaway(run, MEMORY_LIMIT_MESSAGE);
      }
    }
  }

  /**
   * Whether the run keeps more than the memory limit: its thread allocated more than the limit and the heap grew
   * by more than the limit since it began, still so after a full GC (garbage does not count; the GC is asked for
   * only in that case, at most once a second).
   */
  private boolean exceedsMemoryLimit(BusyRun run) {
    long limit = memoryLimitBytes;
    if (limit <= 0 || run.allocatedBytes() <= limit || HEAP.getHeapMemoryUsage().getUsed() - run.heapStart() <= limit) {
      return false;
    }
    long now = System.nanoTime();
    if (now - lastConfirmingGc < 1_000_000_000L) {
      return false;
    }
    lastConfirmingGc = now;
    System.gc();
    return busyRun == run && HEAP.getHeapMemoryUsage().getUsed() - run.heapStart() > limit;
  }

  private void interruptRunaway(BusyRun run, String message) {
    if (busyRun != run) {
      return; // it finished meanwhile
    }
    try {
      onLimit.accept(message);
      try {
        context.interrupt(java.time.Duration.ofSeconds(5));
      } catch (java.util.concurrent.TimeoutException slow) {
        // seen once in a full parallel test run on two busy cores: give the interrupt one more chance before the
        // isolate (and every request on it) is given up
        LOG.warn("worker \"{}\" did not stop within 5 s of its interrupt; trying again", name);
        context.interrupt(java.time.Duration.ofSeconds(5));
      }
    } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
      LOG.error("worker \"{}\" could not be interrupted; closing its isolate", name, e);
      close();
    }
  }

  /**
   * Sets the per-task CPU limit: a task (an event, a timer, a continuation) whose thread spends more CPU time is
   * interrupted.
   */
  public void setCpuLimit(java.time.Duration limit) {
    // zero or negative: no limit (wrangler dev enforces none)
    this.cpuLimitNanos = limit.isZero() || limit.isNegative() ? Long.MAX_VALUE : limit.toNanos();
  }

  /** Sets how much one task may add to the heap before it is interrupted ({@code 0} or less: no limit). */
  public void setMemoryLimit(long bytes) {
    this.memoryLimitBytes = bytes;
  }

  /**
   * Runs {@code js}, the start of one event, marked as that event's: if the CPU or memory limit stops it, the
   * limit's handler can fail just {@code failEvent}'s caller instead of every request waiting on the isolate (a
   * runaway Durable Object must not fail the other objects' events queued behind it).
   */
  void runEvent(java.util.function.Consumer<RuntimeException> failEvent, Runnable js) {
    java.util.function.Consumer<RuntimeException> previous = currentEvent;
    currentEvent = failEvent;
    try {
      js.run();
    } finally {
      currentEvent = previous;
    }
  }

  /** The event whose start is running now ({@link #runEvent}), or null (a timer, a continuation, nothing). */
  java.util.function.Consumer<RuntimeException> currentEvent() {
    return currentEvent;
  }

  /** Runs when a runaway task is interrupted (fails the requests waiting on this isolate). */
  void onCpuLimit(Runnable action) {
    this.onLimit = message -> action.run();
  }

  /** Runs with workerd's message ({@link #CPU_LIMIT_MESSAGE}, {@link #MEMORY_LIMIT_MESSAGE}) when a task is stopped. */
  void onLimitExceeded(java.util.function.Consumer<String> action) {
    this.onLimit = action;
  }

  static {
    FILE_HOSTS.put("/dev/miniflare/web/url.js", dev.miniflare.web.UrlHost::new);
    dev.miniflare.web.CryptoHost cryptoHost = new dev.miniflare.web.CryptoHost(); // stateless, shared
    FILE_HOSTS.put("/dev/miniflare/web/crypto.js", () -> cryptoHost);
    FILE_HOSTS.put("/dev/miniflare/html/html-rewriter.js", dev.miniflare.html.HtmlRewriterHost::new);
    dev.miniflare.web.CompressionHost compressionHost = new dev.miniflare.web.CompressionHost(); // stateless
    FILE_HOSTS.put("/dev/miniflare/web/transform-streams.js", () -> compressionHost);
  }

  /** Registers the host object passed to a runtime file (e.g. IDNA for url.js). */
  static void registerFileHost(String resource, Supplier<Object> host) {
    FILE_HOSTS.put(resource, host);
  }

  Isolate(String name, ModuleFileSystem fileSystem, LogSink logSink) {
    this(name, fileSystem, logSink, false);
  }

  /** {@code allowEval}: whether JS may generate code from strings (workerd forbids it; see WorkerOptions). */
  Isolate(String name, ModuleFileSystem fileSystem, LogSink logSink, boolean allowEval) {
    this(name, fileSystem, logSink, allowEval, false, dev.miniflare.node.NodeCompat.NONE);
  }

  /**
   * {@code allowEval}: whether JS may generate code from strings, wasm included (workerd forbids both; see
   * WorkerOptions); {@code webAssembly}: whether the context gets the {@code WebAssembly} global (GraalWasm);
   * {@code nodeCompat}: the worker's Node.js compatibility: an isolate that has any runs on the AsyncContext engine
   * (for AsyncLocalStorage) and gets {@code node/node.js} (the {@code node:} module loader and, with v2, the Node.js
   * globals).
   */
  Isolate(String name, ModuleFileSystem fileSystem, LogSink logSink, boolean allowEval, boolean webAssembly,
      dev.miniflare.node.NodeCompat nodeCompat) {
    this.name = name;
    this.allowEval = allowEval;
    this.logSink = logSink;
    JsEngine.awaitPrewarm();
    this.loop = new EventLoop(name);
    this.context = JsEngine.newContext(fileSystem, allowEval, webAssembly, nodeCompat.any());
    this.internals = call(() -> {
      Value install = context.eval(INSTALL);
      Value internalsObject = context.eval("js", "({})");
      RuntimeHost runtimeHost = new RuntimeHost();
      context.eval(INSTALL_LAZY).executeVoid(runtimeHost, LAZY_SPECS, internalsObject);
      for (String file : RUNTIME_FILES) {
        Object host = file.endsWith("/runtime.js") ? runtimeHost : FILE_HOSTS.getOrDefault(file, () -> null).get();
        install.executeVoid(context.eval(JsEngine.runtimeSource(file)), host, internalsObject);
      }
      if (webAssembly) {
        install.executeVoid(context.eval(JsEngine.runtimeSource(WEBASSEMBLY_JS)), runtimeHost, internalsObject);
      }
      fireTimer = internalsObject.getMember("fireTimer");
      if (nodeCompat.any()) {
        install.executeVoid(context.eval(dev.miniflare.node.NodeHost.runtimeSource()),
            new dev.miniflare.node.NodeHost(nodeCompat, context::eval), internalsObject);
      }
      return internalsObject;
    });
    LIVE.add(this);
  }

  /** Installs an on-demand runtime file (once); call on the loop thread. */
  void ensureInstalled(String file) {
    if (!ON_DEMAND_FILES.contains(file) || !installed.add(file)) {
      return;
    }
    context.eval(INSTALL).executeVoid(context.eval(JsEngine.runtimeSource(file)), null, internals);
  }

  /** The worker name this isolate runs. */
  public String name() {
    return name;
  }

  Context context() {
    return context;
  }

  /** The runtime's private helpers object. */
  Value internals() {
    return internals;
  }

  void setOutbound(HostFetchTarget target) {
    this.outbound = target;
  }

  /**
   * Runs the callable in this isolate and waits for the result; rethrows what the callable threw. Runs on the
   * calling thread when the isolate is idle (or the caller is already inside it), otherwise on the loop thread.
   */
  <T> T call(Callable<T> callable) {
    if (loop.inLoop() || jsLock.isHeldByCurrentThread()) {
      return callDirect(callable);
    }
    if (tryEnterIdle()) {
      try {
        return timed(callable);
      } finally {
        jsLock.unlock();
      }
    }
    CompletableFuture<T> f = new CompletableFuture<>();
    execute(() -> {
      try {
        f.complete(callable.call());
      } catch (Throwable t) {
        f.completeExceptionally(t);
      }
    });
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for isolate " + name, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Queues a task on the loop thread. */
  void execute(Runnable task) {
    queued.incrementAndGet();
    try {
      loop.execute(() -> {
        queued.decrementAndGet();
        runLocked(task);
      });
    } catch (RuntimeException e) {
      queued.decrementAndGet();
      throw e;
    }
  }

  /**
   * Runs the task right away on the calling thread when a blocking caller sent it (see
   * {@link #dispatchForBlockingCaller}) and the isolate is idle with nothing queued before it; otherwise queues it
   * on the loop. Never runs inline for a thread already inside this isolate (a host call), so events stay
   * asynchronous relative to the code that sent them.
   */
  void executeSoon(Runnable task) {
    if (Boolean.TRUE.equals(BLOCKING_CALLER.get()) && tryEnterIdle()) {
      // Only the first event a blocking caller sends runs inline: whatever it triggers (completions chained on
      // its future, service bindings to other isolates) is queued as usual, so nothing recurses on this stack.
      BLOCKING_CALLER.remove();
      try {
        runBusy(task);
      } finally {
        jsLock.unlock();
      }
      return;
    }
    execute(task);
  }

  /** Set while a Java caller that will block for the result anyway dispatches its event. */
  private static final ThreadLocal<Boolean> BLOCKING_CALLER = new ThreadLocal<>();

  /**
   * Dispatches through {@code dispatch} on behalf of a caller that will wait for the result: if the isolate is
   * idle, the event runs right here instead of on the loop thread (saving two thread hand-offs). Asynchronous
   * APIs do not use this, so their futures never complete on the caller's stack.
   */
  public static <T> T dispatchForBlockingCaller(Supplier<T> dispatch) {
    // (If the caller's thread is interrupted while the script runs here, e.g. by a JUnit timeout, GraalJS stops
    // the script with a "Thread was interrupted." error: the event ends with that uncaught error.)
    BLOCKING_CALLER.set(Boolean.TRUE);
    try {
      return dispatch.get();
    } finally {
      BLOCKING_CALLER.remove();
    }
  }

  private static <T> T callDirect(Callable<T> callable) {
    try {
      return callable.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Takes the JS lock if the isolate is open, idle and nothing is queued; the caller must unlock. */
  private boolean tryEnterIdle() {
    if (closed || queued.get() != 0 || jsLock.isHeldByCurrentThread() || !jsLock.tryLock()) {
      return false;
    }
    if (queued.get() == 0 && !closed) {
      return true;
    }
    jsLock.unlock();
    return false;
  }

  private void runLocked(Runnable task) {
    jsLock.lock();
    try {
      runBusy(task);
    } finally {
      jsLock.unlock();
    }
  }

  /** Runs an event; an uncaught JS error is logged here, it has no caller to reach. */
  private void runBusy(Runnable task) {
    try {
      timed(() -> {
        task.run();
        return null;
      });
    } catch (PolyglotException e) {
      if (!e.isInterrupted() && !e.isCancelled()) {
        LOG.error("uncaught error in worker \"{}\"", name, e);
      }
    }
  }

  /** Runs JS under the lock the caller holds, visible to the CPU watchdog while the outermost run lasts. */
  private <T> T timed(Callable<T> callable) {
    boolean outermost = busySince == 0;
    if (outermost) {
      busySince = System.nanoTime();
      busyRun = BusyRun.start();
    }
    try {
      return callDirect(callable);
    } finally {
      if (outermost) {
        busyRun = null;
        busySince = 0;
      }
    }
  }

  /** Nanos the JS currently running in this isolate has been running, or 0 when idle. */
  long busyNanos() {
    long since = busySince;
    return since == 0 ? 0 : System.nanoTime() - since;
  }

  /** Queues a task unless the isolate is closed (late callbacks from other isolates are dropped). */
  void executeOrDrop(Runnable task) {
    if (closed) {
      return;
    }
    try {
      execute(task);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.debug("isolate {} closed; dropped a late callback", name);
    }
  }

  void pendingStarted() {
    pending.incrementAndGet();
  }

  void pendingSettled() {
    pending.decrementAndGet();
  }

  /** Number of {@code waitUntil} promises and subrequests not yet settled. */
  public int pendingWork() {
    return pending.get();
  }

  /** Waits (up to {@code millis}) until no {@code waitUntil} work or subrequest is pending. */
  public boolean awaitIdle(long millis) {
    long deadline = System.currentTimeMillis() + millis;
    while (pending.get() > 0 && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return pending.get() == 0;
  }

  /** Whether the isolate has been closed. */
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    LIVE.remove(this);
    WebSocketHost sockets = webSockets;
    if (sockets != null) {
      sockets.closeAll(); // clients of a discarded runtime see their sockets close
    }
    timers.values().forEach(t -> t.cancel(false));
    timers.clear();
    loop.close();
    try {
      loop.awaitTermination(2000);
      // wait (briefly) for a caller running an event inline; close(true) cancels whatever still runs
      boolean locked = jsLock.tryLock(2, java.util.concurrent.TimeUnit.SECONDS);
      try {
        context.close(true);
      } finally {
        if (locked) {
          jsLock.unlock();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (PolyglotException | IllegalStateException e) {
      LOG.debug("closing isolate {}: {}", name, e.getMessage());
    }
  }

  /** The primitives runtime.js needs from the host. Worker code never gets a reference to this object. */
  public final class RuntimeHost {
    /** A TextDecoder for a WHATWG legacy encoding, or null when the JDK has no charset for it. */
    @HostAccess.Export
    public dev.miniflare.web.LegacyTextDecoder legacyDecoder(String encoding, boolean fatal) {
      return dev.miniflare.web.LegacyTextDecoder.forEncoding(encoding, fatal);
    }

    /** Whether the worker may generate code from strings (WorkerOptions unsafeEval). */
    @HostAccess.Export
    public boolean allowEval() {
      return allowEval;
    }

    /** Console output. */
    @HostAccess.Export
    public void log(String level, String message) {
      logSink.log(name, level, dev.miniflare.build.SourceMap.remapAll(message)); // bundle frames -> original files
    }

    /** Schedules timer {@code id} on the loop. */
    @HostAccess.Export
    public void setTimer(int id, double delay, boolean repeat) {
      long ms = (long) Math.max(0, delay);
      Runnable fire = () -> {
        if (!repeat) {
          timers.remove(id);
        }
        fireTimer.executeVoid(id);
      };
      if (repeat) {
        scheduleRepeating(id, Math.max(1, ms), fire);
      } else {
        timers.put(id, loop.schedule(() -> runLocked(fire), ms));
      }
    }

    private void scheduleRepeating(int id, long ms, Runnable fire) {
      timers.put(id, loop.schedule(() -> {
        if (timers.containsKey(id)) {
          scheduleRepeating(id, ms, fire);
          runLocked(fire);
        }
      }, ms));
    }

    /** Cancels timer {@code id}. */
    @HostAccess.Export
    public void clearTimer(int id) {
      ScheduledFuture<?> t = timers.remove(id);
      if (t != null) {
        t.cancel(false);
      }
    }

    /** Cryptographically strong random bytes. */
    @HostAccess.Export
    public ByteBuffer randomBytes(int n) {
      byte[] b = new byte[n];
      RANDOM.nextBytes(b);
      return ByteBuffer.wrap(b);
    }

    /** A random (version 4) UUID. */
    @HostAccess.Export
    public String randomUUID() {
      return UUID.randomUUID().toString();
    }

    /** A {@code waitUntil} promise started. */
    @HostAccess.Export
    public void waitUntilStarted() {
      pending.incrementAndGet();
    }

    /** A {@code waitUntil} promise settled. */
    @HostAccess.Export
    public void waitUntilSettled() {
      pending.decrementAndGet();
    }

    /** The outbound {@code fetch} target. */
    @HostAccess.Export
    public HostFetchTarget outbound() {
      HostFetchTarget target = outbound;
      if (target == null) {
        throw new IllegalStateException("outbound fetch is not available in this isolate");
      }
      return target;
    }

    /** Evaluates a lazily installed runtime file (only the runtime's own files, by their fixed names). */
    @HostAccess.Export
    public Value loadRuntimeFile(String resource) {
      if (!LAZY_FILES.containsKey(resource)) {
        throw new IllegalArgumentException("not a lazily loaded runtime file: " + resource);
      }
      return context.eval(JsEngine.runtimeSource(resource));
    }

    /** The host object registered for a runtime file ({@link #registerFileHost}), or null. */
    @HostAccess.Export
    public Object fileHost(String resource) {
      if (resource.equals(WEBSOCKET_JS)) {
        webSockets = new WebSocketHost(Isolate.this);
        return webSockets;
      }
      Supplier<Object> host = FILE_HOSTS.get(resource);
      return host == null ? null : host.get();
    }

    /** Loads the WHATWG streams implementation into this isolate (on first use of ReadableStream & co). */
    @HostAccess.Export
    public Value loadStreams() {
      return context.eval(StreamsSource.SOURCE);
    }
  }

  /** web-streams-polyfill (MIT), wrapped so its UMD build hands its exports back instead of touching globals. */
  private static final class StreamsSource {
    static final Source SOURCE = load();

    private static Source load() {
      String path = "/META-INF/resources/webjars/web-streams-polyfill/3.3.3/dist/ponyfill.es2018.js";
      try (InputStream in = Isolate.class.getResourceAsStream(path)) {
        if (in == null) {
          throw new IllegalStateException("web-streams-polyfill is missing from the classpath");
        }
        String code = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        String wrapped = "(function () { const exports = {}; const module = { exports };\n" + code
            + "\n; return module.exports; })()";
        return Source.newBuilder("js", wrapped, "miniflare:web-streams-polyfill.js").cached(true).build();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
