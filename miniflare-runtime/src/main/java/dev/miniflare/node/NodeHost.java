package dev.miniflare.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * The host object of {@code node/node.js} and the module files it loads: evaluates a module's runtime file or a
 * bundled npm library (from its webjar) on first import, so an isolate only pays for the modules its worker
 * imports. Worker code never gets a reference to it.
 */
public final class NodeHost {
  /** The runtime file installed in every isolate with Node.js compatibility. */
  public static final String RUNTIME_FILE = "/dev/miniflare/node/node.js";

  /** npm libraries from webjars, as CommonJS files: name → classpath resource. */
  private static final Map<String, String> LIBRARIES = Map.of(
      "buffer", "/META-INF/resources/webjars/buffer/6.0.3/index.js",
      "base64-js", "/META-INF/resources/webjars/base64-js/1.5.1/index.js",
      "ieee754", "/META-INF/resources/webjars/ieee754/1.2.1/index.js",
      "events", "/META-INF/resources/webjars/events/3.3.0/events.js",
      "path-browserify", "/META-INF/resources/webjars/path-browserify/1.0.1/index.js",
      "string_decoder", "/META-INF/resources/webjars/string_decoder/1.3.0/lib/string_decoder.js");

  /** Multi-file npm packages from webjars: name → folder of its files on the classpath. */
  private static final Map<String, String> PACKAGES = Map.of(
      "readable-stream", "/META-INF/resources/webjars/readable-stream/4.7.0/");

  /** Parsed once per JVM (the engine caches what it compiled for a cached source). */
  private static final Map<String, Source> SOURCES = new ConcurrentHashMap<>();

  private static final dev.miniflare.web.UrlHost URL_HOST = new dev.miniflare.web.UrlHost();
  private static final NodeCryptoHost CRYPTO = new NodeCryptoHost();
  private static final dev.miniflare.web.CryptoHost WEB_CRYPTO = new dev.miniflare.web.CryptoHost();

  private final NodeCompat compat;
  private NodeZlibHost zlib;
  private final Function<Source, Value> eval;

  /** {@code eval} evaluates a source in the isolate's context. */
  public NodeHost(NodeCompat compat, Function<Source, Value> eval) {
    this.compat = compat;
    this.eval = eval;
  }

  /** The source of {@code node.js} itself. */
  public static Source runtimeSource() {
    return source(RUNTIME_FILE, false);
  }

  /** Whether the Node.js globals ({@code Buffer}, {@code process}...) are installed ({@code nodejs_compat_v2}). */
  @HostAccess.Export
  public boolean v2() {
    return compat.v2();
  }

  /** Whether {@code process.env} holds the worker's string bindings. */
  @HostAccess.Export
  public boolean populateProcessEnv() {
    return compat.populateProcessEnv();
  }

  /** node:crypto's hashes and HMACs. */
  @HostAccess.Export
  public NodeCryptoHost crypto() {
    return CRYPTO;
  }

  /** The web crypto primitives (PBKDF2, HKDF, random bytes) node:crypto shares with crypto.subtle. */
  @HostAccess.Export
  public dev.miniflare.web.CryptoHost webCrypto() {
    return WEB_CRYPTO;
  }

  /** node:zlib's codecs (one per isolate: it keeps the last error message). */
  @HostAccess.Export
  public NodeZlibHost zlib() {
    if (zlib == null) {
      zlib = new NodeZlibHost();
    }
    return zlib;
  }

  /** node:url's domainToUnicode (UTS #46, as the URL parser's own). */
  @HostAccess.Export
  public String domainToUnicode(String domain) {
    return URL_HOST.domainToUnicode(domain);
  }

  /** Whether {@code node:<name>} exists for this worker (as an import would find it). */
  @HostAccess.Export
  public boolean available(String name) {
    return NodeModules.available(name, compat) && NodeModules.implementationFile(name) != null;
  }

  /** The factory {@code (host, global, internals) => exports} of module {@code name}'s runtime file. */
  @HostAccess.Export
  public Value module(String name) {
    String file = NodeModules.implementationFile(name);
    if (file == null || !NodeModules.available(name, compat)) {
      throw new IllegalArgumentException(NodeModules.missingMessage(name, compat));
    }
    return eval.apply(source(file, false));
  }

  /** The factory {@code (require, process) => module.exports} of a bundled npm library. */
  @HostAccess.Export
  public Value library(String name) {
    String resource = LIBRARIES.get(name);
    if (resource == null) {
      throw new IllegalArgumentException("no bundled library " + name);
    }
    return eval.apply(source(resource, true));
  }

  /**
   * The factory {@code (require, process, module, exports) => void} of file {@code path} (relative to the package
   * folder, ".js" optional) of a bundled multi-file package, or null when the package has no such file. Paths
   * cannot leave the package's folder.
   */
  @HostAccess.Export
  public Value packageFile(String pkg, String path) {
    String folder = PACKAGES.get(pkg);
    if (folder == null) {
      throw new IllegalArgumentException("no bundled package " + pkg);
    }
    java.nio.file.Path normalized = java.nio.file.Path.of("/", path).normalize();
    String file = normalized.toString().substring(1);
    if (!file.endsWith(".js")) {
      file += ".js";
    }
    String resource = folder + file;
    if (NodeHost.class.getResource(resource) == null) {
      return null;
    }
    return eval.apply(SOURCES.computeIfAbsent(resource, r -> packageSource(pkg, r)));
  }

  private static Source packageSource(String pkg, String resource) {
    try (InputStream in = NodeHost.class.getResourceAsStream(resource)) {
      // the file's own scope is an inner function, so its `const process = require('process/')` may shadow ours
      String code = "(function (require, process, module, exports) { (function () {\n"
          + new String(in.readAllBytes(), StandardCharsets.UTF_8) + "\n}).call(exports); })";
      String name = pkg + resource.substring(PACKAGES.get(pkg).length() - 1);
      return Source.newBuilder("js", code, "miniflare:" + name).cached(true).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Source source(String resource, boolean commonJs) {
    return SOURCES.computeIfAbsent(resource, path -> {
      try (InputStream in = NodeHost.class.getResourceAsStream(path)) {
        if (in == null) {
          throw new IllegalStateException("missing runtime resource " + path);
        }
        String code = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (commonJs) {
          // A CommonJS file handed back as a factory, so it never touches the worker's globals.
          code = "(function (require, process) { const module = { exports: {} }; const exports = module.exports;\n" + code
              + "\n; return module.exports; })";
          name = path.replaceAll(".*/webjars/([^/]+)/.*", "$1") + ".js";
        }
        return Source.newBuilder("js", code, "miniflare:" + name).cached(true).build();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
