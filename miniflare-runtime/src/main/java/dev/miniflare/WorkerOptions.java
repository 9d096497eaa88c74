package dev.miniflare;

import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The options of one worker, mirroring Miniflare's worker options.
 *
 * <pre>{@code
 * WorkerOptions.builder()
 *     .name("api").modules(true).scriptPath("src/index.mjs")
 *     .kvNamespace("COUNTER_NAMESPACE", "counts")
 *     .serviceBinding("AUTH", "auth-worker")
 *     .serviceBinding("TEXT", request -> Response.text("The count is "))
 *     .routes("api.example.com/*")
 *     .binding("GREETING", "hello")
 *     .build();
 * }</pre>
 */
public final class WorkerOptions {
  /** A service binding target: another worker by name, or a Java function. */
  public sealed interface ServiceTarget permits WorkerTarget, FunctionTarget {}

  /**
   * A binding to another worker of the same instance.
   *
   * @param worker the worker's name
   * @param entrypoint the named export that handles the binding's requests and RPC calls, or null for the default
   *     export (wrangler's {@code entrypoint})
   */
  public record WorkerTarget(String worker, String entrypoint) implements ServiceTarget {
    /** A binding to the other worker's default export. */
    public WorkerTarget(String worker) {
      this(worker, null);
    }
  }

  /**
   * A binding to a Java function (asynchronous form).
   *
   * @param handler called with each request; runs off the worker's loop thread
   */
  public record FunctionTarget(Function<Request, CompletableFuture<Response>> handler) implements ServiceTarget {}

  /**
   * A Durable Object namespace binding.
   *
   * @param className the class the objects are instances of
   * @param scriptName the worker exporting the class, or null for this worker
   */
  public record DurableObjectBinding(String className, String scriptName) {}

  /**
   * A queue producer binding.
   *
   * @param queueName the queue messages go to
   * @param deliveryDelaySeconds the default delay of its messages ({@code delivery_delay}), or null
   */
  public record QueueProducerBinding(String queueName, Integer deliveryDelaySeconds) {}

  private final String name;
  private final Boolean modules;
  private final String script;
  private final Path scriptPath;
  private final Path modulesRoot;
  private final String compatibilityDate;
  private final List<String> compatibilityFlags;
  private final Map<String, String> kvNamespaces;
  private final Map<String, ServiceTarget> serviceBindings;
  private final Map<String, DurableObjectBinding> durableObjects;
  private final List<String> sqliteDurableObjects;
  private final Map<String, String> d1Databases;
  private final Map<String, java.nio.file.Path> d1MigrationsDirs;
  private final List<String> routes;
  private final List<String> crons;
  private final Map<String, Object> bindings;
  private final boolean cache;
  private final boolean unsafeEval;
  private final java.time.Duration cpuTimeLimit;
  private final Map<String, String> r2Buckets;
  private final Map<String, QueueProducerBinding> queueProducers;
  private final List<dev.miniflare.queues.QueueConsumerOptions> queueConsumers;
  private final dev.miniflare.build.BuildOptions build;
  private final dev.miniflare.assets.AssetsOptions assets;

  private WorkerOptions(Builder b) {
    this.name = b.name;
    this.modules = b.modules;
    this.script = b.script;
    this.scriptPath = b.scriptPath;
    this.modulesRoot = b.modulesRoot;
    this.compatibilityDate = b.compatibilityDate;
    this.compatibilityFlags = List.copyOf(b.compatibilityFlags);
    this.kvNamespaces = Collections.unmodifiableMap(new LinkedHashMap<>(b.kvNamespaces));
    this.serviceBindings = Collections.unmodifiableMap(new LinkedHashMap<>(b.serviceBindings));
    this.durableObjects = Collections.unmodifiableMap(new LinkedHashMap<>(b.durableObjects));
    this.sqliteDurableObjects = List.copyOf(b.sqliteDurableObjects);
    this.d1Databases = Collections.unmodifiableMap(new LinkedHashMap<>(b.d1Databases));
    this.d1MigrationsDirs = Collections.unmodifiableMap(new LinkedHashMap<>(b.d1MigrationsDirs));
    this.routes = List.copyOf(b.routes);
    this.crons = List.copyOf(b.crons);
    this.bindings = Collections.unmodifiableMap(new LinkedHashMap<>(b.bindings));
    this.cache = b.cache;
    this.unsafeEval = b.unsafeEval;
    this.cpuTimeLimit = b.cpuTimeLimit;
    this.r2Buckets = Collections.unmodifiableMap(new LinkedHashMap<>(b.r2Buckets));
    this.queueProducers = Collections.unmodifiableMap(new LinkedHashMap<>(b.queueProducers));
    this.queueConsumers = List.copyOf(b.queueConsumers.values());
    this.build = b.build;
    this.assets = b.assets;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.modules = modules;
    b.script = script;
    b.scriptPath = scriptPath;
    b.modulesRoot = modulesRoot;
    b.build = build;
    b.compatibilityDate = compatibilityDate;
    b.compatibilityFlags.addAll(compatibilityFlags);
    b.kvNamespaces.putAll(kvNamespaces);
    b.serviceBindings.putAll(serviceBindings);
    b.durableObjects.putAll(durableObjects);
    b.sqliteDurableObjects.addAll(sqliteDurableObjects);
    b.d1Databases.putAll(d1Databases);
    b.d1MigrationsDirs.putAll(d1MigrationsDirs);
    b.routes.addAll(routes);
    b.crons.addAll(crons);
    b.bindings.putAll(bindings);
    b.cache = cache;
    b.unsafeEval = unsafeEval;
    b.cpuTimeLimit = cpuTimeLimit;
    b.r2Buckets.putAll(r2Buckets);
    b.queueProducers.putAll(queueProducers);
    queueConsumers.forEach(c -> b.queueConsumers.put(c.queue(), c));
    b.assets = assets;
    return b;
  }

