package dev.miniflare.core;

import org.graalvm.polyglot.HostAccess;

/**
 * A binding's operation rejected the way the Workers runtime rejects it: the runtime JS that called the host
 * turns it into {@code new <jsName>(jsMessage)} for the worker, and Java callers get it as is. Each binding has its
 * own subclass (KV, R2, queues, Web Crypto) so Java code can catch one kind.
 */
public class JsErrorException extends RuntimeException {
  private final String jsName;

  /** An error a worker sees as {@code new <jsName>(message)}. */
  public JsErrorException(String jsName, String message) {
    super(message);
    this.jsName = jsName;
  }

  /** The same, keeping the Java exception that caused it. */
  public JsErrorException(String jsName, String message, Throwable cause) {
    super(message, cause);
    this.jsName = jsName;
  }

  /** The JavaScript error constructor name ({@code TypeError}, {@code RangeError}, {@code Error}) or a DOMException name. */
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
