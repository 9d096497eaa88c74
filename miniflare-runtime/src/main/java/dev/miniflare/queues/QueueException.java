package dev.miniflare.queues;

/**
 * A queue operation rejected the way the Workers runtime rejects it. A worker sees it as
 * {@code new <jsName>(message)}; from Java it is thrown as is.
 */
public class QueueException extends dev.miniflare.core.JsErrorException {

  /** An error a worker sees as {@code new <jsName>(message)}. */
  public QueueException(String jsName, String message) {
    super(jsName, message);
  }
}
