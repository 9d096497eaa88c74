package dev.miniflare.core;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileAttribute;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.io.FileSystem;

/**
 * A read-only, in-memory file system holding exactly the worker's module files, so {@code import} between them
 * resolves relative to the importing module while worker code can read nothing else from the host. Built-in module
 * specifiers such as {@code cloudflare:workers} map to {@code /__builtin__/cloudflare/workers}. Files read from
 * disk are typed by wrangler's default module rules ({@link ModuleType#byDefaultRules}) and served as the ES module
 * source of their type (a {@code .txt} import is a default-export string, not JavaScript); in-memory files are
 * already ES module source (see {@link ModuleSources}).
 *
 * <p>Disk files are sealed: only regular files below the module root by their real path, never a dotfile or
 * anything in a dot-folder, never a persistence folder ({@link ModuleAccess}); anything else is "not found" for
 * the worker, named by its path, its content never read.
 */
final class ModuleFileSystem implements FileSystem {
  private final Map<String, String> files;
  private final Path root;
  private final Path diskRoot;
  private final Map<String, String> diskModules = new java.util.concurrent.ConcurrentHashMap<>();
  private final dev.miniflare.node.NodeCompat nodeCompat;
  private volatile Path realDiskRoot;

  /**
   * Files keyed by absolute path ("/worker/src/index.js") plus, when {@code diskRoot} is set, the files below that
   * folder on disk (read-only); {@code root} is the working directory for relative paths.
   */
  ModuleFileSystem(Map<String, String> files, Path root, Path diskRoot) {
    this(files, root, diskRoot, dev.miniflare.node.NodeCompat.NONE);
  }

  /** As above; {@code node:} modules are served as {@code nodeCompat} allows ({@link dev.miniflare.node.NodeModules}). */
  ModuleFileSystem(Map<String, String> files, Path root, Path diskRoot, dev.miniflare.node.NodeCompat nodeCompat) {
    this.nodeCompat = nodeCompat;
    this.files = files;
    this.root = root;
    this.diskRoot = diskRoot == null ? null : diskRoot.toAbsolutePath().normalize();
  }

