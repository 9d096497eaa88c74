package dev.miniflare.core;

/** Receives a worker's console output. */
@FunctionalInterface
public interface LogSink {
  /**
   * One console call.
   *
   * @param worker the worker's name
   * @param level "debug", "info", "warn" or "error"
   * @param message the formatted message
   */
  void log(String worker, String level, String message);
}
