package dev.miniflare.queues;

import java.time.Duration;

/**
 * A worker's queue producer binding, from Java (what {@code @Binding("QUEUE")} injects): sends as the worker's
 * {@code env.QUEUE.send(...)} would, including the binding's {@code delivery_delay}.
 */
public final class QueueProducer {
  private final String binding;
  private final Queue queue;

  /** The binding named {@code binding} sending to {@code queue}. */
  public QueueProducer(String binding, Queue queue) {
    this.binding = binding;
    this.queue = queue;
  }

  /** The binding's name. */
  public String binding() {
    return binding;
  }

  /** The queue it sends to (to inspect or {@link Queue#flush() flush} it). */
  public Queue queue() {
    return queue;
  }

  /** Sends {@code body} as JSON; returns the message id. */
  public String send(Object body) {
    return queue.send(body);
  }

  /** Sends {@code body} as JSON after {@code delay}; returns the message id. */
  public String send(Object body, Duration delay) {
    return queue.send(body, delay);
  }

  /** Sends a text message; returns its id. */
  public String sendText(String text) {
    return queue.sendText(text);
  }

  /** Sends a bytes message; returns its id. */
  public String sendBytes(byte[] bytes) {
    return queue.sendBytes(bytes);
  }

  @Override
  public String toString() {
    return "QueueProducer(" + binding + " -> " + queue.name() + ")";
  }
}
