package dev.miniflare.kv;

/**
 * A KV operation rejected the way Cloudflare's runtime rejects it. {@link #jsName()} is the JavaScript error type
 * a worker sees ({@code TypeError} for bad arguments, {@code Error} for failed operations) and the message is the
 * runtime's, e.g. {@code KV PUT failed: 400 Invalid expiration_ttl of 30. Expiration TTL must be at least 60.}
 */
public class KvException extends dev.miniflare.core.JsErrorException {

  /** An error a worker sees as {@code new <jsName>(message)}. */
  public KvException(String jsName, String message) {
    super(jsName, message);
  }
}
