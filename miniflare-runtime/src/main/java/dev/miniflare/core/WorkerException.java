package dev.miniflare.core;

import dev.miniflare.MiniflareException;

/** A worker's JavaScript threw; {@link #error()} has the JS name, message and stack. */
public class WorkerException extends MiniflareException {
  private final transient WorkerError error;

  /** Wraps a JS error. */
  public WorkerException(WorkerError error) {
    super(error.stack() == null || error.stack().isEmpty() ? error.name() + ": " + error.message() : error.stack());
    this.error = error;
  }

  /** The JS error. */
  public WorkerError error() {
    return error;
  }
}
