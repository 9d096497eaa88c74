package dev.miniflare.queues;

import java.util.List;

/**
 * What {@link Queue#flush()} delivered: every batch handed to the consumer, and what became of each message.
 *
 * @param batches the batches, in delivery order
 */
public record QueueDelivery(List<Batch> batches) {
  /**
   * One batch and the fate of its messages.
   *
   * @param queue the queue
   * @param result what the handler decided
   * @param retried ids that will be delivered again (after their delay)
   * @param deadLettered ids moved to the dead letter queue after their last attempt
   * @param dropped ids dropped after their last attempt (no dead letter queue)
   */
  public record Batch(String queue, QueueResult result, List<String> retried, List<String> deadLettered,
      List<String> dropped) {
    /** Copies the lists. */
    public Batch {
      retried = List.copyOf(retried);
      deadLettered = List.copyOf(deadLettered);
      dropped = List.copyOf(dropped);
    }
  }

  /** Copies the list. */
  public QueueDelivery {
    batches = List.copyOf(batches);
  }

  /** Ids of every message delivered, in order. */
  public List<String> delivered() {
    return batches.stream().flatMap(b -> b.result().messageIds().stream()).toList();
  }

  /** Ids of the messages acknowledged. */
  public List<String> acked() {
    return batches.stream().flatMap(b -> b.result().acked().stream()).toList();
  }

  /** Ids of the messages that will be delivered again. */
  public List<String> retried() {
    return batches.stream().flatMap(b -> b.retried().stream()).toList();
  }

  /** Ids of the messages moved to a dead letter queue. */
  public List<String> deadLettered() {
    return batches.stream().flatMap(b -> b.deadLettered().stream()).toList();
  }

  /** Ids of the messages dropped after their last attempt. */
  public List<String> dropped() {
    return batches.stream().flatMap(b -> b.dropped().stream()).toList();
  }

  /** The results of the batches, in order. */
  public List<QueueResult> results() {
    return batches.stream().map(Batch::result).toList();
  }
}