  /** Cron trigger expressions run on the instance clock (wrangler's {@code triggers.crons}). */
  public List<String> crons() {
    return crons;
  }

  /** Whether the worker's Cache API stores anything (Miniflare's {@code cache} option; default true). */
  public boolean cache() {
    return cache;
  }

  /** Whether the worker may generate code from strings ({@code eval}, {@code new Function}); default false. */
  public boolean unsafeEval() {
    return unsafeEval;
  }

  /**
   * The CPU time one event of this worker may use ({@code limits.cpu_ms}), or null to use the instance's
   * ({@link Miniflare.Builder#cpuTimeLimit}); {@link java.time.Duration#ZERO} means no limit.
   */
  public java.time.Duration cpuTimeLimit() {
    return cpuTimeLimit;
  }

  /** The worker's name ("" when not set). */
  public String name() {
    return name;
  }

  /** Whether the script is an ES module; {@code null} means detect from the source. */
  public Boolean modules() {
    return modules;
  }

  /** Inline script source, or {@code null}. */
  public String script() {
    return script;
  }

  /** Path of the main script, or {@code null}. */
  public Path scriptPath() {
    return scriptPath;
  }

  /** Folder that module imports may read from (defaults to the script's folder tree root). */
  public Path modulesRoot() {
    return modulesRoot;
  }

  /**
   * How the {@link #scriptPath()} is built before it runs (esbuild bundle, or {@code no_bundle} module rules), or
   * {@code null}: the script and its imports are loaded as they are (Miniflare's default for workers configured in
   * code; a wrangler configuration bundles unless {@code no_bundle}).
   */
  public dev.miniflare.build.BuildOptions buildOptions() {
    return build;
  }

  /** The compatibility date, or {@code null}. */
  public String compatibilityDate() {
    return compatibilityDate;
  }

  /** Compatibility flags. */
  public List<String> compatibilityFlags() {
    return compatibilityFlags;
  }

  /** KV namespace ids by binding name. */
  public Map<String, String> kvNamespaces() {
    return kvNamespaces;
  }

  /** Service bindings by binding name. */
  public Map<String, ServiceTarget> serviceBindings() {
    return serviceBindings;
  }

  /** Durable Object namespace bindings by binding name. */
  public Map<String, DurableObjectBinding> durableObjects() {
    return durableObjects;
  }

  /** Durable Object classes this worker exports that are SQLite-backed (have {@code ctx.storage.sql}). */
  public List<String> sqliteDurableObjects() {
    return sqliteDurableObjects;
  }

  /** D1 database ids by binding name. */
  public Map<String, String> d1Databases() {
    return d1Databases;
  }

  /** The migrations directory of D1 bindings that have one (wrangler's {@code migrations_dir}), by binding. */
  public Map<String, java.nio.file.Path> d1MigrationsDirs() {
    return d1MigrationsDirs;
  }

  /** Route patterns. */
  public List<String> routes() {
    return routes;
  }

  /** Plain-value bindings (strings, numbers, booleans, maps and lists become JSON values in JS). */
  public Map<String, Object> bindings() {
    return bindings;
  }

  /** R2 bucket names by binding name. */
  public Map<String, String> r2Buckets() {
    return r2Buckets;
  }

