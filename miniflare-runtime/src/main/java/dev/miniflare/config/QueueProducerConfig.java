package dev.miniflare.config;

import java.util.Objects;

/**
 * A {@code queues.producers} entry.
 *
 * @param binding the name the Worker sees on {@code env}
 * @param queue the queue name
 * @param deliveryDelay {@code delivery_delay} in seconds, or {@code null}
 */
public record QueueProducerConfig(String binding, String queue, Long deliveryDelay) {
  /**
   * Validates the components.
   *
   * @param binding the name the Worker sees on {@code env}
   * @param queue the queue name
   * @param deliveryDelay {@code delivery_delay} in seconds, or {@code null}
   */
  public QueueProducerConfig {
    Objects.requireNonNull(binding, "binding");
    Objects.requireNonNull(queue, "queue");
  }
}
