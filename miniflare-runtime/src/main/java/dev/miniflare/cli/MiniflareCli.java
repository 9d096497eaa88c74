package dev.miniflare.cli;

import dev.miniflare.Miniflare;
import dev.miniflare.MiniflareException;
import dev.miniflare.WorkerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code java -jar miniflare.jar [script] [options]}: serves a worker over HTTP the way Miniflare 2's CLI and
 * {@code wrangler dev} do, with Miniflare 2's flag names.
 */
@Command(name = "miniflare", mixinStandardHelpOptions = true, version = "Miniflare for Java 0.1.0",
    description = "Serves a Cloudflare Worker locally over HTTP.", sortOptions = false)
public final class MiniflareCli implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "SCRIPT",
      description = "The worker's main script (default: main from the wrangler config).")
  Path script;

  @Option(names = {"-c", "--wrangler-config"}, paramLabel = "FILE",
      description = "wrangler.toml / wrangler.json(c) to read (default: ./wrangler.toml if present). Repeatable:"
          + " every config is a worker of one session, the first is served (wrangler dev -c a -c b).")
  List<Path> wranglerConfigs = new ArrayList<>();

  @Option(names = {"-e", "--wrangler-env", "--env"}, paramLabel = "NAME", description = "The wrangler [env.NAME] to use.")
  String environment;

  @Option(names = {"-H", "--host"}, paramLabel = "HOST", description = "Host to listen on (default: ${DEFAULT-VALUE}).")
  String host = "127.0.0.1";

  @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
  int port = 8787;

  @Option(names = {"-m", "--modules"}, description = "The script is an ES module (default: detected).")
  Boolean modules;

  @Option(names = {"-k", "--kv"}, paramLabel = "NAME", description = "A KV namespace binding (repeatable).")
  List<String> kv = new ArrayList<>();

  @Option(names = "--d1", paramLabel = "NAME", description = "A D1 database binding (repeatable).")
  List<String> d1 = new ArrayList<>();

  @Option(names = "--r2", paramLabel = "NAME", description = "An R2 bucket binding (repeatable).")
  List<String> r2 = new ArrayList<>();

  @Option(names = {"-b", "--binding"}, paramLabel = "KEY=VALUE", description = "A plain-text binding (repeatable).")
  Map<String, String> bindings = new LinkedHashMap<>();

  @Option(names = "--kv-persist", arity = "0..1", paramLabel = "DIR", fallbackValue = ".mf/kv",
      description = "Persist KV data (in DIR, default .mf/kv).")
  Path kvPersist;

  @Option(names = {"-t", "--cron"}, paramLabel = "CRON",
      description = "A cron trigger running the scheduled handler, e.g. \"*/5 * * * *\" (repeatable).")
  List<String> crons = new ArrayList<>();

  @Option(names = "--do-persist", arity = "0..1", paramLabel = "DIR", fallbackValue = ".mf/do",
      description = "Persist Durable Object storage (in DIR, default .mf/do).")
  Path durableObjectsPersist;

  @Option(names = "--d1-persist", arity = "0..1", paramLabel = "DIR", fallbackValue = ".mf/d1",
      description = "Persist D1 databases (in DIR, default .mf/d1).")
  Path d1Persist;

  @Option(names = "--cache-persist", arity = "0..1", paramLabel = "DIR", fallbackValue = ".mf/cache",
      description = "Persist Cache API entries (in DIR, default .mf/cache).")
  Path cachePersist;

  @Option(names = "--r2-persist", arity = "0..1", paramLabel = "DIR", fallbackValue = ".mf/r2",
      description = "Persist R2 objects (in DIR, default .mf/r2).")
  Path r2Persist;

  @Option(names = "--no-cache", description = "Disable the default and named caches (the Cache API stores nothing).")
  boolean noCache;

  @Option(names = "--compat-date", paramLabel = "DATE", description = "The compatibility date.")
  String compatibilityDate;

  @Option(names = "--name", paramLabel = "NAME", description = "The worker's name.")
  String name;

  /** Entry point. */
  public static void main(String[] args) {
    // Jetty's start/stop lines are noise on a terminal (and around a start-up error); warnings still show.
    if (System.getProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty") == null) {
      System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
    }
    // Engine start-up (and its class pre-loading) on other cores while the arguments and config are read.
    dev.miniflare.core.JsEngine.prewarmInBackground();
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code (used by tests). */
  static int run(String[] args) {
    return run(args, null);
  }

  /** Runs the CLI with error output going to {@code err} (System.err when null); returns the exit code. */
  static int run(String[] args, java.io.PrintWriter err) {
    MiniflareCli options = new MiniflareCli();
    CommandLine cli = new CommandLine(options);
    if (err != null) {
      cli.setErr(err);
    }
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("miniflare: " + describe(e));
      if (options.verbose) {
        e.printStackTrace(cmd.getErr());
      } else if (!isUserError(e)) {
        cmd.getErr().println("(an internal error: run again with --verbose for its Java stack trace)");
      }
      return 1;
    });
    return cli.execute(args);
  }

  @Option(names = "--cpu-time-limit", paramLabel = "MS", description = "CPU time in milliseconds one event of the"
      + " worker may use before it fails with \"Worker exceeded CPU time limit.\" (default: the config's"
      + " limits.cpu_ms, else none, as wrangler dev).")
  Long cpuTimeLimitMillis;

  @Option(names = {"-v", "--verbose"}, description = "On failure, also print the Java stack trace.")
  boolean verbose;

  /** The one-line (or few-line) text of a failure: what is wrong and, where we know it, what to do. */
  static String describe(Throwable e) {
    java.net.BindException bind = causeOf(e, java.net.BindException.class);
    if (bind != null) {
      return "cannot listen on " + listenAddress(e) + ": the address is already in use (or not available here);"
          + " stop the other server or choose another port with --port";
    }
    if (isUserError(e)) {
      return e.getMessage();
    }
    return e.toString();
  }

  /** Problems in the user's input (config, arguments, scripts, ports), reported without a stack trace. */
  private static boolean isUserError(Throwable e) {
    return e instanceof dev.miniflare.config.ConfigException || e instanceof MiniflareException
        || e instanceof IllegalArgumentException || causeOf(e, java.net.BindException.class) != null
        || e instanceof java.io.UncheckedIOException && e.getCause() instanceof java.nio.file.NoSuchFileException;
  }

  private static String listenAddress(Throwable e) {
    String message = String.valueOf(e.getMessage());
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("cannot listen on (\\S+?):? ").matcher(message);
    return m.find() ? m.group(1) : "the configured port";
  }

  private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  @Option(names = {"-w", "--watch"}, description = "Reload the workers when their sources, configs or a custom"
      + " build's watch_dir change; storage is kept.")
  boolean watch;

  @Override
  public Integer call() throws Exception {
    if (watch) {
      return watchAndServe();
    }
    Miniflare mf = builder().build();  // starts the server
    System.out.println("Ready on " + mf.url());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      // Ctrl-C: stop taking requests, let in-flight work and waitUntil finish, then flush storage.
      try {
        mf.close();
      } finally {
        stopped.countDown();
      }
    }, "miniflare-shutdown"));
    stopped.await();
    return 0;
  }

  private int watchAndServe() throws Exception {
    WatchSession session = new WatchSession(this::builder, watchedRoots(), host, port, 300);
    System.out.println("Ready on " + session.url() + " (watching " + watchedRoots().size() + " folder(s) for changes)");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        session.close();
      } finally {
        stopped.countDown();
      }
    }, "miniflare-shutdown"));
    stopped.await();
    return 0;
  }

  /**
   * What {@code --watch} watches: the folder of every config (sources, {@code .dev.vars}, a custom build's
   * {@code watch_dir} usually live there), or the script's folder without a config.
   */
  List<Path> watchedRoots() {
    List<Path> roots = new ArrayList<>();
    for (Path config : configs()) {
      roots.add(config.toAbsolutePath().normalize().getParent());
    }
    if (script != null) {
      roots.add(script.toAbsolutePath().normalize().getParent());
    }
    return roots;
  }

  private List<Path> configs() {
    List<Path> configs = new ArrayList<>(wranglerConfigs);
    if (configs.isEmpty() && Files.isRegularFile(Path.of("wrangler.toml"))) {
      configs.add(Path.of("wrangler.toml"));  // wrangler's default, also with a script argument
    }
    return configs;
  }

  /** The instance the parsed options describe (the workers, their bindings, persistence, host and port). */
  Miniflare.Builder builder() {
    // No CPU limit by default, as wrangler dev (a worker's limits.cpu_ms still applies).
    Miniflare.Builder builder = Miniflare.builder().host(host).port(port).cpuTimeLimit(java.time.Duration.ZERO);
    if (kvPersist != null) {
      builder.kvPersist(kvPersist);
    }
    if (r2Persist != null) {
      builder.r2Persist(r2Persist);
    }
    if (durableObjectsPersist != null) {
      builder.durableObjectsPersist(durableObjectsPersist);
    }
    if (d1Persist != null) {
      builder.d1Persist(d1Persist);
    }
    if (cachePersist != null) {
      builder.cachePersist(cachePersist);
    }
    List<Path> configs = configs();
    WorkerOptions.Builder worker;
    if (!configs.isEmpty()) {
      // The script argument wins over the first config's main, and works when that config has none.
      worker = Miniflare.builder().wranglerConfig(configs.get(0).toAbsolutePath(), environment, script)
          .workers().get(0).toBuilder();
    } else if (script != null) {
      worker = WorkerOptions.builder().name(name != null ? name : "worker").scriptPath(script.toAbsolutePath());
    } else {
      throw new IllegalArgumentException("no script given and no wrangler.toml here; try --help");
    }
    if (name != null) {
      worker.name(name);
    }
    if (modules != null) {
      worker.modules(modules);
    }
    worker.kvNamespaces(kv.toArray(String[]::new));
    worker.d1Databases(d1.toArray(String[]::new));
    worker.r2Buckets(r2.toArray(String[]::new));
    bindings.forEach(worker::binding);
    if (compatibilityDate != null) {
      worker.compatibilityDate(compatibilityDate);
    }
    if (noCache) {
      worker.cache(false);
    }
    if (cpuTimeLimitMillis != null) {
      if (cpuTimeLimitMillis <= 0) {
        throw new IllegalArgumentException("--cpu-time-limit must be a positive number of milliseconds");
      }
      worker.cpuTimeLimit(java.time.Duration.ofMillis(cpuTimeLimitMillis));
    }
    worker.crons(crons.toArray(String[]::new));
    builder.worker(worker.build());
    for (Path other : configs.subList(Math.min(1, configs.size()), configs.size())) {
      builder.wranglerConfig(other.toAbsolutePath(), environment);  // reachable by service bindings, script_name
    }
    return builder;
  }
}
