package dev.miniflare.web;

/**
 * A Web Crypto operation failed the way workerd fails it. {@link #jsName()} is either a JS error constructor
 * ({@code TypeError}, {@code RangeError}, {@code Error}) or a {@code DOMException} name ({@code OperationError},
 * {@code DataError}, {@code NotSupportedError}...); {@code crypto.js} turns it into that error.
 */
public final class CryptoException extends dev.miniflare.core.JsErrorException {

  /** An error a worker sees with this name and message. */
  public CryptoException(String jsName, String message) {
    super(jsName, message);
  }

  /** An error a worker sees with this name and message, keeping the JDK exception that caused it. */
  public CryptoException(String jsName, String message, Throwable cause) {
    super(jsName, message, cause);
  }
}
