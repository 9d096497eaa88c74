package dev.miniflare.queues;

import dev.miniflare.core.JsBytes;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * The host half of a producer binding: {@code queues.js} wraps it in the {@code WorkerQueue} object workers see
 * on {@code env}. JS checks argument types and serialises bodies; sizes, delays and enqueueing happen here.
 */
public final class QueueProducerHost {
  private final QueueBroker broker;
  private final String queue;
  private final Integer deliveryDelay;

  /** A binding sending to {@code queue}; {@code deliveryDelay} is the producer's default delay (or null). */
  public QueueProducerHost(QueueBroker broker, String queue, Integer deliveryDelay) {
    this.broker = broker;
    this.queue = queue;
    this.deliveryDelay = deliveryDelay;
  }

  /**
   * Sends one message: {@code data} is a string or an ArrayBuffer range; {@code delay} is NaN when not given.
   * Returns the metadata JSON.
   */
  @HostAccess.Export
  public String send(String contentType, Value data, int offset, int length, double delay) {
    return broker.send(queue, new QueueBroker.Outgoing(contentType, JsBytes.read(data, offset, length), delay(delay)),
        deliveryDelay);
  }

  /**
   * Sends a batch: {@code messages} is a JS array of {@code [contentType, data, offset, length, delay]}. Returns
   * the metadata JSON.
   */
  @HostAccess.Export
  public String sendBatch(Value messages, double batchDelay) {
    List<QueueBroker.Outgoing> out = new ArrayList<>();
    for (long i = 0; i < messages.getArraySize(); i++) {
      Value m = messages.getArrayElement(i);
      out.add(new QueueBroker.Outgoing(m.getArrayElement(0).asString(), JsBytes.read(m.getArrayElement(1),
          m.getArrayElement(2).asInt(), m.getArrayElement(3).asInt()), delay(m.getArrayElement(4).asDouble())));
    }
    return broker.sendBatch(queue, out, delay(batchDelay), deliveryDelay);
  }

  /** {@code queue.metrics()} as JSON. */
  @HostAccess.Export
  public String metrics() {
    return broker.metrics(queue);
  }

  private static Integer delay(double d) {
    // workerd reads delaySeconds as an integer: fractions are truncated.
    return Double.isNaN(d) ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, d));
  }
}
