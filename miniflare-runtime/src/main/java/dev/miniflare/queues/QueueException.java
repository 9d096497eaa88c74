package dev.miniflare.queues;

import org.graalvm.polyglot.HostAccess;

/**
 * A queue operation rejected the way the Workers runtime rejects it. A worker sees it as
 * {@code new <jsName>(message)}; from Java it is thrown as is.
 */
public class QueueException extends RuntimeException {
  private final String jsName;

  /** An error a worker sees as {@code new <jsName>(message)}. */
  public QueueException(String jsName, String message) {
    super(message);
    this.jsName = jsName;
  }

  /** The JavaScript error constructor name ({@code TypeError} or {@code Error}). */
  @HostAccess.Export
  public String jsName() {
    return jsName;
  }

  /** The message, as the runtime words it, e.g. {@code Queue send failed: message length of ...}. */
  @HostAccess.Export
  public String jsMessage() {
    return getMessage();
  }
}
