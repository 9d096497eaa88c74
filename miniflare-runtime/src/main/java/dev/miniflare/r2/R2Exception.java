package dev.miniflare.r2;

/**
 * An R2 operation rejected the way the Workers runtime rejects it. {@link #jsName()} is the JavaScript error type a
 * worker sees; the message is the runtime's, e.g. {@code put: The specified object name is not valid. (10020)} for
 * errors of the R2 service, or {@code MD5 is 16 bytes, not 3} for argument checks.
 */
public class R2Exception extends dev.miniflare.core.JsErrorException {
  private final int code;

  /** An error a worker sees as {@code new <jsName>(message)}; {@code code} is the R2 error code or 0. */
  public R2Exception(String jsName, String message, int code) {
    super(jsName, message);
    this.code = code;
  }

  /** The R2 error code (e.g. 10020 for an invalid object name), or 0 for argument errors. */
  public int code() {
    return code;
  }
}