  private String content(Path path) {
    String key = normalize(path);
    if (key.startsWith(dev.miniflare.node.NodeModules.PATH_PREFIX)) {
      return dev.miniflare.node.NodeModules.source(
          key.substring(dev.miniflare.node.NodeModules.PATH_PREFIX.length()), nodeCompat);
    }
    String inMemory = files.get(key);
    if (inMemory == null && key.equals(ModuleSources.COMMONJS_REGISTRY_PATH)) {
      return ModuleSources.COMMONJS_REGISTRY_SOURCE;
    }
    if (inMemory != null || diskRoot == null) {
      return inMemory;
    }
    String cached = diskModules.get(key);
    if (cached != null) {
      return cached;
    }
    Path real = Paths.get(key);
    if (!mayServeFromDisk(real)) {
      return null;
    }
    try {
      // read and typed once per isolate, not on every access check of the import (a wasm file is also hashed)
      return diskModules.computeIfAbsent(key, k -> {
        try {
          return ModuleSources.toEsModule(ModuleType.byDefaultRules(real.getFileName().toString()),
              java.nio.file.Files.readAllBytes(real), key);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    } catch (java.io.UncheckedIOException e) {
      return null;
    }
  }

  /**
   * Whether a disk file is one of the worker's modules: below the module root both as named and by its real path
   * (so a symlink cannot lead out), with no segment below the root starting with a dot ({@code .dev.vars},
   * {@code .git}, {@code .wrangler}, {@code .mf}), and not inside a persistence folder.
   */
  private boolean mayServeFromDisk(Path path) {
    if (!path.startsWith(diskRoot) || hasDotSegment(diskRoot.relativize(path))) {
      return false;
    }
    Path realRoot = realDiskRoot();
    Path real;
    try {
      real = path.toRealPath();
    } catch (IOException e) {
      return false;
    }
    if (realRoot == null || !real.startsWith(realRoot) || hasDotSegment(realRoot.relativize(real))
        || !java.nio.file.Files.isRegularFile(real)) {
      return false;
    }
    return !ModuleAccess.isExcluded(real);
  }

  private Path realDiskRoot() {
    Path real = realDiskRoot;
    if (real == null) {
      try {
        real = diskRoot.toRealPath();
      } catch (IOException e) {
        return null;
      }
      realDiskRoot = real;
    }
    return real;
  }

  private static boolean hasDotSegment(Path relative) {
    for (Path segment : relative) {
      if (segment.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /** A file's bytes: wasm registered by {@link WasmModuleSource} (any worker's), else the module's UTF-8 text. */
  private byte[] bytes(Path path) {
    byte[] wasm = WasmModuleSource.registered(normalize(path));
    if (wasm != null) {
      return wasm;
    }
    String content = content(path);
    return content == null ? null : content.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Path parsePath(URI uri) {
    if ("file".equals(uri.getScheme())) {
      return Paths.get(uri.getPath());
    }
    return Paths.get("/__builtin__/" + uri.getScheme() + "/" + uri.getSchemeSpecificPart());
  }

  @Override
  public Path parsePath(String path) {
    if (dev.miniflare.node.NodeModules.resolvesBare(path, nodeCompat)) {
      return Paths.get(dev.miniflare.node.NodeModules.PATH_PREFIX + path); // nodejs_compat_v2: "buffer" is node:buffer
    }
    if (path.startsWith("node:")) { // before the rule below: "node:timers/promises" has a slash after its colon
      return Paths.get(dev.miniflare.node.NodeModules.PATH_PREFIX + path.substring("node:".length()));
    }
    int colon = path.indexOf(':');
    if (colon > 1 && !path.startsWith("/") && path.indexOf('/') > colon) {
      // "node:buffer"-like with a slash after the colon is unusual; treat as a plain path
      return Paths.get(path);
    }
    if (colon > 1 && !path.startsWith("/") && !path.startsWith(".")) {
      return Paths.get("/__builtin__/" + path.substring(0, colon) + "/" + path.substring(colon + 1));
    }
    return Paths.get(path);
  }

  @Override
  public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... linkOptions)
      throws IOException {
    if (modes.contains(AccessMode.WRITE) || bytes(path) == null) {
      throw notFound(path);
    }
  }

  /** Why a module is missing; Node.js built-ins get a reason a worker author can act on. */
  private NoSuchFileException notFound(Path path) {
    String p = path.toString().replace('\\', '/');
    if (p.startsWith(dev.miniflare.node.NodeModules.PATH_PREFIX)) {
      String name = p.substring(dev.miniflare.node.NodeModules.PATH_PREFIX.length());
      return new NoSuchFileException("node:" + name, null,
          dev.miniflare.node.NodeModules.missingMessage(name, nodeCompat));
    }
    return new NoSuchFileException(path.toString());
  }

  /**
   * Every module served here is ES module source (typed files were turned into it), so GraalJS must not pick a
   * loader by extension ({@code ./add.wasm} is the ES module made by {@link WasmModuleSource}); only the wasm bytes
   * that module source-phase imports are wasm.
   */
  @Override
  public String getMimeType(Path path) {
    return WasmModuleSource.registered(normalize(path)) != null ? "application/wasm" : "application/javascript+module";
  }

  @Override
  public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
    throw new IOException("the worker's file system is read-only");
  }

  @Override
  public void delete(Path path) throws IOException {
    throw new IOException("the worker's file system is read-only");
  }

  @Override
  public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
      FileAttribute<?>... attrs) throws IOException {
    byte[] content = bytes(path);
    if (content == null) {
      throw notFound(path);
    }
    return new ReadOnlyChannel(content);
  }

  @Override
  public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
      throws IOException {
    throw new IOException("listing directories is not supported");
  }

  @Override
  public Path toAbsolutePath(Path path) {
    return path.isAbsolute() ? path : root.resolve(path);
  }

  @Override
  public Path toRealPath(Path path, LinkOption... linkOptions) {
    return toAbsolutePath(path).normalize();
  }

  @Override
  public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
    byte[] content = bytes(path);
    if (content == null) {
      throw notFound(path);
    }
    return Map.of("isRegularFile", true, "isDirectory", false, "isSymbolicLink", false, "isOther", false,
        "size", (long) content.length);
  }

  private String normalize(Path path) {
    return toAbsolutePath(path).normalize().toString().replace('\\', '/');
  }

  private static final class ReadOnlyChannel implements SeekableByteChannel {
    private final byte[] data;
    private int position;
    private boolean open = true;

    ReadOnlyChannel(byte[] data) {
      this.data = data;
    }

    @Override
    public int read(ByteBuffer dst) {
      if (position >= data.length) {
        return -1;
      }
      int n = Math.min(dst.remaining(), data.length - position);
      dst.put(data, position, n);
      position += n;
      return n;
    }

    @Override
    public int write(ByteBuffer src) {
      throw new NonWritableChannelException();
    }

    @Override
    public long position() {
      return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
      position = (int) Math.min(newPosition, data.length);
      return this;
    }

    @Override
    public long size() {
      return data.length;
    }

    @Override
    public SeekableByteChannel truncate(long size) {
      throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void close() {
      open = false;
    }
  }
}
