package dev.miniflare.r2;

import java.time.Instant;

/**
 * The HTTP metadata of an R2 object (what {@code writeHttpMetadata} turns into response headers).
 *
 * @param contentType {@code Content-Type}, or null
 * @param contentLanguage {@code Content-Language}, or null
 * @param contentDisposition {@code Content-Disposition}, or null
 * @param contentEncoding {@code Content-Encoding}, or null
 * @param cacheControl {@code Cache-Control}, or null
 * @param cacheExpiry {@code Expires}, or null
 */
public record R2HttpMetadata(String contentType, String contentLanguage, String contentDisposition,
    String contentEncoding, String cacheControl, Instant cacheExpiry) {
  /** No HTTP metadata. */
  public static R2HttpMetadata none() {
    return new R2HttpMetadata(null, null, null, null, null, null);
  }

  /** Only a content type. */
  public static R2HttpMetadata contentType(String contentType) {
    return new R2HttpMetadata(contentType, null, null, null, null, null);
  }
}
