package dev.miniflare.kv;

/**
 * Options of {@link KVNamespace#put(String, String, KVPutOptions)}.
 *
 * @param expiration absolute expiry in seconds since the UNIX epoch, or {@code null}
 * @param expirationTtl expiry in seconds from now (at least 60), or {@code null}
 * @param metadata a value serialised to JSON (at most 1024 bytes), or {@code null}
 */
public record KVPutOptions(Long expiration, Long expirationTtl, Object metadata) {
  /** No expiry, no metadata. */
  public static KVPutOptions none() {
    return new KVPutOptions(null, null, null);
  }

  /** Expire {@code seconds} from now. */
  public static KVPutOptions expirationTtl(long seconds) {
    return new KVPutOptions(null, seconds, null);
  }

  /** Expire at an absolute time in seconds since the epoch. */
  public static KVPutOptions expiration(long epochSeconds) {
    return new KVPutOptions(epochSeconds, null, null);
  }

  /** These options with metadata. */
  public KVPutOptions withMetadata(Object metadata) {
    return new KVPutOptions(expiration, expirationTtl, metadata);
  }
}
