package dev.miniflare.queues;

/** Cloudflare Queues' limits, shared by the JS binding, the Java API and the options. */
final class QueueLimits {
  private QueueLimits() {}

  /** The largest message body, in bytes (workerd and Miniflare count 1 KB as 1000 bytes). */
  static final int MAX_MESSAGE_BYTES = 128_000;
  /** The most messages in one {@code sendBatch} and in one consumer batch. */
  static final int MAX_BATCH_COUNT = 100;
  /** The largest total of the bodies of one {@code sendBatch}, in bytes. */
  static final int MAX_BATCH_BYTES = 256_000;
  /** The longest delivery or retry delay (12 hours). */
  static final int MAX_DELAY_SECONDS = 43_200;
}
