package dev.miniflare.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.IOAccess;

/**
 * The one GraalJS {@link Engine} of the JVM, shared by every isolate so parsed sources (the runtime's own JS and
 * workers' code) are cached across contexts: a new isolate costs milliseconds instead of a cold start.
 * Contexts are created under {@link SandboxPolicy#CONSTRAINED}: no host class lookup, no host IO except the
 * in-memory module file system, no threads, no native access, no process environment.
 */
public final class JsEngine {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JsEngine.class);
  private static volatile Engine engine;
  private static volatile Engine asyncContextEngine;
  private static final Map<String, Source> RUNTIME_SOURCES = new ConcurrentHashMap<>();
  /** Classes to pre-load at start-up, one binary name per line (see {@link #preloadClasses()}). */
  static final String PRELOAD_LIST = "/dev/miniflare/core/preload-classes.txt";

  /** Host access for worker contexts: only {@code @HostAccess.Export} members, plus byte buffers as ArrayBuffers. */
  static final HostAccess HOST_ACCESS = HostAccess.newBuilder(HostAccess.CONSTRAINED).allowBufferAccess(true).build();

  /** Set once a background warm-up was started; isolates wait for it instead of repeating its work. */
  private static volatile java.util.concurrent.CompletableFuture<Void> prewarm;
  private static volatile Thread prewarmThread;

  private JsEngine() {}

  /**
   * Starts creating the engine and a throwaway isolate on a background thread (parsing and running the runtime's
   * JS once), so the first real isolate finds that work done. Test frameworks call it as early as they can (the
   * JUnit extension does it when the launcher session opens); the first isolate waits for it rather than
   * duplicating it. Does nothing when called again or when {@code -Dminiflare.prewarm=false}.
   */
  public static void prewarmInBackground() {
    prewarmInBackground(null);
  }

  /**
   * As {@link #prewarmInBackground()}, then runs {@code afterwards} on the warm-up thread once isolates no longer
   * wait for it: a caller's own warm-up (the JUnit extension dispatches a request and an export call through a
   * throwaway runtime) then overlaps with the first real runtime being built instead of delaying it.
   */
  public static void prewarmInBackground(Runnable afterwards) {
    if (prewarm != null || !Boolean.parseBoolean(System.getProperty("miniflare.prewarm", "true"))) {
      return;
    }
    synchronized (JsEngine.class) {
      if (prewarm != null || engine != null) {
        return;
      }
      java.util.concurrent.CompletableFuture<Void> f = new java.util.concurrent.CompletableFuture<>();
      Thread t = new Thread(() -> {
        try (Isolate isolate = new Isolate("prewarm", emptyFileSystem(), (w, l, m) -> { })) {
          isolate.call(() -> {
            isolate.internals().getMember("warmUp").executeVoid();
            return null;
          });
        } catch (RuntimeException | LinkageError e) {
          // Only an optimisation: the first real isolate will report any real problem itself.
          LOG.debug("engine warm-up failed", e);
        } finally {
          f.complete(null);
        }
        if (afterwards != null) {
          try {
            afterwards.run();
          } catch (RuntimeException | LinkageError e) {
            LOG.debug("follow-up warm-up failed", e);
          }
        }
      }, "miniflare-prewarm");
      t.setDaemon(true);
      prewarmThread = t;
      prewarm = f;
      t.start();
      // Helpers that take a share of the CPU from the JIT compiler threads of a cold JVM: pointless on one core.
      if (Runtime.getRuntime().availableProcessors() > 1) {
        if (Boolean.parseBoolean(System.getProperty("miniflare.preload", "true"))) {
          start(JsEngine::preloadClasses, "miniflare-prewarm-classes");
        }
        start(JsEngine::parseRuntimeSources, "miniflare-prewarm-parser");
      }
    }
  }

  /**
   * Parses the runtime files the warm-up isolate evaluates after {@code url.js}, in a context of its own, so the
   * isolate finds them in the engine's source cache. On a cold JVM this runs beside the isolate's realm set-up
   * and its {@code url.js}, taking a share of the CPU from the JIT compiler threads (~0.1 s off the start-up).
   */
  private static void parseRuntimeSources() {
    try (Context context = newContext(emptyFileSystem())) {
      for (String file : Isolate.RUNTIME_FILES.subList(1, Isolate.RUNTIME_FILES.size())) {
        context.parse(runtimeSource(file));
      }
    } catch (RuntimeException | LinkageError e) {
      LOG.debug("parsing the runtime files ahead failed", e); // only an optimisation
    }
  }

  /**
   * Loads (without initialising) the GraalJS and Truffle classes a cold JVM needs to run its first worker, in
   * the order it needs them, from a list recorded by {@code ci/preload-classes.sh}. The warm-up thread then
   * finds most classes already read from their jars and defined: class loading is the largest part of GraalJS's
   * cold start, and this moves it to a thread of its own (~0.1 s off a one-test process on two cores).
   * Classes the list names but this GraalJS version lacks are skipped.
   */
  private static void preloadClasses() {
    ClassLoader loader = JsEngine.class.getClassLoader();
    try (InputStream in = JsEngine.class.getResourceAsStream(PRELOAD_LIST)) {
      if (in == null) {
        return;
      }
      for (String name : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        try {
          Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
          // renamed or removed in this GraalJS version: only an optimisation
        }
      }
    } catch (IOException e) {
      LOG.debug("reading the class pre-load list failed", e); // only an optimisation
    }
  }

  private static void start(Runnable task, String name) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    t.start();
  }

  private static ModuleFileSystem emptyFileSystem() {
    return new ModuleFileSystem(Map.of(), java.nio.file.Path.of("/prewarm"), null);
  }

  /** Waits for a background warm-up in progress (a no-op otherwise, or on the warm-up thread itself). */
  static void awaitPrewarm() {
    java.util.concurrent.CompletableFuture<Void> f = prewarm;
    if (f != null && !f.isDone() && Thread.currentThread() != prewarmThread) {
      f.join();
    }
  }

  /** The shared engine, created on first use. */
  public static Engine engine() {
    Engine e = engine;
    if (e == null) {
      synchronized (JsEngine.class) {
        e = engine;
        if (e == null) {
          // wasm is permitted on the engine (where GraalWasm can run, see WasmSupport) so contexts that need
          // WebAssembly can enable it; GraalWasm's parsed modules are then shared between contexts like JS sources
          e = Engine.newBuilder(WasmSupport.JVM_SUPPORTED ? new String[] {"js", "wasm"} : new String[] {"js"})
              .sandbox(SandboxPolicy.CONSTRAINED)
              .out(OutputStream.nullOutputStream())
              .err(OutputStream.nullOutputStream())
              .option("engine.WarnInterpreterOnly", "false")
              .build();
          engine = e;
        }
      }
    }
    return e;
  }

  /**
   * The engine of isolates that need GraalJS's {@code js.async-context} (TC39 AsyncContext, behind Node.js's
   * AsyncLocalStorage). The CONSTRAINED sandbox policy refuses that option (it is experimental), so this engine
   * is built under TRUSTED and {@link #newContext(ModuleFileSystem, boolean, boolean)} denies explicitly, one by
   * one, everything CONSTRAINED would deny: the sandbox its contexts get is the same, only the policy's check of
   * the builder is gone (NodeSandboxTest checks that worker code still reaches no host class, file or variable).
   * Created on the first such isolate, so workers without Node.js compatibility never pay for it.
   */
  static Engine asyncContextEngine() {
    Engine e = asyncContextEngine;
    if (e == null) {
      synchronized (JsEngine.class) {
        e = asyncContextEngine;
        if (e == null) {
          e = Engine.newBuilder(WasmSupport.JVM_SUPPORTED ? new String[] {"js", "wasm"} : new String[] {"js"})
              .sandbox(SandboxPolicy.TRUSTED)
              .out(OutputStream.nullOutputStream())
              .err(OutputStream.nullOutputStream())
              .option("engine.WarnInterpreterOnly", "false")
              .build();
          asyncContextEngine = e;
        }
      }
    }
    return e;
  }

  /** A new sandboxed context on the shared engine, serving modules from {@code fileSystem}; no eval. */
  static Context newContext(ModuleFileSystem fileSystem) {
    return newContext(fileSystem, false, false);
  }

  /**
   * A new sandboxed context on the shared engine, serving modules from {@code fileSystem}, without WebAssembly.
   * Without {@code allowEval}, code generation from strings throws an {@code EvalError}, as on workerd.
   */
  static Context newContext(ModuleFileSystem fileSystem, boolean allowEval) {
    return newContext(fileSystem, allowEval, false);
  }

  /**
   * A new sandboxed context on the shared engine, serving modules from {@code fileSystem}. Without
   * {@code allowEval}, code generation from strings throws an {@code EvalError}, as on workerd. With
   * {@code webAssembly}, GraalWasm backs the {@code WebAssembly} global (see {@link WasmSupport}); it is a
   * per-context cost, so only workers that need it get it.
   */
  static Context newContext(ModuleFileSystem fileSystem, boolean allowEval, boolean webAssembly) {
    return newContext(fileSystem, allowEval, webAssembly, false);
  }

  /**
   * As {@link #newContext(ModuleFileSystem, boolean, boolean)}; with {@code asyncContext}, on the
   * {@link #asyncContextEngine} with TC39 AsyncContext enabled (runtime.js takes the {@code AsyncContext} global away
   * from worker code).
   */
  static Context newContext(ModuleFileSystem fileSystem, boolean allowEval, boolean webAssembly, boolean asyncContext) {
    Context.Builder builder = webAssembly ? Context.newBuilder("js", "wasm") : Context.newBuilder("js");
    // GraalJS implements the WebAssembly API by evaluating in the wasm language, which needs polyglot access
    // between the two; that also brings a `Polyglot` global, which the runtime deletes before worker code runs.
    // No wasm builtins (WASI) are enabled: a wasm module can only import what JS hands it.
    org.graalvm.polyglot.PolyglotAccess polyglot = webAssembly
        ? org.graalvm.polyglot.PolyglotAccess.newBuilder()
            .allowEvalBetween("js", "wasm").allowBindingsAccess("js").allowBindingsAccess("wasm").build()
        : org.graalvm.polyglot.PolyglotAccess.NONE;
    if (webAssembly) {
      builder.option("js.webassembly", "true").allowPolyglotAccess(polyglot);
    }
    if (asyncContext) {
      builder.engine(asyncContextEngine())
          .sandbox(SandboxPolicy.TRUSTED)
          // what CONSTRAINED denies, denied here explicitly. (No allowHostClassLookup at all: even a predicate
          // that refuses every class installs the Java/Packages globals; left unset, host lookup is off.)
          .allowAllAccess(false)
          .allowHostClassLoading(false)
          .allowNativeAccess(false)
          .allowCreateThread(false)
          .allowCreateProcess(false)
          .allowPolyglotAccess(polyglot)
          .allowEnvironmentAccess(org.graalvm.polyglot.EnvironmentAccess.NONE)
          .allowInnerContextOptions(false)
          .allowExperimentalOptions(true)
          .option("js.async-context", "true");
    } else {
      builder.engine(engine()).sandbox(SandboxPolicy.CONSTRAINED);
    }
    return builder
        .allowHostAccess(HOST_ACCESS)
        .allowIO(IOAccess.newBuilder().fileSystem(fileSystem).build())
        .out(OutputStream.nullOutputStream())
        .err(OutputStream.nullOutputStream())
        .option("js.esm-eval-returns-exports", "true")
        .option("js.text-encoding", "true")
        .option("js.print", "false")
        .option("js.load", "false")
        // on only so runtime.js can take Graal.setUnhandledPromiseRejectionHandler; it deletes the global at once
        .option("js.graal-builtin", "true")
        .option("js.unhandled-rejections", "handler")
        .option("js.console", "false")
        .option("js.allow-eval", String.valueOf(allowEval))
        // Workers run in UTC whatever the machine's zone (a test on a laptop in New York must see the same
        // dates as the deployed worker); the offset form makes Intl report "UTC" as workerd does.
        .timeZone(java.time.ZoneOffset.UTC)
        .build();
  }

  /** A runtime JS file from the classpath, parsed once per JVM and cached on the engine. */
  static Source runtimeSource(String resourcePath) {
    return RUNTIME_SOURCES.computeIfAbsent(resourcePath, path -> {
      try (InputStream in = JsEngine.class.getResourceAsStream(path)) {
        if (in == null) {
          throw new IllegalStateException("missing runtime resource " + path);
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        return Source.newBuilder("js", new String(in.readAllBytes(), StandardCharsets.UTF_8), "miniflare:" + name)
            .cached(true)
            .build();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
