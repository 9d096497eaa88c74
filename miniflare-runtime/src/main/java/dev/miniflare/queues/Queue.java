package dev.miniflare.queues;

import dev.miniflare.http.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A queue of a Miniflare instance, from Java: send messages as a producer would, see what is waiting, and deliver
 * it to the consumer now with {@link #flush()} (like vitest-pool-workers' queue helpers).
 *
 * <pre>{@code
 * Queue jobs = mf.queue("jobs");
 * jobs.send(Map.of("task", "resize"));
 * QueueDelivery d = jobs.flush();          // runs the consumer's queue() handler and waits for it
 * assertThat(d.acked()).hasSize(1);
 * }</pre>
 */
public final class Queue {
  private final QueueBroker broker;
  private final String name;
  private final Integer defaultDelay;

  /** A view of queue {@code name}; {@code defaultDelay} (seconds, or null) applies to sends without a delay. */
  public Queue(QueueBroker broker, String name, Integer defaultDelay) {
    this.broker = broker;
    this.name = name;
    this.defaultDelay = defaultDelay;
  }

  /** The queue's name. */
  public String name() {
    return name;
  }

  /** Sends {@code body} as JSON (Jackson), content type {@code json}; returns the message id. */
  public String send(Object body) {
    return send(body, null);
  }

  /** Sends {@code body} as JSON, delivered after {@code delay} (by the instance clock); returns the message id. */
  public String send(Object body, Duration delay) {
    return send("json", Json.write(body).getBytes(StandardCharsets.UTF_8), delay);
  }

  /** Sends a text message (content type {@code text}); returns its id. */
  public String sendText(String text) {
    return send("text", text.getBytes(StandardCharsets.UTF_8), null);
  }

  /** Sends a bytes message (content type {@code bytes}; the consumer gets an ArrayBuffer); returns its id. */
  public String sendBytes(byte[] bytes) {
    return send("bytes", bytes.clone(), null);
  }

  private String send(String contentType, byte[] body, Duration delay) {
    List<String> ids = new ArrayList<>(1);
    Integer seconds = delay == null ? null : (int) Math.min(Integer.MAX_VALUE, delay.getSeconds());
    broker.send(name, new QueueBroker.Outgoing(contentType, body, seconds), defaultDelay, ids);
    return ids.get(0);
  }

  /** The messages waiting (ready ones first, then delayed ones); not those being delivered right now. */
  public List<QueueMessage> pending() {
    return broker.pending(name);
  }

  /**
   * Delivers every message that is due now to the consumer, in batches of its {@code max_batch_size}, without
   * waiting for the batch timeout, and waits for each batch's handler to finish. Messages whose delivery delay
   * has not passed stay (advance the {@code TestClock}); messages retried meanwhile are not redelivered by this
   * call. Dead-lettered messages are in the dead letter queue: flush that one to deliver them.
   *
   * @throws IllegalStateException when no worker consumes this queue
   */
  public QueueDelivery flush() {
    return broker.flush(name);
  }

  /** The consumer options, or null when no worker consumes this queue. */
  public QueueConsumerOptions consumer() {
    return broker.consumer(name);
  }

  @Override
  public String toString() {
    return "Queue(" + name + ")";
  }
}
