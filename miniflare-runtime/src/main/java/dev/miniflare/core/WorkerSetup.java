package dev.miniflare.core;

import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import dev.miniflare.kv.KvStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Everything needed to start one worker in a fresh isolate, resolved from the public options.
 *
 * @param name the worker's name
 * @param modules ES modules format (else service worker)
 * @param mainPath absolute path of the main script (real, or virtual for inline scripts)
 * @param inMemoryFiles sources served without touching disk, keyed by absolute path
 * @param diskRoot folder whose files may be imported from disk, or null
 * @param outbound where global {@code fetch} goes
 * @param logSink console output
 * @param jsRpc whether the compatibility date/flags enable JS RPC on Durable Object stubs
 * @param requestCacheOption whether the compatibility date/flags allow {@code Request}'s {@code cache} option
 * @param unsafeEval whether the worker may generate code from strings ({@code eval}, {@code new Function})
 * @param bindings what the worker's {@code env} holds
 * @param nodeCompat the Node.js compatibility its date/flags give ({@code node:} modules, globals, AsyncLocalStorage)
 */
public record WorkerSetup(
    String name,
    boolean modules,
    Path mainPath,
    Map<String, String> inMemoryFiles,
    Path diskRoot,
    Function<Request, CompletableFuture<Response>> outbound,
    LogSink logSink,
    boolean jsRpc,
    boolean requestCacheOption,
    boolean unsafeEval,
    Bindings bindings,
    dev.miniflare.node.NodeCompat nodeCompat) {

  /** A setup without Node.js compatibility. */
  public WorkerSetup(String name, boolean modules, Path mainPath, Map<String, String> inMemoryFiles, Path diskRoot,
      Function<Request, CompletableFuture<Response>> outbound, LogSink logSink, boolean jsRpc,
      boolean requestCacheOption, boolean unsafeEval, Bindings bindings) {
    this(name, modules, mainPath, inMemoryFiles, diskRoot, outbound, logSink, jsRpc, requestCacheOption, unsafeEval,
        bindings, dev.miniflare.node.NodeCompat.NONE);
  }

  /**
   * The worker's bindings, each resolved to the instance-wide object behind it.
   *
   * @param varsJson the plain-value bindings as one JSON object text
   * @param kvNamespaces KV bindings by name
   * @param services service bindings by name (another worker, or a Java function)
   * @param durableObjectBindings Durable Object namespace keys by binding name
   * @param durableObjects the instance's Durable Object registry
   * @param caches the instance's caches as this worker sees them ({@code caches.default}, {@code caches.open})
   * @param d1Databases D1 bindings by name
   * @param r2Buckets R2 bindings by name
   * @param queueProducers queue producer bindings by name
   */
  public record Bindings(
      String varsJson,
      Map<String, KvStore> kvNamespaces,
      Map<String, Function<Request, CompletableFuture<Response>>> services,
      Map<String, String> durableObjectBindings,
      dev.miniflare.durableobjects.DurableObjects durableObjects,
      dev.miniflare.cache.CacheBinding caches,
      Map<String, dev.miniflare.d1.D1Store> d1Databases,
      Map<String, dev.miniflare.r2.R2Store> r2Buckets,
      Map<String, dev.miniflare.queues.QueueProducerHost> queueProducers) {}

  /** The date {@code Request}'s {@code cache} option became available ({@code cache_option_enabled} flag). */
  public static final String CACHE_OPTION_DATE = "2024-11-11";

  /** Whether {@code new Request(url, { cache })} is accepted; without a date we behave as a current runtime. */
  public static boolean requestCacheOptionEnabled(String compatibilityDate, java.util.List<String> flags) {
    if (flags.contains("cache_option_disabled")) {
      return false;
    }
    return flags.contains("cache_option_enabled") || compatibilityDate == null
        || compatibilityDate.compareTo(CACHE_OPTION_DATE) >= 0;
  }

  /** The date JS RPC became the default ({@code rpc} compatibility flag). */
  public static final String JS_RPC_DATE = "2024-04-03";

  /**
   * Whether JS RPC is on for these compatibility settings. Without a date we behave as a current one (RPC on),
   * as a test without a compatibility date most likely targets today's runtime.
   */
  public static boolean jsRpcEnabled(String compatibilityDate, java.util.List<String> flags) {
    return flags.contains("rpc") || compatibilityDate == null || compatibilityDate.compareTo(JS_RPC_DATE) >= 0;
  }
}
