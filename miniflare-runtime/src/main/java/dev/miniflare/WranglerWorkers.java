package dev.miniflare;

import dev.miniflare.config.ConfigWarning;
import dev.miniflare.config.KvNamespaceConfig;
import dev.miniflare.config.RouteConfig;
import dev.miniflare.config.ServiceBindingConfig;
import dev.miniflare.config.UnsupportedBinding;
import dev.miniflare.config.WranglerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a wrangler configuration into {@link WorkerOptions}. Bindings of features this runtime does not have yet
 * are rejected with the file and line that declares them, never silently ignored.
 */
final class WranglerWorkers {
  private static final Logger LOG = LoggerFactory.getLogger(WranglerWorkers.class);

  private WranglerWorkers() {}

  static WorkerOptions fromConfig(Path file, String environment) {
    return fromConfig(file, environment, null);
  }

  /**
   * As {@link #fromConfig(Path, String)}, with {@code entry} (when not null) as the worker's entry script instead of
   * the config's {@code main}, which may then be absent ({@code wrangler dev src/index.ts} style).
   */
  static WorkerOptions fromConfig(Path file, String environment, Path entry) {
    WranglerConfig config = WranglerConfig.load(file, environment);
    for (ConfigWarning w : config.warnings()) {
      LOG.warn("{}", w.message());
    }
    List<String> unsupported = new ArrayList<>();
    for (UnsupportedBinding b : config.unsupportedBindings()) {
      unsupported.add(location(b.file(), b.line(), b.column()) + "\"" + b.keyPath() + "\"");
    }
    if (!unsupported.isEmpty()) {
      throw new MiniflareException("Worker \"" + config.name() + "\" uses bindings this version of Miniflare for"
          + " Java does not support yet: " + String.join(", ", unsupported)
          + ". Remove them or configure the worker in code.");
    }
    dev.miniflare.config.AssetsConfig assets = config.assets().orElse(null);
    // with [assets] and no main, the worker only serves its assets (wrangler's assets-only worker)
    Path main = entry != null ? entry.toAbsolutePath().normalize() : config.mainPath().orElse(null);
    if (main == null && assets == null) {
      throw new MiniflareException(file + ": \"main\" is not set; it must name the worker's entry script");
    }
    WorkerOptions.Builder w = WorkerOptions.builder()
        .name(config.name() == null ? "" : config.name())
        .modulesRoot(config.directory());
    if (main != null) {
      w.scriptPath(main).buildOptions(buildOptions(config));
    }
    if (assets != null) {
      dev.miniflare.assets.AssetsOptions options;
      try {
        options = assetsOptions(file, assets);
        dev.miniflare.assets.AssetServer.validate(options, main != null);
      } catch (IllegalArgumentException e) {
        throw new MiniflareException(location(file, assets.line(), 1) + e.getMessage(), e);
      }
      w.assets(options);
    }
    if (config.cpuMs() != null) {
      w.cpuTimeLimit(java.time.Duration.ofMillis(config.cpuMs()));
    }
    if (config.compatibilityDate() != null) {
      w.compatibilityDate(config.compatibilityDate());
    }
    w.compatibilityFlags(config.compatibilityFlags().toArray(String[]::new));
    w.bindings(config.bindingsVars());
    for (KvNamespaceConfig kv : config.kvNamespaces()) {
      w.kvNamespace(kv.binding(), kv.id() != null ? kv.id() : kv.binding());
    }
    for (dev.miniflare.config.D1DatabaseConfig d1 : config.d1Databases()) {
      w.d1Database(d1.binding(), d1.localId());
      // wrangler's default migrations_dir is "migrations" beside the config file
      w.d1MigrationsDir(d1.binding(), config.directory()
          .resolve(d1.migrationsDir() != null ? d1.migrationsDir() : "migrations").normalize());
    }
    for (dev.miniflare.config.R2BucketConfig r2 : config.r2Buckets()) {
      // Like Miniflare, the bucket is named by bucket_name (else the binding); preview_bucket_name and
      // jurisdiction only matter remotely.
      w.r2Bucket(r2.binding(), r2.bucketName() != null ? r2.bucketName() : r2.binding());
    }
    for (ServiceBindingConfig s : config.services()) {
      w.serviceBinding(s.binding(), s.service(), s.entrypoint());
    }
    for (dev.miniflare.config.DurableObjectBindingConfig d : config.durableObjects()) {
      if (d.scriptName() != null && !d.scriptName().isEmpty()) {
        w.durableObject(d.name(), d.className(), d.scriptName());
      } else {
        w.durableObject(d.name(), d.className());
      }
    }
    // Classes created by new_sqlite_classes are SQLite-backed; renaming one keeps it SQLite-backed.
    java.util.Set<String> sqlite = new java.util.LinkedHashSet<>();
    for (dev.miniflare.config.MigrationConfig m : config.migrations()) {
      sqlite.addAll(m.newSqliteClasses());
      for (dev.miniflare.config.MigrationConfig.RenamedClass r : m.renamedClasses()) {
        if (sqlite.remove(r.from())) {
          sqlite.add(r.to());
        }
      }
      sqlite.removeAll(m.deletedClasses());
    }
    w.sqliteDurableObjects(sqlite.toArray(String[]::new));
    for (dev.miniflare.config.QueueProducerConfig q : config.queueProducers()) {
      if (q.deliveryDelay() != null) {
        w.queueProducer(q.binding(), q.queue(), java.time.Duration.ofSeconds(q.deliveryDelay()));
      } else {
        w.queueProducer(q.binding(), q.queue());
      }
    }
    for (dev.miniflare.config.QueueConsumerConfig q : config.queueConsumers()) {
      w.queueConsumer(queueConsumer(file, q));
    }
    for (RouteConfig r : config.routes()) {
      w.routes(r.pattern());
    }
    try {
      w.crons(config.crons().toArray(String[]::new));
    } catch (IllegalArgumentException e) {
      throw new MiniflareException(file + ": triggers.crons: " + e.getMessage(), e);
    }
    return w.build();
  }

