package dev.miniflare.r2;

import org.graalvm.polyglot.HostAccess;

/**
 * An R2 operation rejected the way the Workers runtime rejects it. {@link #jsName()} is the JavaScript error type a
 * worker sees; the message is the runtime's, e.g. {@code put: The specified object name is not valid. (10020)} for
 * errors of the R2 service, or {@code MD5 is 16 bytes, not 3} for argument checks.
 */
public class R2Exception extends RuntimeException {
  private final String jsName;
  private final int code;

  /** An error a worker sees as {@code new <jsName>(message)}; {@code code} is the R2 error code or 0. */
  public R2Exception(String jsName, String message, int code) {
    super(message);
    this.jsName = jsName;
    this.code = code;
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

  /** The R2 error code (e.g. 10020 for an invalid object name), or 0 for argument errors. */
  public int code() {
    return code;
  }
}
