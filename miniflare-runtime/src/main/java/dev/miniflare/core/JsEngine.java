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
  private static volatile Engine engine;
  private static final Map<String, Source> RUNTIME_SOURCES = new ConcurrentHashMap<>();

  /** Host access for worker contexts: only {@code @HostAccess.Export} members, plus byte buffers as ArrayBuffers. */
  static final HostAccess HOST_ACCESS = HostAccess.newBuilder(HostAccess.CONSTRAINED).allowBufferAccess(true).build();

  private JsEngine() {}

  /** The shared engine, created on first use. */
  public static Engine engine() {
    Engine e = engine;
    if (e == null) {
      synchronized (JsEngine.class) {
        e = engine;
        if (e == null) {
          e = Engine.newBuilder("js")
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

  /** A new sandboxed context on the shared engine, serving modules from {@code fileSystem}. */
  static Context newContext(ModuleFileSystem fileSystem) {
    return Context.newBuilder("js")
        .engine(engine())
        .sandbox(SandboxPolicy.CONSTRAINED)
        .allowHostAccess(HOST_ACCESS)
        .allowIO(IOAccess.newBuilder().fileSystem(fileSystem).build())
        .out(OutputStream.nullOutputStream())
        .err(OutputStream.nullOutputStream())
        .option("js.esm-eval-returns-exports", "true")
        .option("js.text-encoding", "true")
        .option("js.print", "false")
        .option("js.load", "false")
        .option("js.graal-builtin", "false")
        .option("js.console", "false")
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