  /** {@code [assets]} as options; a missing directory is refused with wrangler's words and the section's line. */
  private static dev.miniflare.assets.AssetsOptions assetsOptions(Path file, dev.miniflare.config.AssetsConfig a) {
    if (a.directory() == null) {
      throw new MiniflareException(location(file, a.line(), 1) + "The `assets` property in your configuration is"
          + " missing the required `directory` property.");
    }
    dev.miniflare.assets.AssetsOptions o = dev.miniflare.assets.AssetsOptions.of(a.directory()).withBinding(a.binding());
    if (a.htmlHandling() != null) {
      o = o.withHtmlHandling(dev.miniflare.assets.HtmlHandling.fromConfigValue(a.htmlHandling()));
    }
    if (a.notFoundHandling() != null) {
      o = o.withNotFoundHandling(dev.miniflare.assets.NotFoundHandling.fromConfigValue(a.notFoundHandling()));
    }
    if (a.runWorkerFirstRules() != null) {
      o = o.withRunWorkerFirst(a.runWorkerFirstRules().toArray(String[]::new));
    } else if (a.runWorkerFirst() != null) {
      o = o.withRunWorkerFirst(a.runWorkerFirst());
    }
    return o;
  }

  /** A consumer with Cloudflare's defaults for what the entry leaves out ({@code max_concurrency} has no effect locally). */
  private static dev.miniflare.queues.QueueConsumerOptions queueConsumer(Path file, dev.miniflare.config.QueueConsumerConfig q) {
    dev.miniflare.queues.QueueConsumerOptions o = dev.miniflare.queues.QueueConsumerOptions.of(q.queue());
    try {
      if (q.maxBatchSize() != null) {
        o = o.withMaxBatchSize(Math.toIntExact(q.maxBatchSize()));
      }
      if (q.maxBatchTimeout() != null) {
        o = o.withMaxBatchTimeout(java.time.Duration.ofSeconds(q.maxBatchTimeout()));
      }
      if (q.maxRetries() != null) {
        o = o.withMaxRetries(Math.toIntExact(q.maxRetries()));
      }
      if (q.retryDelay() != null) {
        o = o.withRetryDelay(java.time.Duration.ofSeconds(q.retryDelay()));
      }
      return o.withDeadLetterQueue(q.deadLetterQueue());
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new MiniflareException(file.getFileName() + ": [[queues.consumers]] " + e.getMessage(), e);
    }
  }

  /** wrangler builds every configured worker: esbuild unless {@code no_bundle}, after {@code [build] command}. */
  private static dev.miniflare.build.BuildOptions buildOptions(WranglerConfig config) {
    dev.miniflare.config.BuildConfig b = config.build();
    Path dir = config.directory();
    dev.miniflare.build.BuildOptions.Builder o = dev.miniflare.build.BuildOptions.builder()
        .bundle(!b.noBundle())
        .projectRoot(dir)
        .minify(b.minify())
        .keepNames(b.keepNames() == null || b.keepNames())
        .jsxFactory(b.jsxFactory())
        .jsxFragment(b.jsxFragment())
        .findAdditionalModules(b.findAdditionalModules())
        .preserveFileNames(b.preserveFileNames());
    if (b.tsconfig() != null) {
      o.tsconfig(dir.resolve(b.tsconfig()).normalize());
    }
    if (b.baseDir() != null) {
      o.baseDir(dir.resolve(b.baseDir()).normalize());
    }
    b.define().forEach(o::define);
    b.alias().forEach(o::alias);
    b.rules().forEach(o::rule);
    if (b.command() != null) {
      o.buildCommand(b.command(), b.cwd() == null ? null : dir.resolve(b.cwd()).normalize());
    }
    return o.build();
  }

  private static String location(Path file, int line, int column) {
    String name = file == null ? "" : file.getFileName().toString();
    return line > 0 ? name + ":" + line + ":" + column + ": " : name + ": ";
  }
}
