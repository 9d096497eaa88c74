package dev.miniflare.kv;

import org.graalvm.polyglot.HostAccess;

/**
 * A KV operation rejected the way Cloudflare's runtime rejects it. {@link #jsName()} is the JavaScript error type
 * a worker sees ({@code TypeError} for bad arguments, {@code Error} for failed operations) and the message is the
 * runtime's, e.g. {@code KV PUT failed: 400 Invalid expiration_ttl of 30. Expiration TTL must be at least 60.}
 */
public class KvException extends RuntimeException {
  private final String jsName;

  /** An error a worker sees as {@code new <jsName>(message)}. */
  public KvException(String jsName, String message) {
    super(message);
    this.jsName = jsName;
  }

  /** The JavaScript error constructor name: {@code TypeError}, {@code RangeError} or {@code Error}. */
  @HostAccess.Export
  public String jsName() {
    return jsName;
  }

  /** The message, exactly as the Workers runtime words it. */
  @HostAccess.Export
  public String jsMessage() {
    return getMessage();
  }
}
