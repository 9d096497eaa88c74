package dev.miniflare.storage;

/**
 * One immutable stored entry: the value bytes, optional JSON metadata and an optional absolute expiry.
 *
 * @param value the value bytes; never modified after construction
 * @param metadata JSON text of the metadata, or {@code null}
 * @param expiration expiry in seconds since the UNIX epoch, or {@code 0} for none
 */
public record StoredValue(byte[] value, String metadata, long expiration) {
  /** Whether the entry has expired at {@code nowMillis}. */
  public boolean isExpired(long nowMillis) {
    return expiration != 0 && expiration * 1000L <= nowMillis;
  }
}