  /** Queue producer bindings by binding name. */
  public Map<String, QueueProducerBinding> queueProducers() {
    return queueProducers;
  }

  /** The queues this worker consumes. */
  public List<dev.miniflare.queues.QueueConsumerOptions> queueConsumers() {
    return queueConsumers;
  }

  /** The worker's static assets, or {@code null} when it has none. */
  public dev.miniflare.assets.AssetsOptions assets() {
    return assets;
  }

  /** Whether this worker only serves static assets (it has assets and no script). */
  public boolean assetsOnly() {
    return assets != null && script == null && scriptPath == null;
  }

  /** Builder of {@link WorkerOptions}. */
  public static final class Builder {
    private String name = "";
    private Boolean modules;
    private String script;
    private Path scriptPath;
    private Path modulesRoot;
    private dev.miniflare.build.BuildOptions build;
    private String compatibilityDate;
    private final List<String> compatibilityFlags = new ArrayList<>();
    private final Map<String, String> kvNamespaces = new LinkedHashMap<>();
    private final Map<String, ServiceTarget> serviceBindings = new LinkedHashMap<>();
    private final Map<String, DurableObjectBinding> durableObjects = new LinkedHashMap<>();
    private final List<String> sqliteDurableObjects = new ArrayList<>();
    private final Map<String, String> d1Databases = new LinkedHashMap<>();
    private final Map<String, java.nio.file.Path> d1MigrationsDirs = new LinkedHashMap<>();
    private final List<String> routes = new ArrayList<>();
    private final List<String> crons = new ArrayList<>();
    private final Map<String, Object> bindings = new LinkedHashMap<>();
    private boolean cache = true;
    private boolean unsafeEval;
    private java.time.Duration cpuTimeLimit;
    private final Map<String, String> r2Buckets = new LinkedHashMap<>();
    private final Map<String, QueueProducerBinding> queueProducers = new LinkedHashMap<>();
    private final Map<String, dev.miniflare.queues.QueueConsumerOptions> queueConsumers = new LinkedHashMap<>();
    private dev.miniflare.assets.AssetsOptions assets;

    private Builder() {}

    /** The worker's name (service bindings and routes refer to it). */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** ES modules format ({@code export default { fetch }}) when true, service worker format when false. */
    public Builder modules(boolean modules) {
      this.modules = modules;
      return this;
    }

    /** The worker's source code inline. */
    public Builder script(String script) {
      this.script = Objects.requireNonNull(script, "script");
      return this;
    }

    /** The main script on disk; modules it imports are read relative to it. */
    public Builder scriptPath(Path scriptPath) {
      this.scriptPath = Objects.requireNonNull(scriptPath, "scriptPath");
      return this;
    }

    /** The main script on disk, as a path string. */
    public Builder scriptPath(String scriptPath) {
      return scriptPath(Path.of(scriptPath));
    }

    /** The folder imports may read from (default: the script's folder). */
    public Builder modulesRoot(Path modulesRoot) {
      this.modulesRoot = modulesRoot;
      return this;
    }

    /**
     * Builds the {@link #scriptPath(Path) script} as wrangler does before running it (TypeScript, npm packages,
     * {@code [[rules]]} modules); {@code null} loads it as it is.
     */
    public Builder buildOptions(dev.miniflare.build.BuildOptions build) {
      this.build = build;
      return this;
    }

    /**
     * Bundles the {@link #scriptPath(Path) script} with esbuild using wrangler's defaults when true (the same as
     * {@code buildOptions(BuildOptions.builder().build())}); loads it as it is when false.
     */
    public Builder bundle(boolean bundle) {
      this.build = bundle ? dev.miniflare.build.BuildOptions.builder().build() : null;
      return this;
    }

    /** The compatibility date (YYYY-MM-DD). */
    public Builder compatibilityDate(String date) {
      this.compatibilityDate = date;
      return this;
    }

    /** Compatibility flags. */
    public Builder compatibilityFlags(String... flags) {
      compatibilityFlags.addAll(List.of(flags));
      return this;
    }

    /** Binds a KV namespace; workers naming the same id share its data. */
    public Builder kvNamespace(String binding, String namespaceId) {
      kvNamespaces.put(binding, namespaceId);
      return this;
    }

    /** Binds KV namespaces whose ids equal their binding names (Miniflare's {@code kvNamespaces: ["NS"]}). */
    public Builder kvNamespaces(String... bindings) {
      for (String b : bindings) {
        kvNamespaces.put(b, b);
      }
      return this;
    }

    /** Binds a D1 database; workers naming the same database id share its data. */
    public Builder d1Database(String binding, String databaseId) {
      d1Databases.put(Objects.requireNonNull(binding, "binding"), Objects.requireNonNull(databaseId, "databaseId"));
      return this;
    }

