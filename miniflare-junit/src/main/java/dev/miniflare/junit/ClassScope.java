package dev.miniflare.junit;

import dev.miniflare.Miniflare;
import dev.miniflare.TestClock;
import dev.miniflare.storage.Snapshot;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime of one test class: what {@code @BeforeAll} writes to, and the source of every test's starting
 * state. Its storage snapshot is taken when the first test starts (all {@code @BeforeAll} methods have run by
 * then); with {@link Isolation#PER_TEST} the next test's runtime is built from it in the background while the
 * current test runs, so the per-test cost is mostly hidden on another core.
 *
 * <p>The class runtime itself is built on first use: a PER_TEST class whose {@code @BeforeAll} touches no
 * binding never needs it (its tests start from the base state), which saves a whole runtime per class, the
 * largest part of a one-class suite's start-up after the engine itself.
 */
final class ClassScope implements MiniflareExtension.Scope {
  private static final Logger LOG = LoggerFactory.getLogger(ClassScope.class);
  /**
   * How many runtimes a PER_TEST class keeps built ahead. Two keep both cores busy: while one is built in the
   * background, the test thread builds nothing and would otherwise sit waiting for it.
   */
  private static final int PREBUILT = Math.max(1, Integer.getInteger("miniflare.junit.prebuilt",
      Math.min(2, Runtime.getRuntime().availableProcessors())));
  /** Builds next tests' runtimes and tears down finished ones off the test threads. */
  static final ExecutorService BACKGROUND = Executors.newFixedThreadPool(PREBUILT, r -> {
    Thread t = new Thread(r, "miniflare-junit-background");
    t.setDaemon(true);
    return t;
  });

  private final Miniflare.Builder template;
  private final Isolation isolation;
  private final String name;
  private final ForwardingLogSink sink = new ForwardingLogSink();
  private final WorkerLogs classLogs = new WorkerLogs();
  private final Snapshot base;
  private volatile Miniflare miniflare;
  private final ReentrantLock serial = new ReentrantLock();
  private volatile Snapshot snapshot;
  /** Runtimes being built for the next tests, oldest first. */
  private final java.util.ArrayDeque<CompletableFuture<Prepared>> prepared = new java.util.ArrayDeque<>();
  private int testsOpened;

  /** A runtime built ahead of time from {@code state}, with the sink that will belong to its test. */
  record Prepared(Miniflare miniflare, ForwardingLogSink sink, Snapshot state) {}

  private final org.junit.jupiter.api.extension.ExtensionContext owner;

  ClassScope(org.junit.jupiter.api.extension.ExtensionContext owner, Miniflare.Builder template, Isolation isolation,
      Snapshot base, String name) {
    this.owner = owner;
    this.template = template;
    this.isolation = isolation;
    this.name = name;
    this.base = base;
    sink.target(classLogs);
  }

  /**
   * Called before the class's {@code @BeforeAll} methods. PER_CLASS builds the class runtime; PER_TEST builds
   * the first test's runtime from the base state (it is used unless {@code @BeforeAll} writes something), so
   * a worker that fails to start fails the class once, with its JS error, instead of every test.
   */
  void start() {
    if (isolation == Isolation.PER_CLASS) {
      miniflare();
      return;
    }
    Prepared first = build(base);
    synchronized (this) {
      prepared.add(CompletableFuture.completedFuture(first));
    }
  }

  /** The class's extension context (a nested class's store also sees its outer class's scope). */
  org.junit.jupiter.api.extension.ExtensionContext owner() {
    return owner;
  }

  Miniflare.Builder template() {
    return template;
  }

  Isolation isolation() {
    return isolation;
  }

  /** The class runtime, built on first use. */
  @Override
  public Miniflare miniflare() {
    Miniflare mf = miniflare;
    if (mf == null) {
      synchronized (this) {
        mf = miniflare;
        if (mf == null) {
          mf = template.copy().port(-1).clock(new TestClock()).logSink(sink).initialState(base).build();
          miniflare = mf;
        }
      }
    }
    return mf;
  }

  @Override
  public WorkerLogs logs() {
    return classLogs;
  }

  WorkerLogs classLogs() {
    return classLogs;
  }

  /**
   * The current state of this class's storage, for a {@code @Nested} class to branch from: the base state
   * (null: empty) while the class runtime has not been built.
   */
  synchronized Snapshot branch() {
    return miniflare != null ? miniflare.snapshot() : base;
  }

  /** The state every test starts from: the class's storage when its first test opens. */
  private Snapshot classSnapshot() {
    Snapshot s = snapshot;
    if (s == null) {
      synchronized (this) {
        if (snapshot == null) {
          snapshot = branch();
        }
        s = snapshot;
      }
    }
    return s;
  }

  /** Opens the scope of one test. */
  TestScope openTest(String testName) {
    WorkerLogs logs = new WorkerLogs();
    if (isolation == Isolation.PER_CLASS) {
      Miniflare miniflare = miniflare();
      Snapshot start = classSnapshot();
      serial.lock();
      sink.target(logs);
      return new TestScope(testName, miniflare, logs, () -> {
        try {
          miniflare.rollback(start);
          miniflare.resetDurableObjects();
          miniflare.resetQueues();
          miniflare.clock().reset();
        } finally {
          sink.target(classLogs);
          serial.unlock();
        }
      });
    }
    Snapshot start = classSnapshot();
    Prepared p = takePrepared(start);
    p.sink().target(logs);
    Miniflare mf = p.miniflare();
    return new TestScope(testName, mf, logs, () -> {
      // Drop every write the test's leftovers (timers, waitUntil, un-awaited promises) could still make,
      // then tear the isolates down off the test thread.
      mf.storage().discard(testName);
      mf.resetQueues();
      BACKGROUND.execute(() -> closeQuietly(mf));
    });
  }

  private Prepared takePrepared(Snapshot start) {
    CompletableFuture<Prepared> ready;
    synchronized (this) {
      ready = prepared.poll();
    }
    if (ready == null) {
      // Nothing ready (the builders were outrun): build in place first, so a cold JVM's two cores are not
      // split between this runtime and one for a test that may never come.
      Prepared own = build(start);
      topUp(start);
      return own;
    }
    topUp(start);
    try {
      Prepared p = ready.join();
      if (p.state() == start) {
        return p;
      }
      // Built by start() before @BeforeAll used the class runtime: its state may be out of date.
      closeAll(List.of(ready));
    } catch (RuntimeException e) {
      LOG.debug("a pre-built runtime failed; building one in place", e);
    }
    return build(start);
  }

  /** Keeps runtimes for the next tests building in the background. */
  private synchronized void topUp(Snapshot start) {
    // After a class's first test it builds one ahead; from its second test on, the class looks long enough to
    // keep PREBUILT in flight (each one built but not used is thrown away when the class ends).
    int depth = ++testsOpened == 1 ? 1 : PREBUILT;
    while (prepared.size() < depth) {
      prepared.add(CompletableFuture.supplyAsync(() -> build(start), BACKGROUND));
    }
  }

  private Prepared build(Snapshot start) {
    ForwardingLogSink testSink = new ForwardingLogSink();
    // No warmUp(): building is the bottleneck of PER_TEST on two cores, and a test only pays first-run costs for
    // the paths it uses, while warmUp would run them all.
    Miniflare mf = template.copy().port(-1).clock(new TestClock()).logSink(testSink).initialState(start).build();
    return new Prepared(mf, testSink, start);
  }

  private static void closeAll(List<CompletableFuture<Prepared>> runtimes) {
    runtimes.forEach(p -> p.thenAccept(ready -> closeQuietly(ready.miniflare())));
  }

  private static void closeQuietly(Miniflare mf) {
    try {
      mf.close(Duration.ZERO);
    } catch (RuntimeException e) {
      LOG.warn("closing a test's runtime failed", e);
    }
  }

  void close() {
    List<CompletableFuture<Prepared>> unused;
    synchronized (this) {
      unused = new java.util.ArrayList<>(prepared);
      prepared.clear();
    }
    closeAll(unused);
    Miniflare mf;
    synchronized (this) {
      mf = miniflare;
    }
    if (mf != null) {
      mf.storage().discard("class " + name);
      closeQuietly(mf);
    }
  }
}
