package dev.miniflare.cli;

import dev.miniflare.Miniflare;
import dev.miniflare.http.Response;
import dev.miniflare.server.MiniflareServer;
import dev.miniflare.storage.Snapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --watch}: serves the workers and starts them again whenever a file below the watched folders changes (their
 * sources, configs, {@code .dev.vars}, a custom build's {@code watch_dir}), keeping storage: the new instance starts
 * from a snapshot of the old one's (and from the same persistence folders). One HTTP server stays up across reloads.
 *
 * <p>Files are polled (modification time and size) rather than watched with {@code WatchService}, whose macOS
 * implementation itself polls every few seconds: the same prompt behaviour everywhere. Folders whose name starts
 * with a dot ({@code .git}, {@code .wrangler}, {@code .mf}), {@code node_modules} and {@code target} are not
 * watched, so persisted data and build output in them never trigger a reload; files a custom build rewrites
 * during a reload are taken as the new baseline, so a build cannot trigger itself.
 */
final class WatchSession implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WatchSession.class);
  private static final Set<String> SKIPPED_FOLDERS = Set.of("node_modules", "target");

  private final Supplier<Miniflare.Builder> instances;
  private final List<Path> roots;
  private final long pollMillis;
  private final AtomicReference<Miniflare> current = new AtomicReference<>();
  private final AtomicReference<String> failure = new AtomicReference<>();
  private final MiniflareServer server;
  private final Thread poller;
  private volatile boolean closed;
  private volatile int reloads;
  private final java.util.concurrent.locks.ReentrantReadWriteLock gate = new java.util.concurrent.locks.ReentrantReadWriteLock();
  private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
  private static final long RELOAD_WAIT_SECONDS = 5;

  /**
   * Starts the instance {@code instances} describes (its port is ignored: the session serves on {@code host:port})
   * and watches {@code roots}.
   */
  WatchSession(Supplier<Miniflare.Builder> instances, List<Path> roots, String host, int port, long pollMillis)
      throws Exception {
    this.instances = instances;
    this.roots = roots.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
    this.pollMillis = pollMillis;
    current.set(instances.get().port(-1).build());
    server = MiniflareServer.builder().host(host).port(port).handler(request -> {
      // A request waits while a reload runs, then goes to whichever instance is current; a reload waits (a while)
      // for the requests in flight, so none is cut off by closing the old instance under it.
      try {
        if (!gate.readLock().tryLock(RELOAD_WAIT_SECONDS * 2, java.util.concurrent.TimeUnit.SECONDS)) {
          return CompletableFuture.completedFuture(Response.builder(503)
              .header("content-type", "text/plain;charset=UTF-8").body("The worker is reloading.").build());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return CompletableFuture.failedFuture(e);
      }
      CompletableFuture<Response> response;
      try {
        response = respond(request);
      } catch (RuntimeException e) {
        response = CompletableFuture.failedFuture(e);
      }
      inFlight.incrementAndGet();
      gate.readLock().unlock();
      return response.whenComplete((r, e) -> inFlight.decrementAndGet());
    }).build().start();
    poller = new Thread(this::poll, "miniflare-watch");
    poller.setDaemon(true);
    poller.start();
  }

  private CompletableFuture<Response> respond(dev.miniflare.http.Request request) {
      Miniflare mf = current.get();
      if (mf == null) {
        String why = failure.get();
        return CompletableFuture.completedFuture(Response.builder(503)
            .header("content-type", "text/plain;charset=UTF-8")
            .body(why != null ? "The worker failed to reload; fix the error and save again.\n\n" + why
                : "The worker is reloading.").build());
      }
      return mf.dispatchFetchAsync(request);
  }

  /** Where the session serves. */
  URI url() {
    return server.url();
  }

  /** How many reloads have completed (successfully or not). */
  int reloads() {
    return reloads;
  }

  /** The instance serving now, or null while a failed reload waits for the next change. */
  Miniflare current() {
    return current.get();
  }

  private void poll() {
    Map<Path, String> seen = fingerprint();
    while (!closed) {
      try {
        Thread.sleep(pollMillis);
        Map<Path, String> now = fingerprint();
        if (now.equals(seen)) {
          continue;
        }
        // Wait for the editor (or a formatter, or git) to finish writing: two polls without change.
        Map<Path, String> settled;
        while (!(settled = fingerprint()).equals(now)) {
          now = settled;
          Thread.sleep(pollMillis);
        }
        seen = reload(changed(seen, now));
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.error("watching for changes failed", e);
      }
    }
  }

  /**
   * Reloads and returns the files' state right after it, taken before any request sees the outcome: what a custom
   * build wrote during the reload is part of the new baseline (it cannot trigger itself), while a fix saved in answer
   * to the new instance's responses (or its 503) is always seen as a change.
   */
  private Map<Path, String> reload(List<Path> changed) throws InterruptedException {
    gate.writeLock().lock();
    try {
      long deadline = System.nanoTime() + RELOAD_WAIT_SECONDS * 1_000_000_000L;
      while (inFlight.get() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10); // let responses already dispatched finish on the old instance
      }
      reloadLocked(changed);
      return fingerprint();
    } finally {
      gate.writeLock().unlock();
    }
  }

  private void reloadLocked(List<Path> changed) {
    String what = changed.size() == 1 ? changed.get(0).toString() : changed.size() + " files";
    long start = System.nanoTime();
    LOG.info("{} changed; reloading", what);
    Miniflare old = current.getAndSet(null);
    Snapshot state;
    if (old != null) {
      state = old.snapshot();
      old.close(); // writes persisted data and SQLite databases before the new instance reads them
    } else {
      state = lastState;
    }
    lastState = state;
    try {
      dev.miniflare.build.Bundler.clearMemoryCache(); // a custom [build] command runs again, as under wrangler dev
      Miniflare.Builder b = instances.get().port(-1);
      if (state != null) {
        b.initialState(state);
      }
      current.set(b.build());
      failure.set(null);
      LOG.info("reloaded {} in {} ms", String.join(", ", names(current.get())),
          (System.nanoTime() - start) / 1_000_000);
    } catch (RuntimeException e) {
      failure.set(e.getMessage());
      LOG.error("reload failed: {}", e.getMessage());
    } finally {
      reloads++;
    }
  }

  private Snapshot lastState;

  private static List<String> names(Miniflare mf) {
    return new ArrayList<>(mf.workerNames());
  }

  private static List<Path> changed(Map<Path, String> before, Map<Path, String> after) {
    List<Path> changed = new ArrayList<>();
    after.forEach((p, f) -> {
      if (!Objects.equals(before.get(p), f)) {
        changed.add(p);
      }
    });
    before.keySet().stream().filter(p -> !after.containsKey(p)).forEach(changed::add);
    return changed;
  }

  /** Modification time and size of every watched file. */
  private Map<Path, String> fingerprint() {
    Map<Path, String> files = new TreeMap<>();
    for (Path root : roots) {
      if (Files.isRegularFile(root)) {
        add(files, root);
        continue;
      }
      if (!Files.isDirectory(root)) {
        continue;
      }
      try {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
            boolean skip = !dir.equals(root) && (name.startsWith(".") || SKIPPED_FOLDERS.contains(name));
            return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            files.put(file, attrs.lastModifiedTime().toMillis() + ":" + attrs.size());
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE; // deleted while walking: the next poll sees it gone
          }
        });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  private static void add(Map<Path, String> files, Path file) {
    try {
      files.put(file, Files.getLastModifiedTime(file).toMillis() + ":" + Files.size(file));
    } catch (IOException e) {
      // gone: absent from the map
    }
  }

  @Override
  public void close() {
    closed = true;
    poller.interrupt();
    server.close();
    Miniflare mf = current.getAndSet(null);
    if (mf != null) {
      mf.close();
    }
  }
}
