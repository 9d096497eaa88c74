package dev.miniflare.web;

import org.graalvm.polyglot.HostAccess;

/**
 * A Web Crypto operation failed the way workerd fails it. {@link #jsName()} is either a JS error constructor
 * ({@code TypeError}, {@code RangeError}, {@code Error}) or a {@code DOMException} name ({@code OperationError},
 * {@code DataError}, {@code NotSupportedError}...); {@code crypto.js} turns it into that error.
 */
public final class CryptoException extends RuntimeException {
  private final String jsName;

  /** An error a worker sees with this name and message. */
  public CryptoException(String jsName, String message) {
    super(message);
    this.jsName = jsName;
  }

  /** An error a worker sees with this name and message, keeping the JDK exception that caused it. */
  public CryptoException(String jsName, String message, Throwable cause) {
    super(message, cause);
    this.jsName = jsName;
  }

  /** The JS error constructor or DOMException name. */
  @HostAccess.Export
  public String jsName() {
    return jsName;
  }

  /** The message, worded like workerd's. */
  @HostAccess.Export
  public String jsMessage() {
    return getMessage();
  }
}
