package dev.miniflare.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The console output of the workers during one test (or, injected into {@code @BeforeAll}, during the class
 * set-up). Printed with the test's name when the test fails.
 */
public final class WorkerLogs {
  /**
   * One console call.
   *
   * @param worker the worker's name
   * @param level "debug", "info", "warn" or "error"
   * @param message the formatted message
   */
  public record Entry(String worker, String level, String message) {
    @Override
    public String toString() {
      return (worker.isEmpty() ? "" : "[" + worker + "] ") + level + ": " + message;
    }
  }

  private final List<Entry> entries = new ArrayList<>();

  void add(String worker, String level, String message) {
    synchronized (entries) {
      entries.add(new Entry(worker, level, message));
    }
  }

  /** Every entry so far. */
  public List<Entry> entries() {
    synchronized (entries) {
      return List.copyOf(entries);
    }
  }

  /** The messages so far. */
  public List<String> messages() {
    return entries().stream().map(Entry::message).collect(Collectors.toList());
  }

  /** The messages logged at {@code level} ("info" for console.log). */
  public List<String> messages(String level) {
    return entries().stream().filter(e -> e.level().equals(level)).map(Entry::message).collect(Collectors.toList());
  }

  /** Whether any message contains the text. */
  public boolean contains(String text) {
    return entries().stream().anyMatch(e -> e.message().contains(text));
  }

  /** Forgets the entries so far. */
  public void clear() {
    synchronized (entries) {
      entries.clear();
    }
  }

  /** All entries, one per line. */
  public String text() {
    return entries().stream().map(Entry::toString).collect(Collectors.joining("\n"));
  }

  @Override
  public String toString() {
    return text();
  }

  /** A copy of these entries (used to hand logs from one scope to another). */
  List<Entry> snapshot() {
    return new ArrayList<>(entries());
  }
}
