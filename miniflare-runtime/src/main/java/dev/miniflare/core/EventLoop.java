package dev.miniflare.core;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread on which an isolate's queued work runs: timers, promise continuations, callbacks from other isolates
 * and events of asynchronous callers. (A blocking Java caller may run its event on its own thread when the isolate
 * is idle; {@link Isolate}'s JS lock keeps a GraalJS context from ever being entered by two threads at once.)
 */
final class EventLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);

  private final ScheduledThreadPoolExecutor executor;
  private volatile Thread thread;

  EventLoop(String name) {
    executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "miniflare-loop-" + name);
      t.setDaemon(true);
      thread = t;
      return t;
    });
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** Runs the task on the loop thread; exceptions are logged, never lost. */
  void execute(Runnable task) {
    executor.execute(() -> runTask(task));
  }

  /** Runs the task on the loop thread after {@code delayMillis}. */
  ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
    return executor.schedule(() -> runTask(task), Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
  }

  private void runTask(Runnable task) {
    try {
      task.run();
    } catch (Throwable t) {
      LOG.error("uncaught error on {}", Thread.currentThread().getName(), t);
    }
  }

  /** Whether the caller is on this loop's thread. */
  boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  boolean isShutdown() {
    return executor.isShutdown();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  /** Waits for the loop thread to finish its current task after {@link #close()}. */
  boolean awaitTermination(long millis) throws InterruptedException {
    return executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
  }
}
