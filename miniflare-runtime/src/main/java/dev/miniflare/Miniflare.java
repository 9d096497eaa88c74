package dev.miniflare;

import dev.miniflare.core.LogSink;
import dev.miniflare.core.WorkerInstance;
import dev.miniflare.core.WorkerSetup;
import dev.miniflare.http.Json;
import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import dev.miniflare.kv.KVNamespace;
import dev.miniflare.kv.KvStore;
import dev.miniflare.services.NetworkFetcher;
import dev.miniflare.services.Router;
import dev.miniflare.storage.Snapshot;
import dev.miniflare.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Cloudflare Workers environment: one or more workers, each in its own isolate, sharing one
 * {@link Storage} (KV namespaces with the same id share data) and routed by their routes.
 *
 * <pre>{@code
 * try (Miniflare mf = Miniflare.builder()
 *     .worker(w -> w.name("api").modules(true).scriptPath("src/index.mjs").kvNamespace("KV", "kv"))
 *     .build()) {
 *   Response res = mf.dispatchFetch("http://localhost/");
 * }
 * }</pre>
 */
public final class Miniflare implements AutoCloseable {
  private static final Logger CONSOLE = LoggerFactory.getLogger("dev.miniflare.worker");
  private static final Pattern MODULE_SYNTAX =
      Pattern.compile("(^|[\\n;])\\s*(export\\s+(default|const|let|var|function|async|class|\\{|\\*)|import\\s*[\\w{*'\"])");
  private static final AtomicInteger FUNCTION_THREADS = new AtomicInteger();
  private static final String CLOUDFLARE_WORKERS_SOURCE = readResource("/dev/miniflare/durableobjects/workers.mjs");

