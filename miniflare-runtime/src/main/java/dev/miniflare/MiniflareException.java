package dev.miniflare;

/** Base of the exceptions Miniflare throws: configuration problems, worker start-up failures, worker errors. */
public class MiniflareException extends RuntimeException {
  /** With a message. */
  public MiniflareException(String message) {
    super(message);
  }

  /** With a message and cause. */
  public MiniflareException(String message, Throwable cause) {
    super(message, cause);
  }
}
