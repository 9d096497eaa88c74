package dev.miniflare.config;

import java.util.Objects;

/**
 * An {@code r2_buckets} entry.
 *
 * @param binding the name the Worker sees on {@code env}
 * @param bucketName the {@code bucket_name}, or {@code null} when not given
 */
public record R2BucketConfig(String binding, String bucketName) {
  /**
   * Validates the components.
   *
   * @param binding the name the Worker sees on {@code env}
   * @param bucketName the {@code bucket_name}, or {@code null} when not given
   */
  public R2BucketConfig {
    Objects.requireNonNull(binding, "binding");
  }
}
