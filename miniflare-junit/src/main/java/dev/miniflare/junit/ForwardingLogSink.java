package dev.miniflare.junit;

import dev.miniflare.core.LogSink;

/** Sends a runtime's console output to whichever test's {@link WorkerLogs} currently owns the runtime. */
final class ForwardingLogSink implements LogSink {
  private volatile WorkerLogs target;

  void target(WorkerLogs logs) {
    this.target = logs;
  }

  @Override
  public void log(String worker, String level, String message) {
    WorkerLogs t = target;
    if (t != null) {
      t.add(worker, level, message);
    }
  }
}
