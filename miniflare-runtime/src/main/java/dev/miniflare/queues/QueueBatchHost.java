package dev.miniflare.queues;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.graalvm.polyglot.HostAccess;

/**
 * The messages of one batch as the consumer's isolate reads them ({@code queues.js} builds the
 * {@code MessageBatch} from it): bodies cross as text or bytes, never as Java objects.
 */
public final class QueueBatchHost {
  private final String queue;
  private final List<QueueMessage> messages;
  private final String metadataJson;

  /** A batch of {@code messages} of {@code queue}; {@code metadataJson} is {@code batch.metadata}. */
  public QueueBatchHost(String queue, List<QueueMessage> messages, String metadataJson) {
    this.queue = queue;
    this.messages = List.copyOf(messages);
    this.metadataJson = metadataJson;
  }

  /** The queue's name. */
  @HostAccess.Export
  public String queue() {
    return queue;
  }

  /** How many messages. */
  @HostAccess.Export
  public int size() {
    return messages.size();
  }

  /** The id of message {@code i}. */
  @HostAccess.Export
  public String id(int i) {
    return messages.get(i).id();
  }

  /** The timestamp (epoch ms) of message {@code i}. */
  @HostAccess.Export
  public double timestamp(int i) {
    return messages.get(i).timestamp().toEpochMilli();
  }

  /** The content type of message {@code i}. */
  @HostAccess.Export
  public String contentType(int i) {
    return messages.get(i).contentType();
  }

  /** The attempt number of message {@code i} (1 on first delivery). */
  @HostAccess.Export
  public int attempts(int i) {
    return messages.get(i).attempts();
  }

  /** The body of a text, json or v8 message as text. */
  @HostAccess.Export
  public String text(int i) {
    return new String(messages.get(i).rawBody(), StandardCharsets.UTF_8);
  }

  /** The body of a bytes message (JS copies it into its own ArrayBuffer). */
  @HostAccess.Export
  public ByteBuffer bytes(int i) {
    return ByteBuffer.wrap(messages.get(i).rawBody()).asReadOnlyBuffer();
  }

  /** {@code batch.metadata} as JSON text. */
  @HostAccess.Export
  public String metadata() {
    return metadataJson;
  }

  /** The ids, in order. */
  List<String> ids() {
    return messages.stream().map(QueueMessage::id).toList();
  }
}
