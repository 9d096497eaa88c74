package dev.miniflare.d1;

import dev.miniflare.MiniflareException;

/**
 * A D1 query rejected, with the message a worker would see, e.g.
 * {@code D1_ERROR: no such table: users: SQLITE_ERROR}.
 */
public final class D1Exception extends MiniflareException {
  private final String cause;

  D1Exception(String prefix, String cause) {
    super(prefix + ": " + cause);
    this.cause = cause;
  }

  /** The message without its {@code D1_...: } prefix (what workerd puts in the error's {@code cause}). */
  public String causeMessage() {
    return cause;
  }
}