    /**
     * Where the migrations of a D1 binding live (wrangler's {@code migrations_dir}), for
     * {@code D1Database#applyMigrations()}; set from the config file's directory when loaded from wrangler.
     */
    public Builder d1MigrationsDir(String binding, java.nio.file.Path directory) {
      d1MigrationsDirs.put(Objects.requireNonNull(binding, "binding"), Objects.requireNonNull(directory, "directory"));
      return this;
    }

    /** Binds D1 databases whose ids equal their binding names (Miniflare's {@code d1Databases: ["DB"]}). */
    public Builder d1Databases(String... bindings) {
      for (String b : bindings) {
        d1Databases.put(b, b);
      }
      return this;
    }

    /** Binds D1 databases by binding name to database id (Miniflare's {@code d1Databases: { DB: "id" }}). */
    public Builder d1Databases(Map<String, String> databaseIdsByBinding) {
      databaseIdsByBinding.forEach(this::d1Database);
      return this;
    }

    /** Binds another worker of this instance by name. */
    public Builder serviceBinding(String binding, String workerName) {
      serviceBindings.put(binding, new WorkerTarget(workerName));
      return this;
    }

    /**
     * Binds a named entrypoint (a {@code WorkerEntrypoint} class export) of another worker of this instance, as
     * wrangler's {@code [[services]] entrypoint}; null means the default export.
     */
    public Builder serviceBinding(String binding, String workerName, String entrypoint) {
      serviceBindings.put(binding, new WorkerTarget(workerName, entrypoint));
      return this;
    }

    /** Binds a Java function; it runs off the worker's event loop, so it may block or call back into workers. */
    public Builder serviceBinding(String binding, Function<Request, Response> handler) {
      Objects.requireNonNull(handler, "handler");
      serviceBindings.put(binding, new FunctionTarget(request -> CompletableFuture.completedFuture(handler.apply(request))));
      return this;
    }

    /** Binds an asynchronous Java function. */
    public Builder serviceBindingAsync(String binding, Function<Request, CompletableFuture<Response>> handler) {
      serviceBindings.put(binding, new FunctionTarget(Objects.requireNonNull(handler, "handler")));
      return this;
    }

    /** Binds a namespace of Durable Objects whose class this worker exports. */
    public Builder durableObject(String binding, String className) {
      durableObjects.put(binding, new DurableObjectBinding(className, null));
      return this;
    }

    /** Binds a namespace of Durable Objects whose class another worker ({@code scriptName}) exports. */
    public Builder durableObject(String binding, String className, String scriptName) {
      durableObjects.put(binding, new DurableObjectBinding(className, scriptName));
      return this;
    }

    /**
     * Makes Durable Object classes this worker exports SQLite-backed, like wrangler's
     * {@code [[migrations]] new_sqlite_classes}: their objects get {@code ctx.storage.sql} (and
     * {@code transactionSync}) besides the key-value API. Bind them with {@link #durableObject} as usual.
     */
    public Builder sqliteDurableObjects(String... classNames) {
      for (String c : classNames) {
        if (!sqliteDurableObjects.contains(Objects.requireNonNull(c, "className"))) {
          sqliteDurableObjects.add(c);
        }
      }
      return this;
    }

    /** Route patterns such as {@code "example.com/*"} or {@code "*.example.com/api/*"}. */
    public Builder routes(String... patterns) {
      routes.addAll(List.of(patterns));
      return this;
    }

    /**
     * Cron triggers such as {@code "0 * * * *"} (UTC, Cloudflare's syntax): the worker's {@code scheduled}
     * handler runs when the instance clock passes each occurrence, so {@link TestClock#advance} triggers them in
     * tests. Throws {@link IllegalArgumentException} for an invalid expression.
     */
    public Builder crons(String... expressions) {
      for (String e : expressions) {
        dev.miniflare.scheduled.CronExpression.parse(e);
        crons.add(e);
      }
      return this;
    }

    /** A plain-value binding: a string, number, boolean, or a map/list of those (a JSON value in JS). */
    public Builder binding(String name, Object value) {
      bindings.put(name, value);
      return this;
    }

    /** Several plain-value bindings. */
    public Builder bindings(Map<String, ?> values) {
      bindings.putAll(values);
      return this;
    }

    /**
     * Disables the worker's Cache API when false, like Miniflare's {@code cache: false}: {@code put} stores
     * nothing, {@code match} always misses and {@code delete} resolves false. Default true.
     */
    public Builder cache(boolean enabled) {
      this.cache = enabled;
      return this;
    }

