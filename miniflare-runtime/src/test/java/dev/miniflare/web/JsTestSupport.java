package dev.miniflare.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * Unit-test harness for one runtime JS file at a time: a sandboxed context like a worker's, with the named files
 * from {@code dev/miniflare/web/} installed on {@code globalThis} by the module convention (each file evaluates
 * to {@code (function (host, global) { ...; return { Name: value }; })}).
 */
public final class JsTestSupport implements AutoCloseable {
  private static final Engine ENGINE = Engine.newBuilder("js")
      .sandbox(SandboxPolicy.CONSTRAINED)
      .out(OutputStream.nullOutputStream())
      .err(OutputStream.nullOutputStream())
      .option("engine.WarnInterpreterOnly", "false")
      .build();

  private final Context context;

  private JsTestSupport(Object host, String... files) {
    context = Context.newBuilder("js")
        .engine(ENGINE)
        .sandbox(SandboxPolicy.CONSTRAINED)
        .allowHostAccess(HostAccess.newBuilder(HostAccess.CONSTRAINED).allowBufferAccess(true).build())
        .option("js.print", "false")
        .option("js.load", "false")
        .option("js.graal-builtin", "false")
        .option("js.text-encoding", "true")
        .build();
    Value install = context.eval("js",
        "(function (factory, host) { const exports = factory(host, globalThis);"
            + " for (const [k, v] of Object.entries(exports)) Object.defineProperty(globalThis, k,"
            + " { value: v, writable: true, configurable: true, enumerable: false }); })");
    for (String file : files) {
      install.execute(context.eval(source(file)), host);
    }
  }

  /** A context with these runtime files installed and no host object. */
  public static JsTestSupport load(String... files) {
    return new JsTestSupport(null, files);
  }

  /** A context with these runtime files installed, passing {@code host} as their host primitives. */
  public static JsTestSupport loadWithHost(Object host, String... files) {
    return new JsTestSupport(host, files);
  }

  /** Evaluates a script in the context. */
  public Value eval(String js) {
    return context.eval("js", js);
  }

  /** The underlying context. */
  public Context context() {
    return context;
  }

  private static Source source(String file) {
    String path = "/dev/miniflare/web/" + file;
    try (InputStream in = JsTestSupport.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + path);
      }
      return Source.newBuilder("js", new String(in.readAllBytes(), StandardCharsets.UTF_8), file).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    context.close();
  }
}
