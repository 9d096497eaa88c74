package dev.miniflare.config;

import java.util.Objects;

/**
 * A {@code queues.consumers} entry. Optional numbers are {@code null} when not given.
 *
 * @param queue the queue consumed
 * @param maxBatchSize {@code max_batch_size}
 * @param maxBatchTimeout {@code max_batch_timeout} in seconds
 * @param maxRetries {@code max_retries}
 * @param deadLetterQueue {@code dead_letter_queue}
 * @param retryDelay {@code retry_delay} in seconds
 */
public record QueueConsumerConfig(
    String queue,
    Long maxBatchSize,
    Long maxBatchTimeout,
    Long maxRetries,
    String deadLetterQueue,
    Long retryDelay) {
  /**
   * Validates the components.
   *
   * @param queue the queue consumed
   * @param maxBatchSize {@code max_batch_size}
   * @param maxBatchTimeout {@code max_batch_timeout} in seconds
   * @param maxRetries {@code max_retries}
   * @param deadLetterQueue {@code dead_letter_queue}
   * @param retryDelay {@code retry_delay} in seconds
   */
  public QueueConsumerConfig {
    Objects.requireNonNull(queue, "queue");
  }
}