    /**
     * Lets the worker generate code from strings when true. Like workerd, a worker's {@code eval(string)},
     * {@code new Function(...)} and the async/generator function constructors throw an {@code EvalError}
     * by default (a library that depends on them fails here as it would when deployed); test harnesses that
     * run snippets through them can opt out, as Miniflare's unsafe-eval binding lets vitest-pool-workers do.
     * It also lifts workerd's refusal to compile WebAssembly at run time: {@code new WebAssembly.Module(bytes)},
     * {@code WebAssembly.compile(bytes)} and {@code WebAssembly.instantiate(bytes)} then work (by default they
     * throw workerd's {@code CompileError}; modules imported from {@code .wasm} files work either way).
     */
    public Builder unsafeEval(boolean enabled) {
      this.unsafeEval = enabled;
      return this;
    }

    /**
     * The CPU time (of the thread running it, not wall time) one event, timer or continuation of this worker may
     * use before it fails with "Worker exceeded CPU time limit." (wrangler's {@code limits.cpu_ms}); overrides the
     * instance's {@link Miniflare.Builder#cpuTimeLimit}; {@link java.time.Duration#ZERO} means no limit.
     */
    public Builder cpuTimeLimit(java.time.Duration limit) {
      this.cpuTimeLimit = limit;
      return this;
    }

    /** Binds an R2 bucket; workers naming the same bucket share its objects. */
    public Builder r2Bucket(String binding, String bucketName) {
      r2Buckets.put(Objects.requireNonNull(binding, "binding"), Objects.requireNonNull(bucketName, "bucketName"));
      return this;
    }

    /** Binds R2 buckets whose names equal their binding names (Miniflare's {@code r2Buckets: ["BUCKET"]}). */
    public Builder r2Buckets(String... bindings) {
      for (String b : bindings) {
        r2Buckets.put(b, b);
      }
      return this;
    }

    /**
     * Binds a queue producer ({@code env[binding].send(...)}), like wrangler's {@code [[queues.producers]]}.
     * Queues belong to the instance: any worker may consume them.
     */
    public Builder queueProducer(String binding, String queueName) {
      queueProducers.put(Objects.requireNonNull(binding, "binding"),
          new QueueProducerBinding(Objects.requireNonNull(queueName, "queueName"), null));
      return this;
    }

    /** Binds a queue producer whose messages are delayed by {@code deliveryDelay} unless a send says otherwise. */
    public Builder queueProducer(String binding, String queueName, java.time.Duration deliveryDelay) {
      long seconds = deliveryDelay.getSeconds();
      if (seconds < 0 || seconds > 43_200) {
        throw new IllegalArgumentException("delivery_delay of queue producer \"" + binding
            + "\" must be between 0 and 43200 seconds, not " + seconds);
      }
      queueProducers.put(Objects.requireNonNull(binding, "binding"),
          new QueueProducerBinding(Objects.requireNonNull(queueName, "queueName"), (int) seconds));
      return this;
    }

    /** Makes this worker the consumer of a queue with Cloudflare's defaults (its {@code queue()} handler runs). */
    public Builder queueConsumer(String queueName) {
      return queueConsumer(dev.miniflare.queues.QueueConsumerOptions.of(queueName));
    }

    /** Makes this worker the consumer of a queue, like wrangler's {@code [[queues.consumers]]}. */
    public Builder queueConsumer(dev.miniflare.queues.QueueConsumerOptions options) {
      queueConsumers.put(options.queue(), options);
      return this;
    }

    /**
     * Serves static assets from {@code directory} with wrangler's defaults, like an {@code [assets]} section with
     * only {@code directory}: requests reach a matching file before the worker. A worker with assets and no script
     * is an assets-only worker.
     */
    public Builder assets(Path directory) {
      return assets(dev.miniflare.assets.AssetsOptions.of(directory));
    }

    /** Serves static assets as wrangler's {@code [assets]} section describes (binding, handling, run_worker_first). */
    public Builder assets(dev.miniflare.assets.AssetsOptions assets) {
      this.assets = Objects.requireNonNull(assets, "assets");
      return this;
    }

    /** The immutable options. */
    public WorkerOptions build() {
      if (script == null && scriptPath == null && assets == null) {
        throw new IllegalArgumentException("worker \"" + name + "\" needs a script, a scriptPath or assets");
      }
      if (build != null && scriptPath == null && script != null) {
        throw new IllegalArgumentException("worker \"" + name + "\" is built from a file: set scriptPath, not script");
      }
      return new WorkerOptions(this);
    }
  }
}
