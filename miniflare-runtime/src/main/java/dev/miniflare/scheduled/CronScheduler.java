package dev.miniflare.scheduled;

import dev.miniflare.TestClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs workers' cron triggers on the instance clock: a timer wakes at the next occurrence, and moving a
 * {@link TestClock} by hand re-checks at once, so advancing it past occurrences runs them (in order, each one
 * after the previous handler settled) without waiting in real time.
 */
public final class CronScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CronScheduler.class);
  /** Occurrences run for one trigger per check; a huge clock jump skips the rest (with a warning). */
  static final int MAX_CATCH_UP = 100;

  /** Dispatches one scheduled event: (worker, cron, scheduledTime) to completion. */
  @FunctionalInterface
  public interface Dispatcher {
    /** Runs the worker's scheduled handler; the future completes when it settled. */
    CompletableFuture<Void> dispatch(String worker, String cron, long scheduledTime);
  }

  private final class Trigger {
    final String worker;
    final CronExpression expression;
    long next;

    Trigger(String worker, CronExpression expression, long now) {
      this.worker = worker;
      this.expression = expression;
      this.next = expression.nextAfter(now);
    }
  }

  private final TestClock clock;
  private final Dispatcher dispatcher;
  private final List<Trigger> triggers = new ArrayList<>();
  private final ScheduledExecutorService timer;
  private ScheduledFuture<?> wakeUp;
  private volatile boolean closed;
  /** The clock as last seen by a change notification, and the earliest time it was moved back to since. */
  private long lastSeen;
  private long replanFrom = Long.MAX_VALUE;

  /** Triggers by worker name; starts the timer when there is at least one. */
  public CronScheduler(TestClock clock, java.util.Map<String, List<String>> cronsByWorker, Dispatcher dispatcher) {
    this.clock = clock;
    this.dispatcher = dispatcher;
    long now = clock.millis();
    lastSeen = now;
    cronsByWorker.forEach((worker, crons) -> crons.forEach(
        c -> triggers.add(new Trigger(worker, CronExpression.parse(c), now))));
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "miniflare-cron");
      t.setDaemon(true);
      return t;
    });
    clock.onChange(() -> {
      if (!closed) {
        noteChange(clock.millis());
        timer.execute(this::runDue);
      }
    });
    timer.execute(this::runDue);
  }

  /** On the thread that changed the clock, so a move back is seen even if a move forward follows at once. */
  private synchronized void noteChange(long now) {
    if (now < lastSeen) {
      replanFrom = Math.min(replanFrom, now);
    }
    lastSeen = now;
  }

  private synchronized long takeReplan() {
    long from = replanFrom;
    replanFrom = Long.MAX_VALUE;
    return from;
  }

  /** Runs on the timer thread: every passed occurrence, then sleeps until the next one. */
  private void runDue() {
    if (closed) {
      return;
    }
    long replan = takeReplan();
    if (replan != Long.MAX_VALUE) {
      // The clock was moved back (e.g. reset between tests): plan from the earlier present.
      triggers.forEach(t -> t.next = t.expression.nextAfter(replan));
    }
    long now = clock.millis();
    for (Trigger t : triggers) {
      int ran = 0;
      while (t.next >= 0 && t.next <= now && !closed) {
        if (ran++ == MAX_CATCH_UP) {
          long skipped = t.next;
          t.next = t.expression.nextAfter(now);
          LOG.warn("cron \"{}\" of worker \"{}\": the clock jumped past more than {} occurrences; skipped those"
              + " from {} on", t.expression, t.worker, MAX_CATCH_UP, java.time.Instant.ofEpochMilli(skipped));
          break;
        }
        long at = t.next;
        t.next = t.expression.nextAfter(at);
        try {
          dispatcher.dispatch(t.worker, t.expression.text(), at).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (Exception e) {
          // The worker already logged its uncaught error; a failed run does not stop the schedule (as on Cloudflare).
          LOG.debug("cron \"{}\" of worker \"{}\" failed", t.expression, t.worker, e);
        }
      }
    }
    scheduleWakeUp();
  }

  private synchronized void scheduleWakeUp() {
    if (wakeUp != null) {
      wakeUp.cancel(false);
    }
    long earliest = Long.MAX_VALUE;
    for (Trigger t : triggers) {
      if (t.next >= 0) {
        earliest = Math.min(earliest, t.next);
      }
    }
    if (earliest != Long.MAX_VALUE && !closed) {
      // Re-check at least every minute: the clock may drift from the timer (or be changed by hand).
      long delay = Math.min(Math.max(0, earliest - clock.millis()), 60_000);
      wakeUp = timer.schedule(this::runDue, delay, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
  }
}
