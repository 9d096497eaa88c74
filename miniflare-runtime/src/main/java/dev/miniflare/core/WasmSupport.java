package dev.miniflare.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a worker's isolate gets WebAssembly (GraalWasm), and what it needs from the JVM.
 *
 * <p>As on workerd, worker code cannot compile wasm bytes: {@code new WebAssembly.Module(bytes)},
 * {@code WebAssembly.compile} and {@code WebAssembly.instantiate(bytes)} throw a {@code CompileError}
 * ("Wasm code generation disallowed by embedder"), while modules imported from the worker's {@code .wasm} files
 * ({@link WasmModuleSource}) instantiate normally; {@code WorkerOptions.Builder#unsafeEval(true)} lifts the
 * refusal. Wasm gets no WASI or other host builtins: it reaches only what JS passes in its imports.
 *
 * <p>A context with the wasm language costs ~0.5-1 ms more to create, so only workers that can use WebAssembly
 * get it: those whose module graph (the main script and the relative imports reachable from it, read as text)
 * mentions {@code WebAssembly} or a {@code .wasm} file. GraalWasm 25.0.2 calls a JDK 21 API while parsing any
 * module with a global or data segment, so WebAssembly is only enabled on JDK 21 and newer.
 */
final class WasmSupport {
  /** Whether this JVM can run GraalWasm 25.0.2 (it calls {@code List.removeLast}, new in JDK 21). */
  static final boolean JVM_SUPPORTED = Runtime.version().feature() >= 21;

  /** How many module files one scan reads at most; a larger graph is assumed to need wasm. */
  private static final int MAX_FILES = 500;
  private static final Pattern RELATIVE_IMPORT =
      Pattern.compile("(?:\\bfrom|\\bimport)\\s*\\(?\\s*[\"'](\\.{1,2}/[^\"'\\n]+)[\"']");

  /** Per module file on disk: what a scan found, valid while the file's size and modification time stay. */
  private static final Map<Path, FileScan> DISK_SCANS = new ConcurrentHashMap<>();

  /** Per in-memory module text (weakly held, so texts of discarded workers go): what a scan found. */
  private static final Map<String, FileScan> MEMORY_SCANS = new java.util.WeakHashMap<>();

  private record FileScan(long size, long modified, boolean mentionsWasm, List<String> imports) {}

  private WasmSupport() {}

  /** Whether the worker's isolate is created with the wasm language and the {@code WebAssembly} global. */
  static boolean neededBy(WorkerSetup setup) {
    if (!JVM_SUPPORTED) {
      return false;
    }
    for (String path : setup.inMemoryFiles().keySet()) {
      if (path.endsWith(".wasm")) {
        return true;
      }
    }
    Deque<Path> pending = new ArrayDeque<>(List.of(setup.mainPath()));
    Set<Path> seen = new HashSet<>();
    while (!pending.isEmpty()) {
      Path file = pending.pop().normalize();
      if (!seen.add(file)) {
        continue;
      }
      if (seen.size() > MAX_FILES) {
        return true;
      }
      FileScan scan = scan(file, setup);
      if (scan == null) {
        continue; // missing: the import fails with its own error when the worker runs
      }
      if (scan.mentionsWasm()) {
        return true;
      }
      for (String specifier : scan.imports()) {
        pending.push(file.resolveSibling(specifier));
      }
    }
    return false;
  }

  private static FileScan scan(Path file, WorkerSetup setup) {
    String inMemory = setup.inMemoryFiles().get(file.toString().replace('\\', '/'));
    if (inMemory != null) {
      // a bundle is the same String for every runtime built from it (the bundler's memory cache): scan it once
      synchronized (MEMORY_SCANS) {
        return MEMORY_SCANS.computeIfAbsent(inMemory, text -> scanText(0, 0, text));
      }
    }
    Path root = setup.diskRoot();
    if (root == null || !file.startsWith(root) && !file.equals(setup.mainPath())) {
      return null;
    }
    try {
      long size = Files.size(file);
      long modified = Files.getLastModifiedTime(file).toMillis();
      FileScan cached = DISK_SCANS.get(file);
      if (cached != null && cached.size() == size && cached.modified() == modified) {
        return cached;
      }
      FileScan scan = file.toString().endsWith(".wasm") ? new FileScan(size, modified, true, List.of())
          : scanText(size, modified, Files.readString(file));
      DISK_SCANS.put(file, scan);
      return scan;
    } catch (IOException | RuntimeException e) {
      return null; // unreadable or not text: the module loader reports it when the worker imports it
    }
  }

  private static FileScan scanText(long size, long modified, String text) {
    if (text.contains("WebAssembly") || text.contains(".wasm")) {
      return new FileScan(size, modified, true, List.of());
    }
    List<String> imports = new java.util.ArrayList<>();
    Matcher m = RELATIVE_IMPORT.matcher(text);
    while (m.find()) {
      imports.add(m.group(1));
    }
    return new FileScan(size, modified, false, imports);
  }
}