  private static String readResource(String path) {
    try (java.io.InputStream in = Miniflare.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
  /** Java-function service bindings run here, never on a worker's loop (they may call back into workers). */
  private static final ExecutorService FUNCTION_EXECUTOR = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "miniflare-service-" + FUNCTION_THREADS.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  private final Builder options;
  private final Storage storage;
  private final TestClock clock;
  private final Router router = new Router();
  private final Map<String, WorkerOptions> workerOptions = new LinkedHashMap<>();
  private final Map<String, WorkerInstance> instances = new LinkedHashMap<>();
  private final Map<String, Worker> handles = new LinkedHashMap<>();
  private final List<LogSink> logSinks;
  private final String mainWorker;
  private volatile boolean closed;
  private dev.miniflare.server.MiniflareServer server;
  private dev.miniflare.scheduled.CronScheduler cronScheduler;
  private final dev.miniflare.durableobjects.DurableObjects durableObjects;
  private final Map<String, String> durableObjectNamespaces = new LinkedHashMap<>();
  private final Map<String, dev.miniflare.d1.D1Store> d1Stores = new java.util.concurrent.ConcurrentHashMap<>();
  private final dev.miniflare.queues.QueueBroker queues;
  /** Workers' static assets by worker name; requests reach them before the worker (see {@code AssetServer}). */
  private final Map<String, dev.miniflare.assets.AssetServer> assetServers = new LinkedHashMap<>();
  /** What an assets-only worker runs: the router never sends it a request. */
  private static final String ASSETS_ONLY_SCRIPT =
      "export default { fetch() { return new Response(null, { status: 404 }); } };";

  private Miniflare(Builder b, Storage storage) {
    this.options = b;
    this.storage = storage;
    this.clock = b.clock != null ? b.clock : new TestClock();
    this.logSinks = List.copyOf(b.logSinks);
    if (b.workers.isEmpty()) {
      throw new IllegalArgumentException("Miniflare needs at least one worker");
    }
    for (WorkerOptions w : b.workers) {
      if (workerOptions.putIfAbsent(w.name(), w) != null) {
        throw new IllegalArgumentException("two workers are named \"" + w.name() + "\"; names must be unique");
      }
    }
    mainWorker = b.workers.get(0).name();
    durableObjects = new dev.miniflare.durableobjects.DurableObjects(storage, clock);
    queues = new dev.miniflare.queues.QueueBroker(clock, this::log);
    for (WorkerOptions w : b.workers) {
      w.queueConsumers().forEach(c -> queues.registerConsumer(w.name(), c));
      if (w.assets() != null) {
        try {
          assetServers.put(w.name(), new dev.miniflare.assets.AssetServer(w.assets(), !w.assetsOnly(),
              w.compatibilityDate(), w.compatibilityFlags()));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("worker \"" + w.name() + "\": " + e.getMessage(), e);
        }
      }
    }
    for (WorkerOptions w : b.workers) {
      for (String sqliteClass : w.sqliteDurableObjects()) {
        durableObjects.markSqlite(w.name(), sqliteClass);
      }
      for (Map.Entry<String, WorkerOptions.DurableObjectBinding> d : w.durableObjects().entrySet()) {
        String owner = d.getValue().scriptName() != null ? d.getValue().scriptName() : w.name();
        if (!workerOptions.containsKey(owner)) {
          throw new IllegalArgumentException("Durable Object binding \"" + d.getKey() + "\" of worker \"" + w.name()
              + "\" names script \"" + owner + "\", which does not exist; workers: " + workerOptions.keySet());
        }
        durableObjectNamespaces.put(w.name() + "\n" + d.getKey(), durableObjects.register(owner, d.getValue().className()));
      }
      for (String route : w.routes()) {
        router.add(w.name(), route);
      }
      for (Map.Entry<String, WorkerOptions.ServiceTarget> s : w.serviceBindings().entrySet()) {
        if (s.getValue() instanceof WorkerOptions.WorkerTarget t && !workerOptions.containsKey(t.worker())) {
          throw new IllegalArgumentException("service binding \"" + s.getKey() + "\" of worker \"" + w.name()
              + "\" names worker \"" + t.worker() + "\", which does not exist; workers: " + workerOptions.keySet());
        }
      }
    }
    try {
      startWorkers();
      durableObjects.start(name -> instance(name));
      Map<String, List<String>> cronsByWorker = new LinkedHashMap<>();
      for (WorkerOptions w : b.workers) {
        if (!w.crons().isEmpty()) {
          cronsByWorker.put(w.name(), w.crons());
        }
      }
      cronScheduler = cronsByWorker.isEmpty() ? null : new dev.miniflare.scheduled.CronScheduler(clock,
          cronsByWorker, (worker, cron, time) -> instance(worker).scheduled(cron, time));
      queues.start((worker, batch) -> instance(worker).queue(batch));
      if (b.port >= 0) {
        server = dev.miniflare.server.MiniflareServer.builder().host(b.host).port(b.port)
            .handler(this::dispatchFetchAsync).build().start();
      }
    } catch (RuntimeException e) {
      closeInstances(0);
      throw e;
    } catch (Exception e) {
      closeInstances(0);
      throw new MiniflareException("cannot start the HTTP server on " + b.host + ":" + b.port + ": " + e.getMessage(), e);
    }
  }

  /**
   * The HTTP server's URL when the builder set a {@code port} (0 picks a free one), like Miniflare's {@code ready}.
   *
   * @throws IllegalStateException when no port was configured
   */
  public URI url() {
    if (server == null) {
      throw new IllegalStateException("no HTTP server: set Miniflare.builder().port(...) to serve over HTTP");
    }
    return server.url();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  private void startWorkers() {
    for (WorkerOptions w : workerOptions.values()) {
      WorkerInstance instance = new WorkerInstance(setupFor(w));
      Duration cpuLimit = w.cpuTimeLimit() != null ? w.cpuTimeLimit() : options.cpuTimeLimit;
      if (cpuLimit != null) {
        instance.setCpuLimit(cpuLimit);
      }
      if (options.memoryLimitBytes != null) {
        instance.setMemoryLimit(options.memoryLimitBytes);
      }
      synchronized (instances) {
        instances.put(w.name(), instance);
      }
      handles.put(w.name(), new Worker(this, w.name()));
    }
  }

  /**
   * Disposes every isolate and starts the workers again from their sources: module state starts over while
   * storage is kept. Pending {@code waitUntil} work of the old isolates is abandoned.
   */
  public void restartWorkers() {
    closeInstances(0);
    synchronized (instances) {
      instances.clear();
    }
    startWorkers();
  }

  private WorkerSetup setupFor(WorkerOptions w) {
    Map<String, String> inMemory = new LinkedHashMap<>();
    Path mainPath;
    Path diskRoot = null;
    String source;
    Boolean builtAsModule = null; // a bundle knows its format; minified output defeats the syntax check
    if (w.assetsOnly()) {
      mainPath = Path.of("/" + (w.name().isEmpty() ? "worker" : w.name().replaceAll("[^A-Za-z0-9._-]", "_"))
          + "/assets-only.mjs");
      source = ASSETS_ONLY_SCRIPT;
      inMemory.put(mainPath.toString(), source);
    } else if (w.script() != null) {
      String safeName = w.name().isEmpty() ? "worker" : w.name().replaceAll("[^A-Za-z0-9._-]", "_");
      mainPath = Path.of("/" + safeName + "/" + (Boolean.TRUE.equals(w.modules()) ? "worker.mjs" : "worker.js"));
      source = w.script();
      inMemory.put(mainPath.toString(), source);
      if (w.modulesRoot() != null) {
        diskRoot = w.modulesRoot().toAbsolutePath().normalize();
      }
    } else if (w.buildOptions() != null) {
      // the same selection the runtime makes (flags and compatibility date, on by default from 2026-08-04)
      dev.miniflare.build.Bundle bundle = dev.miniflare.build.Bundler.build(w.scriptPath(), w.buildOptions(),
          dev.miniflare.node.NodeCompat.of(w.compatibilityDate(), w.compatibilityFlags()).modules());
      mainPath = bundle.mainPath();
      inMemory.putAll(bundle.modules());
      diskRoot = bundle.diskRoot();
      builtAsModule = bundle.esModule();
      source = inMemory.get(mainPath.toString());
      if (source == null) {
        try {
          source = Files.readString(mainPath);
        } catch (IOException e) {
          throw new MiniflareException("cannot read the script of worker \"" + w.name() + "\": " + mainPath, e);
        }
      }
    } else {
      mainPath = w.scriptPath().toAbsolutePath().normalize();
      try {
        source = Files.readString(mainPath);
      } catch (IOException e) {
        throw new MiniflareException("cannot read the script of worker \"" + w.name() + "\": " + mainPath, e);
      }
      diskRoot = w.modulesRoot() != null ? w.modulesRoot().toAbsolutePath().normalize() : mainPath.getParent();
    }
    boolean modules = w.assetsOnly() || (w.modules() != null ? w.modules() : builtAsModule != null ? builtAsModule
        : MODULE_SYNTAX.matcher(source).find());

    inMemory.put(WorkerInstance.CLOUDFLARE_WORKERS, CLOUDFLARE_WORKERS_SOURCE);
    Map<String, String> doBindings = new LinkedHashMap<>();
    w.durableObjects().keySet().forEach(binding -> doBindings.put(binding,
        durableObjectNamespaces.get(w.name() + "\n" + binding)));

    Map<String, KvStore> kv = new LinkedHashMap<>();
    w.kvNamespaces().forEach((binding, id) -> kv.put(binding, new KvStore(storage.namespace("kv", id), clock)));

    Map<String, dev.miniflare.r2.R2Store> r2 = new LinkedHashMap<>();
    w.r2Buckets().forEach((binding, bucket) -> r2.put(binding, new dev.miniflare.r2.R2Store(storage, bucket, clock)));

    Map<String, Function<Request, CompletableFuture<Response>>> services = new LinkedHashMap<>();
    w.serviceBindings().forEach((binding, target) -> {
      if (target instanceof WorkerOptions.WorkerTarget t) {
        services.put(binding, new dev.miniflare.core.ServiceRpc() {
          @Override
          public CompletableFuture<Response> apply(Request request) {
            // the default entrypoint is reached as a request from outside reaches it: through its assets first
            return t.entrypoint() == null ? fetchWorker(t.worker(), instance(t.worker()), request)
                : instance(t.worker()).fetch(request, t.entrypoint());
          }

          @Override
          public CompletableFuture<String> rpc(String method, String serializedArgs) {
            return instance(t.worker()).entrypointRpc(t.entrypoint() == null ? "default" : t.entrypoint(), method,
                serializedArgs);
          }
        });
      } else if (target instanceof WorkerOptions.FunctionTarget f) {
        services.put(binding, request -> CompletableFuture.supplyAsync(() -> f.handler().apply(request), FUNCTION_EXECUTOR)
            .thenCompose(x -> x));
      }
    });
    dev.miniflare.assets.AssetServer assets = assetServers.get(w.name());
    if (assets != null && w.assets().binding() != null) {
      services.put(w.assets().binding(), request -> {
        try {
          return CompletableFuture.completedFuture(assets.fetch(request));
        } catch (RuntimeException e) {
          return CompletableFuture.failedFuture(e);
        }
      });
    }
    Map<String, dev.miniflare.queues.QueueProducerHost> producers = new LinkedHashMap<>();
    w.queueProducers().forEach((binding, p) -> producers.put(binding,
        new dev.miniflare.queues.QueueProducerHost(queues, p.queueName(), p.deliveryDelaySeconds())));
    Function<Request, CompletableFuture<Response>> outbound = options.outbound != null
        ? request -> CompletableFuture.supplyAsync(() -> options.outbound.apply(request), FUNCTION_EXECUTOR)
        : new NetworkFetcher();
    Map<String, dev.miniflare.d1.D1Store> d1 = new LinkedHashMap<>();
    w.d1Databases().forEach((binding, id) -> d1.put(binding, d1Store(id)));
    WorkerSetup.Bindings bindings = new WorkerSetup.Bindings(
        w.bindings().isEmpty() ? "{}" : Json.write(w.bindings()), // no Jackson start-up for workers without vars
        kv, services, doBindings,
        durableObjects, new dev.miniflare.cache.CacheBinding(storage, clock, w.cache()), d1, r2, producers);
    return new WorkerSetup(w.name(), modules, mainPath, inMemory, diskRoot, outbound, this::log,
        WorkerSetup.jsRpcEnabled(w.compatibilityDate(), w.compatibilityFlags()),
        WorkerSetup.requestCacheOptionEnabled(w.compatibilityDate(), w.compatibilityFlags()), w.unsafeEval(), bindings,
        dev.miniflare.node.NodeCompat.of(w.compatibilityDate(), w.compatibilityFlags()));
  }


  private void log(String worker, String level, String message) {
    String line = worker.isEmpty() ? message : "[" + worker + "] " + message;
    switch (level) {
      case "error" -> CONSOLE.error(line);
      case "warn" -> CONSOLE.warn(line);
      case "debug" -> CONSOLE.debug(line);
      default -> CONSOLE.info(line);
    }
    for (LogSink sink : logSinks) {
      sink.log(worker, level, message);
    }
  }

  WorkerInstance instance(String name) {
    synchronized (instances) {
      WorkerInstance i = instances.get(name);
      if (i == null) {
        if (closed) {
          throw new IllegalStateException("this Miniflare instance is closed");
        }
        throw new IllegalArgumentException("no worker named \"" + name + "\"; workers: " + workerOptions.keySet());
      }
      return i;
    }
  }

  /**
   * Exercises the runtime's own code (URL parsing, headers, request/response plumbing) in every isolate without
   * running worker code or touching state, so the first request to a freshly built instance is fast. Useful when
   * building instances ahead of time.
   */
  public Miniflare warmUp() {
    List<WorkerInstance> all;
    synchronized (instances) {
      all = new ArrayList<>(instances.values());
    }
    all.forEach(WorkerInstance::warmUp);
    return this;
  }

  /** Dispatches a GET through the routes and waits for the response. */
  public Response dispatchFetch(String url) {
    return dispatchFetch(Request.get(url));
  }

  /** Dispatches a request through the routes (Host header honoured; default: the first worker) and waits. */
  public Response dispatchFetch(Request request) {
    return await(dev.miniflare.core.Isolate.dispatchForBlockingCaller(() -> dispatchFetchAsync(request)));
  }

  /** Dispatches a request through the routes. */
  public CompletableFuture<Response> dispatchFetchAsync(Request request) {
    String worker = router.match(request.url(), request.header("host"));
    String name = worker != null ? worker : mainWorker;
    WorkerInstance target = instance(name);
    String path = request.uri().getRawPath();
    if ("/__scheduled".equals(path) || "/cdn-cgi/mf/scheduled".equals(path)) {
      return triggerScheduled(target, request);
    }
    return fetchWorker(name, target, request).thenApply(res -> refuseWebSocketWithoutUpgrade(request, res));
  }

  /**
   * A WebSocket returned to a request without {@code Upgrade: websocket} is workerd's 500 (its TypeError, recorded
   * on Miniflare 4's dispatchFetch); the worker's end is disconnected.
   */
  private static Response refuseWebSocketWithoutUpgrade(Request request, Response res) {
    if (res.webSocket() == null || "websocket".equalsIgnoreCase(request.header("upgrade"))) {
      return res;
    }
    res.webSocket().disconnect();
    return Response.builder(500).header("content-type", "text/plain;charset=UTF-8")
        .body("TypeError: " + WEBSOCKET_WITHOUT_UPGRADE).build();
  }

  /** workerd's message for a WebSocket returned to a plain request. */
  public static final String WEBSOCKET_WITHOUT_UPGRADE = "Worker tried to return a WebSocket in a response to a"
      + " request which did not contain the header \"Upgrade: websocket\".";

  /**
   * A request arriving at one worker: its static assets answer first unless {@code run_worker_first} says otherwise
   * or no asset matches (as Cloudflare's router worker decides), else its script runs.
   */
  CompletableFuture<Response> fetchWorker(String name, WorkerInstance target, Request request) {
    dev.miniflare.assets.AssetServer assets = assetServers.get(name);
    if (assets != null) {
      try {
        if (!assets.routesToWorker(request)) {
          return CompletableFuture.completedFuture(assets.fetch(request));
        }
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    return target.fetch(request);
  }

  /** wrangler dev's {@code /__scheduled?cron=...} (and Miniflare's {@code /cdn-cgi/mf/scheduled}) test endpoint. */
  private CompletableFuture<Response> triggerScheduled(WorkerInstance target, Request request) {
    String cron = "";
    long time = clock.millis();
    String query = request.uri().getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
        if (key.equals("cron")) {
          cron = value;
        } else if (key.equals("time")) {
          time = Long.parseLong(value);
        }
      }
    }
    return target.scheduled(cron, time)
        .thenApply(x -> Response.text("Ran scheduled event"))
        .exceptionally(e -> Response.builder(500).header("content-type", "text/plain;charset=UTF-8")
            .body(String.valueOf((e.getCause() != null ? e.getCause() : e).getMessage())).build());
  }

  /** The first worker. */
  public Worker worker() {
    return handles.get(mainWorker);
  }

  /** The worker with this name. */
  public Worker worker(String name) {
    Worker w = handles.get(name);
    if (w == null) {
      throw new IllegalArgumentException("no worker named \"" + name + "\"; workers: " + workerOptions.keySet());
    }
    return w;
  }

  /** Names of the workers, the first (default) one first. */
  public Set<String> workerNames() {
    return Collections.unmodifiableSet(workerOptions.keySet());
  }

  /**
   * The static assets of {@code worker}, served as its assets binding serves them ({@code fetch}).
   *
   * @throws IllegalArgumentException when the worker has no assets
   */
  public dev.miniflare.assets.AssetServer assets(String worker) {
    dev.miniflare.assets.AssetServer assets = assetServers.get(worker);
    if (assets == null) {
      throw new IllegalArgumentException("worker \"" + worker + "\" has no assets; workers with assets: "
          + assetServers.keySet());
    }
    return assets;
  }

  /** The KV namespace bound as {@code binding} in the first worker that binds it. */
  public KVNamespace getKVNamespace(String binding) {
    return kvNamespace(firstBinder(binding, WorkerOptions::kvNamespaces, "a KV namespace", "KV bindings"), binding);
  }

  /** The KV namespace bound as {@code binding} in {@code worker}. */
  public KVNamespace kvNamespace(String worker, String binding) {
    String id = bound(worker, binding, WorkerOptions::kvNamespaces, "KV namespace", "KV bindings");
    return new KVNamespace(new KvStore(storage.namespace("kv", id), clock));
  }

  /** The R2 bucket bound as {@code binding} in {@code worker}. */
  public dev.miniflare.r2.R2Bucket r2Bucket(String worker, String binding) {
    return r2BucketByName(bound(worker, binding, WorkerOptions::r2Buckets, "R2 bucket", "R2 bindings"));
  }

  /** The R2 bucket bound as {@code binding} in the first worker that binds it. */
  public dev.miniflare.r2.R2Bucket getR2Bucket(String binding) {
    return r2Bucket(firstBinder(binding, WorkerOptions::r2Buckets, "an R2 bucket", "R2 bindings"), binding);
  }

  /** An R2 bucket by name, whether or not a worker binds it. */
  public dev.miniflare.r2.R2Bucket r2BucketByName(String bucketName) {
    return new dev.miniflare.r2.R2Bucket(new dev.miniflare.r2.R2Store(storage, bucketName, clock));
  }

  /** The workers' {@code caches.default}, from Java: seed it or inspect what workers stored. */
  public dev.miniflare.cache.Cache defaultCache() {
    return new dev.miniflare.cache.Cache(null, new dev.miniflare.cache.CacheBinding(storage, clock, true).store(null));
  }

  /** The cache workers get from {@code caches.open(name)} (a different cache from the default one). */
  public dev.miniflare.cache.Cache cache(String name) {
    return new dev.miniflare.cache.Cache(name, new dev.miniflare.cache.CacheBinding(storage, clock, true).store(name));
  }

  /** The Durable Object namespace bound as {@code binding} in the first worker that binds it. */
  public dev.miniflare.durableobjects.DurableObjectNamespace getDurableObjectNamespace(String binding) {
    return durableObjectNamespace(firstBinder(binding, WorkerOptions::durableObjects, "a Durable Object namespace",
        "Durable Object bindings"), binding);
  }

  /** The Durable Object namespace bound as {@code binding} in {@code worker}. */
  public dev.miniflare.durableobjects.DurableObjectNamespace durableObjectNamespace(String worker, String binding) {
    String namespace = durableObjectNamespaces.get(worker + "\n" + binding);
    if (namespace == null) {
      WorkerOptions w = workerOptions.get(worker);
      throw new IllegalArgumentException("worker \"" + worker + "\" has no Durable Object namespace bound as \""
          + binding + "\"; its Durable Object bindings: " + (w == null ? "[]" : w.durableObjects().keySet()));
    }
    return new dev.miniflare.durableobjects.DurableObjectNamespace(durableObjects, durableObjects.classes().get(namespace),
        name -> instance(name));
  }

  /** Forgets every live Durable Object (their next request constructs them again); storage stays. */
  public void resetDurableObjects() {
    durableObjects.resetObjects();
  }

  /**
   * The queue named {@code name} (whether or not a worker binds it): send to it from Java, see what is pending and
   * deliver it now with {@code flush()}.
   */
  public dev.miniflare.queues.Queue queue(String name) {
    return new dev.miniflare.queues.Queue(queues, name, null);
  }

  /** The queue producer bound as {@code binding} in {@code worker}. */
  public dev.miniflare.queues.QueueProducer queueProducer(String worker, String binding) {
    WorkerOptions.QueueProducerBinding p = bound(worker, binding, WorkerOptions::queueProducers, "queue producer",
        "queue producers");
    return new dev.miniflare.queues.QueueProducer(binding,
        new dev.miniflare.queues.Queue(queues, p.queueName(), p.deliveryDelaySeconds()));
  }

  /**
   * Drops every message waiting in every queue (deliveries in flight finish, but nothing they retry is kept):
   * queued messages are not storage, so a rollback alone does not remove them.
   */
  public void resetQueues() {
    queues.reset();
  }

  /** A KV namespace by id, whether or not a worker binds it. */
  public KVNamespace kvNamespaceById(String namespaceId) {
    return new KVNamespace(new KvStore(storage.namespace("kv", namespaceId), clock));
  }

  /** The D1 database bound as {@code binding} in the first worker that binds it. */
  public dev.miniflare.d1.D1Database getD1Database(String binding) {
    return d1Database(firstBinder(binding, WorkerOptions::d1Databases, "a D1 database", "D1 bindings"), binding);
  }

  /** The D1 database bound as {@code binding} in {@code worker}. */
  public dev.miniflare.d1.D1Database d1Database(String worker, String binding) {
    return new dev.miniflare.d1.D1Database(d1Store(bound(worker, binding, WorkerOptions::d1Databases, "D1 database",
        "D1 bindings")), workerOptions(worker).d1MigrationsDirs().get(binding));
  }

  /** A D1 database by id, whether or not a worker binds it. */
  public dev.miniflare.d1.D1Database d1DatabaseById(String databaseId) {
    return new dev.miniflare.d1.D1Database(d1Store(databaseId));
  }

  /** One store per database id, so workers and Java callers naming the same id share its data and bookmarks. */
  private dev.miniflare.d1.D1Store d1Store(String id) {
    return d1Stores.computeIfAbsent(id, i -> new dev.miniflare.d1.D1Store(i, storage.sqlDatabase(dev.miniflare.d1.D1Store.KIND, i)));
  }

  /** What {@code worker} binds as {@code binding} among one kind of bindings; the error lists what it has. */
  private <V> V bound(String worker, String binding, Function<WorkerOptions, Map<String, V>> kind, String what,
      String listName) {
    WorkerOptions w = workerOptions.get(worker);
    if (w == null) {
      throw new IllegalArgumentException("no worker named \"" + worker + "\"; workers: " + workerOptions.keySet());
    }
    V value = kind.apply(w).get(binding);
    if (value == null) {
      throw new IllegalArgumentException("worker \"" + worker + "\" has no " + what + " bound as \"" + binding
          + "\"; its " + listName + ": " + kind.apply(w).keySet());
    }
    return value;
  }

  /** The first worker that binds {@code binding} among one kind of bindings; the error lists all of that kind. */
  private String firstBinder(String binding, Function<WorkerOptions, ? extends Map<String, ?>> kind, String aWhat,
      String listName) {
    Set<String> all = new LinkedHashSet<>();
    for (WorkerOptions w : workerOptions.values()) {
      if (kind.apply(w).containsKey(binding)) {
        return w.name();
      }
      all.addAll(kind.apply(w).keySet());
    }
    throw new IllegalArgumentException("no worker binds " + aWhat + " named \"" + binding + "\"; " + listName + ": "
        + all);
  }

  Set<String> bindingNames(String worker) {
    WorkerOptions w = workerOptions.get(worker);
    Set<String> out = new LinkedHashSet<>(w.bindings().keySet());
    out.addAll(w.kvNamespaces().keySet());
    out.addAll(w.serviceBindings().keySet());
    out.addAll(w.durableObjects().keySet());
    out.addAll(w.d1Databases().keySet());
    out.addAll(w.r2Buckets().keySet());
    out.addAll(w.queueProducers().keySet());
    if (w.assets() != null && w.assets().binding() != null) {
      out.add(w.assets().binding());
    }
    return out;
  }

  /** The options of a worker. */
  public WorkerOptions workerOptions(String worker) {
    return workerOptions.get(worker);
  }

  /** The instance's storage. */
  public Storage storage() {
    return storage;
  }

  /** The state of all storage now, O(1). */
  public Snapshot snapshot() {
    return storage.snapshot();
  }

  /** Restores all storage to a snapshot, O(1) (persisted data is rewritten to match). */
  public void rollback(Snapshot snapshot) {
    storage.rollback(snapshot);
  }

  /** The instance's clock (KV expiry and, later, alarms and cron follow it). */
  public TestClock clock() {
    return clock;
  }

  /** The builder options this instance was made from (to make another one like it). */
  public Builder toBuilder() {
    return options.copy();
  }

  static <T> T await(CompletableFuture<T> future) {
    // A worker usually answers within tens of microseconds: spinning briefly avoids the cost of parking and
    // waking this thread, which would otherwise dominate an in-process round trip.
    for (int i = 0; i < 2000 && !future.isDone(); i++) {
      Thread.onSpinWait();
    }
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw new MiniflareException("interrupted while waiting for the worker", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new CompletionException(cause);
    }
  }

  private void closeInstances(long waitMillis) {
    List<WorkerInstance> all;
    synchronized (instances) {
      all = new ArrayList<>(instances.values());
    }
    for (WorkerInstance i : all) {
      i.close(waitMillis);
    }
  }

  /** Waits up to {@code waitUntil} for pending {@code ctx.waitUntil} work, then disposes every isolate. */
  public void close(Duration waitUntil) {
    if (closed) {
      return;
    }
    if (server != null) {
      server.close();
    }
    if (cronScheduler != null) {
      cronScheduler.close();
    }
    closeInstances(waitUntil.toMillis());
    durableObjects.close();
    queues.close();
    closed = true;
    synchronized (instances) {
      instances.clear();
    }
    storage.close();
  }

  /** Waits up to 5 s for pending {@code ctx.waitUntil} work, then disposes every isolate. */
  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  /** Builder of {@link Miniflare}, mirroring Miniflare's top-level options. */
  public static final class Builder {
    private final List<WorkerOptions> workers = new ArrayList<>();
    private String host = "127.0.0.1";
    private int port = -1;
    private Path kvPersist;
    private Path r2Persist;
    private Path durableObjectsPersist;
    private Path d1Persist;
    private Path cachePersist;
    private TestClock clock;
    private Snapshot initialState;
    private final List<LogSink> logSinks = new ArrayList<>();
    private Function<Request, Response> outbound;
    private Duration cpuTimeLimit;
    private Long memoryLimitBytes;

    private Builder() {}

    /**
     * How much CPU time (of the thread running it: time spent waiting for a core, for I/O or for another isolate is
     * not counted) one event, timer or continuation of a worker may use before it is interrupted as a runaway
     * script (default 30 s; a worker's own {@link WorkerOptions.Builder#cpuTimeLimit} wins); the waiting request
     * then fails with workerd's "Worker exceeded CPU time limit.". {@link Duration#ZERO} means no limit.
     */
    public Builder cpuTimeLimit(Duration limit) {
      this.cpuTimeLimit = limit;
      return this;
    }

    /**
     * How much one event, timer or continuation of a worker may add to the JVM heap (still held after a GC) before
     * it is interrupted and its request fails with "Worker exceeded memory limit." (default 128 MiB, workerd's
     * isolate limit; 0 means no limit). Measured per JS thread run, so garbage does not count.
     */
    public Builder memoryLimit(long bytes) {
      this.memoryLimitBytes = bytes;
      return this;
    }

    /** An independent copy of these options (workers are immutable and shared). */
    public Builder copy() {
      Builder b = new Builder();
      b.workers.addAll(workers);
      b.host = host;
      b.port = port;
      b.kvPersist = kvPersist;
      b.r2Persist = r2Persist;
      b.durableObjectsPersist = durableObjectsPersist;
      b.d1Persist = d1Persist;
      b.cachePersist = cachePersist;
      b.clock = clock;
      b.logSinks.addAll(logSinks);
      b.outbound = outbound;
      b.cpuTimeLimit = cpuTimeLimit;
      b.memoryLimitBytes = memoryLimitBytes;
      return b;
    }

    /** Adds a worker configured in place; the first worker is the default for {@code dispatchFetch}. */
    public Builder worker(Consumer<WorkerOptions.Builder> configure) {
      WorkerOptions.Builder b = WorkerOptions.builder();
      configure.accept(b);
      return worker(b.build());
    }

    /** Adds a worker. */
    public Builder worker(WorkerOptions options) {
      workers.add(options);
      return this;
    }

    /** The host the HTTP server binds to (default 127.0.0.1). */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** Serves the workers over HTTP on this port once built (0 picks a free one); see {@link Miniflare#url()}. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Persists KV data in this folder (written through, crash-safe) so it survives restarts. */
    public Builder kvPersist(Path directory) {
      this.kvPersist = directory;
      return this;
    }

    /** Persists KV data in the default folder {@code .mf/kv} when true. */
    public Builder kvPersist(boolean persist) {
      this.kvPersist = persist ? Path.of(".mf", "kv") : null;
      return this;
    }

    /** Persists R2 objects in this folder (written through) so they survive restarts. */
    public Builder r2Persist(Path directory) {
      this.r2Persist = directory;
      return this;
    }

    /** Persists R2 objects in the default folder {@code .mf/r2} when true. */
    public Builder r2Persist(boolean persist) {
      this.r2Persist = persist ? Path.of(".mf", "r2") : null;
      return this;
    }

    /**
     * Persists Durable Object storage (key-value entries and alarms written through; SQLite databases written when
     * a snapshot is taken and when the instance closes) in this folder, so objects survive restarts.
     */
    public Builder durableObjectsPersist(Path directory) {
      this.durableObjectsPersist = directory;
      return this;
    }

    /** Persists Durable Object storage in the default folder {@code .mf/do} when true. */
    public Builder durableObjectsPersist(boolean persist) {
      this.durableObjectsPersist = persist ? Path.of(".mf", "do") : null;
      return this;
    }

    /** Persists D1 databases in this folder (written when a snapshot is taken and when the instance closes). */
    public Builder d1Persist(Path directory) {
      this.d1Persist = directory;
      return this;
    }

    /** Persists D1 databases in the default folder {@code .mf/d1} when true. */
    public Builder d1Persist(boolean persist) {
      this.d1Persist = persist ? Path.of(".mf", "d1") : null;
      return this;
    }

    /** Persists Cache API entries in this folder (written through), like Miniflare's {@code cachePersist}. */
    public Builder cachePersist(Path directory) {
      this.cachePersist = directory;
      return this;
    }

    /** Persists Cache API entries in the default folder {@code .mf/cache} when true. */
    public Builder cachePersist(boolean persist) {
      this.cachePersist = persist ? Path.of(".mf", "cache") : null;
      return this;
    }

    /** Uses this clock (share one between instances, or keep a handle for tests). */
    public Builder clock(TestClock clock) {
      this.clock = clock;
      return this;
    }

    /** Starts from a snapshot of another instance's storage (an O(1) branch; writes stay separate). */
    public Builder initialState(Snapshot snapshot) {
      this.initialState = snapshot;
      return this;
    }

    /** Also sends workers' console output here. */
    public Builder logSink(LogSink sink) {
      logSinks.add(sink);
      return this;
    }

    /** Answers workers' outbound {@code fetch} with a Java function instead of the network. */
    public Builder outboundService(Function<Request, Response> handler) {
      this.outbound = handler;
      return this;
    }

    /** The configured host. */
    public String host() {
      return host;
    }

    /** The configured port, or -1 when not set. */
    public int port() {
      return port;
    }

    /** The workers configured so far. */
    public List<WorkerOptions> workers() {
      return Collections.unmodifiableList(workers);
    }

    /** Starts the workers. Throws {@link MiniflareException} if a worker fails to start. */
    public Miniflare build() {
      Storage storage = initialState != null ? Storage.fromSnapshot(initialState) : new Storage();
      for (Path persisted : java.util.Arrays.asList(kvPersist, r2Persist, durableObjectsPersist, d1Persist, cachePersist)) {
        if (persisted != null) {
          dev.miniflare.core.ModuleAccess.excludeFolder(persisted); // stored data is never a module
        }
      }
      if (kvPersist != null) {
        try {
          Files.createDirectories(kvPersist);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot create the KV persistence folder " + kvPersist, e);
        }
        storage.persist("kv", kvPersist);
      }
      if (r2Persist != null) {
        try {
          Files.createDirectories(r2Persist);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot create the R2 persistence folder " + r2Persist, e);
        }
        storage.persist(dev.miniflare.r2.R2Store.KIND, r2Persist);
        // Bucket names never contain '_', so this folder cannot clash with a bucket's.
        storage.persist(dev.miniflare.r2.R2Store.MULTIPART_KIND, r2Persist.resolve("__multipart"));
      }
      if (durableObjectsPersist != null) {
        for (Map.Entry<String, String> kind : dev.miniflare.durableobjects.DurableObjects.STORAGE_KINDS.entrySet()) {
          storage.persist(kind.getKey(), createFolder(durableObjectsPersist.resolve(kind.getValue()), "Durable Object"));
        }
      }
      if (d1Persist != null) {
        storage.persist(dev.miniflare.d1.D1Store.KIND, createFolder(d1Persist, "D1"));
      }
      if (cachePersist != null) {
        storage.persist(dev.miniflare.cache.CacheStore.KIND, createFolder(cachePersist, "cache"));
      }
      return new Miniflare(this, storage);
    }

    private static Path createFolder(Path folder, String what) {
      try {
        return Files.createDirectories(folder);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the " + what + " persistence folder " + folder, e);
      }
    }

    /**
     * Adds the worker described by a wrangler.toml / wrangler.json(c), optionally for a wrangler
     * {@code [env.NAME]} (null for the top level). Throws {@code ConfigException} naming the file, line and column
     * when it is malformed.
     */
    public Builder wranglerConfig(Path file, String environment) {
      return worker(WranglerWorkers.fromConfig(file, environment));
    }

    /**
     * As {@link #wranglerConfig(Path, String)}, but the worker's entry is {@code entry} instead of the config's
     * {@code main} (which may be absent), as {@code wrangler dev src/index.ts} does.
     */
    public Builder wranglerConfig(Path file, String environment, Path entry) {
      return worker(WranglerWorkers.fromConfig(file, environment, entry));
    }

    /** The server URL for the configured host and port. */
    public URI url() {
      return URI.create("http://" + host + ":" + port);
    }
  }
}
