package dev.miniflare.r2;

import java.util.Map;

/**
 * Options of {@link R2Bucket#put(String, byte[], R2PutOptions)}.
 *
 * @param httpMetadata HTTP metadata, or null
 * @param customMetadata custom metadata (at most 2048 bytes of keys and values), or null
 */
public record R2PutOptions(R2HttpMetadata httpMetadata, Map<String, String> customMetadata) {
  /** No metadata. */
  public static R2PutOptions none() {
    return new R2PutOptions(null, null);
  }

  /** Only HTTP metadata. */
  public static R2PutOptions http(R2HttpMetadata httpMetadata) {
    return new R2PutOptions(httpMetadata, null);
  }

  /** Only custom metadata. */
  public static R2PutOptions custom(Map<String, String> customMetadata) {
    return new R2PutOptions(null, customMetadata);
  }
}
