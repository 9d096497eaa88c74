package dev.miniflare.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a worker's {@code .wasm} module file (wrangler's {@code CompiledWasm} module rule) into the ES module
 * the worker imports: {@code import mod from "./add.wasm"} gives a compiled {@code WebAssembly.Module}, as on
 * workerd.
 *
 * <p>Worker code may not compile wasm bytes itself (workerd refuses it; see {@link WasmSupport}), so the
 * generated module takes the bytes through a path worker code cannot feed: the bytes are registered here by
 * their SHA-256 and the module source-phase imports them ({@code import source}) from
 * {@code /__wasm__/<sha256>.wasm}, which the module file system serves only for registered bytes. The most
 * worker code can do with that path is import a module some worker already has as a module file.
 *
 * <p>On JDK 17-20 the module throws an error saying that WebAssembly needs JDK 21 (see {@link WasmSupport}).
 *
 * <p>The wasm source is cached on the shared engine, so GraalWasm parses and validates a module once per JVM,
 * not once per isolate: a fresh isolate importing a 2 MB workers-rs module does not decode it again.
 */
public final class WasmModuleSource {
  /** Folder of the module file system under which registered wasm bytes are served. */
  static final String WASM_FOLDER = "/__wasm__/";

  private static final Map<String, byte[]> REGISTERED = new ConcurrentHashMap<>();
  private static final String UNSUPPORTED_JVM = "\"WebAssembly modules need JDK 21 or newer (GraalWasm "
      + "calls JDK 21 APIs); this JVM is " + Runtime.version().feature() + "\"";

  private WasmModuleSource() {}

  /**
   * The ES module source text whose default export is {@code wasm} compiled to a {@code WebAssembly.Module}.
   * Invalid bytes make the import fail with a {@code CompileError} when the worker starts.
   */
  public static String forBytes(byte[] wasm) {
    if (!WasmSupport.JVM_SUPPORTED) {
      return "throw new Error(" + UNSUPPORTED_JVM + ");\nexport default undefined;\n";
    }
    String hash = sha256(wasm);
    REGISTERED.computeIfAbsent(hash, h -> wasm.clone());
    return "import source module from \"" + WASM_FOLDER + hash + ".wasm\";\nexport default module;\n";
  }

  /** The bytes registered for a module file system path under {@link #WASM_FOLDER}, or null. */
  static byte[] registered(String path) {
    if (!path.startsWith(WASM_FOLDER) || !path.endsWith(".wasm")) {
      return null;
    }
    return REGISTERED.get(path.substring(WASM_FOLDER.length(), path.length() - ".wasm".length()));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
