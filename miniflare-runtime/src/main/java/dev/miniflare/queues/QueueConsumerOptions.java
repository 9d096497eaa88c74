package dev.miniflare.queues;

import java.time.Duration;
import java.util.Objects;

/**
 * How a worker consumes a queue, mirroring wrangler's {@code [[queues.consumers]]} and Miniflare's
 * {@code queueConsumers} options.
 *
 * <pre>{@code
 * QueueConsumerOptions.of("jobs").withMaxBatchSize(5).withMaxRetries(1).withDeadLetterQueue("jobs-dlq")
 * }</pre>
 *
 * @param queue the queue consumed
 * @param maxBatchSize the most messages in one batch (1 to 100; default 10)
 * @param maxBatchTimeout how long a batch that is not full waits for more messages (0 to 60 s; default 5 s), by the
 *     instance clock
 * @param maxRetries how often a message is retried before it goes to the dead letter queue or is dropped (0 to
 *     100; default 3)
 * @param deadLetterQueue where messages go after their last failed attempt, or null to drop them
 * @param retryDelay the delay of a retried message when the handler gives none (0 to 43200 s; default 0)
 */
public record QueueConsumerOptions(String queue, int maxBatchSize, Duration maxBatchTimeout, int maxRetries,
    String deadLetterQueue, Duration retryDelay) {
  /** Cloudflare's default {@code max_batch_size}. */
  public static final int DEFAULT_MAX_BATCH_SIZE = 10;
  /** Cloudflare's default {@code max_batch_timeout}. */
  public static final Duration DEFAULT_MAX_BATCH_TIMEOUT = Duration.ofSeconds(5);
  /** Cloudflare's default {@code max_retries}. */
  public static final int DEFAULT_MAX_RETRIES = 3;

  /**
   * Validates the options with Cloudflare's limits.
   *
   * @param queue the queue consumed
   * @param maxBatchSize the most messages in one batch
   * @param maxBatchTimeout how long a batch that is not full waits
   * @param maxRetries retries before dead-lettering or dropping
   * @param deadLetterQueue the dead letter queue, or null
   * @param retryDelay the default retry delay
   */
  public QueueConsumerOptions {
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(maxBatchTimeout, "maxBatchTimeout");
    Objects.requireNonNull(retryDelay, "retryDelay");
    if (maxBatchSize < 1 || maxBatchSize > QueueLimits.MAX_BATCH_COUNT) {
      throw new IllegalArgumentException("max_batch_size of queue \"" + queue + "\" must be between 1 and "
          + QueueLimits.MAX_BATCH_COUNT + ", not " + maxBatchSize);
    }
    if (maxBatchTimeout.isNegative() || maxBatchTimeout.compareTo(Duration.ofSeconds(60)) > 0) {
      throw new IllegalArgumentException("max_batch_timeout of queue \"" + queue
          + "\" must be between 0 and 60 seconds, not " + maxBatchTimeout.toMillis() / 1000.0);
    }
    if (maxRetries < 0 || maxRetries > 100) {
      throw new IllegalArgumentException("max_retries of queue \"" + queue + "\" must be between 0 and 100, not "
          + maxRetries);
    }
    if (retryDelay.isNegative() || retryDelay.getSeconds() > QueueLimits.MAX_DELAY_SECONDS) {
      throw new IllegalArgumentException("retry_delay of queue \"" + queue + "\" must be between 0 and "
          + QueueLimits.MAX_DELAY_SECONDS + " seconds, not " + retryDelay.getSeconds());
    }
    if (queue.equals(deadLetterQueue)) {
      throw new IllegalArgumentException("queue \"" + queue + "\" cannot be its own dead letter queue");
    }
  }

  /** A consumer of {@code queue} with Cloudflare's defaults (batches of 10, 5 s timeout, 3 retries, no DLQ). */
  public static QueueConsumerOptions of(String queue) {
    return new QueueConsumerOptions(queue, DEFAULT_MAX_BATCH_SIZE, DEFAULT_MAX_BATCH_TIMEOUT, DEFAULT_MAX_RETRIES,
        null, Duration.ZERO);
  }

  /** A copy with another {@code max_batch_size}. */
  public QueueConsumerOptions withMaxBatchSize(int size) {
    return new QueueConsumerOptions(queue, size, maxBatchTimeout, maxRetries, deadLetterQueue, retryDelay);
  }

  /** A copy with another {@code max_batch_timeout}. */
  public QueueConsumerOptions withMaxBatchTimeout(Duration timeout) {
    return new QueueConsumerOptions(queue, maxBatchSize, timeout, maxRetries, deadLetterQueue, retryDelay);
  }

  /** A copy with another {@code max_retries}. */
  public QueueConsumerOptions withMaxRetries(int retries) {
    return new QueueConsumerOptions(queue, maxBatchSize, maxBatchTimeout, retries, deadLetterQueue, retryDelay);
  }

  /** A copy with a {@code dead_letter_queue} (null for none). */
  public QueueConsumerOptions withDeadLetterQueue(String queueName) {
    return new QueueConsumerOptions(queue, maxBatchSize, maxBatchTimeout, maxRetries, queueName, retryDelay);
  }

  /** A copy with another {@code retry_delay}. */
  public QueueConsumerOptions withRetryDelay(Duration delay) {
    return new QueueConsumerOptions(queue, maxBatchSize, maxBatchTimeout, maxRetries, deadLetterQueue, delay);
  }
}
