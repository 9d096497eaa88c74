package dev.miniflare.junit;

import dev.miniflare.Miniflare;

/** The runtime and captured console output of one test; closing it discards or rolls back what the test did. */
final class TestScope implements MiniflareExtension.Scope {
  private final String name;
  private final Miniflare miniflare;
  private final WorkerLogs logs;
  private final Runnable onClose;
  private volatile boolean closed;

  TestScope(String name, Miniflare miniflare, WorkerLogs logs, Runnable onClose) {
    this.name = name;
    this.miniflare = miniflare;
    this.logs = logs;
    this.onClose = onClose;
  }

  @Override
  public Miniflare miniflare() {
    return miniflare;
  }

  @Override
  public WorkerLogs logs() {
    return logs;
  }

  String name() {
    return name;
  }

  boolean isClosed() {
    return closed;
  }

  void close() {
    if (!closed) {
      closed = true;
      onClose.run();
    }
  }
}
