package dev.miniflare;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The instance's clock: KV expiry (and later cache max-age, Durable Object alarms and cron) read time from it.
 * It follows the system clock plus an offset, so {@link #advance(Duration)} moves time forward instantly without
 * sleeping; {@link #freeze()} stops it for fully deterministic tests. Worker code's {@code Date.now()} is not
 * affected (as on Cloudflare, where it is the real time).
 */
public final class TestClock implements InstantSource {
  private volatile long offsetMillis;
  private volatile Long frozenAtMillis;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /** A clock following the system time. */
  public TestClock() {}

  @Override
  public long millis() {
    Long frozen = frozenAtMillis;
    return frozen != null ? frozen : System.currentTimeMillis() + offsetMillis;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  /** Moves time forward (negative durations move it back) and notifies time-driven features. */
  public TestClock advance(Duration duration) {
    Long frozen = frozenAtMillis;
    if (frozen != null) {
      frozenAtMillis = frozen + duration.toMillis();
    } else {
      offsetMillis += duration.toMillis();
    }
    listeners.forEach(Runnable::run);
    return this;
  }

  /** Sets the current time (the clock keeps running from there unless frozen). */
  public TestClock set(Instant instant) {
    Long frozen = frozenAtMillis;
    if (frozen != null) {
      frozenAtMillis = instant.toEpochMilli();
    } else {
      offsetMillis = instant.toEpochMilli() - System.currentTimeMillis();
    }
    listeners.forEach(Runnable::run);
    return this;
  }

  /** Stops the clock at its current time. */
  public TestClock freeze() {
    frozenAtMillis = millis();
    return this;
  }

  /** Follows the system clock again with no offset. */
  public TestClock reset() {
    frozenAtMillis = null;
    offsetMillis = 0;
    listeners.forEach(Runnable::run);
    return this;
  }

  /** Runs {@code listener} whenever the time is changed by hand (used by alarms and cron). */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  /** This clock as a {@link Clock} in UTC. */
  public Clock asClock() {
    return new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return TestClock.this.instant();
      }
    };
  }
}
