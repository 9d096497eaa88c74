package dev.miniflare.queues;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniflare.core.WorkerError;
import dev.miniflare.http.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a consumer's {@code queue()} handler decided about one batch, like vitest-pool-workers'
 * {@code getQueueResult}: the outcome, {@code ackAll()}/{@code retryAll()}, and the messages acked or retried
 * one by one.
 *
 * @param outcome {@code "ok"}, or {@code "exception"} when the handler threw or its promise rejected
 * @param ackAll whether {@code batch.ackAll()} was called
 * @param retryBatch whether (and with which delay) {@code batch.retryAll()} was called
 * @param explicitAcks ids of the messages {@code ack()}ed
 * @param retryMessages the messages {@code retry()}ed, with their delays
 * @param messageIds the ids of the batch's messages, in order
 * @param error the handler's error when the outcome is an exception, else null
 */
public record QueueResult(String outcome, boolean ackAll, RetryBatch retryBatch, List<String> explicitAcks,
    List<RetryMessage> retryMessages, List<String> messageIds, WorkerError error) {
  /**
   * The {@code retryAll()} call of a batch.
   *
   * @param retry whether it was called
   * @param delaySeconds its {@code delaySeconds}, or null
   */
  public record RetryBatch(boolean retry, Integer delaySeconds) {}

  /**
   * A {@code message.retry()} call.
   *
   * @param msgId the message id
   * @param delaySeconds its {@code delaySeconds}, or null
   */
  public record RetryMessage(String msgId, Integer delaySeconds) {}

  /** Copies the lists. */
  public QueueResult {
    explicitAcks = List.copyOf(explicitAcks);
    retryMessages = List.copyOf(retryMessages);
    messageIds = List.copyOf(messageIds);
  }

  /** Whether the handler completed without throwing. */
  public boolean isOk() {
    return "ok".equals(outcome);
  }

  /**
   * Whether the message will be retried: after {@code retryAll()} or {@code retry()}, or when the handler threw
   * and the message was not acknowledged ({@code ack()} or {@code ackAll()}).
   */
  public boolean isRetried(String messageId) {
    if (retryBatch.retry() || retryMessages.stream().anyMatch(r -> r.msgId().equals(messageId))) {
      return true;
    }
    return !isOk() && !ackAll && !explicitAcks.contains(messageId);
  }

  /** The delay (seconds) of a retried message when the handler gave one, else null. */
  public Integer retryDelay(String messageId) {
    for (RetryMessage r : retryMessages) {
      if (r.msgId().equals(messageId) && r.delaySeconds() != null) {
        return r.delaySeconds();
      }
    }
    return retryBatch.delaySeconds();
  }

  /** The ids of the messages that are done (acknowledged explicitly or implicitly), in batch order. */
  public List<String> acked() {
    return messageIds.stream().filter(id -> !isRetried(id)).toList();
  }

  /** The ids of the messages that will be retried, in batch order. */
  public List<String> retried() {
    return messageIds.stream().filter(this::isRetried).toList();
  }

  /** Reads the JSON the JS dispatcher reports for a batch of the messages {@code messageIds}. */
  public static QueueResult of(String json, List<String> messageIds) {
    return fromJson(json, messageIds);
  }

  static QueueResult fromJson(String json, List<String> messageIds) {
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("bad queue result " + json, e);
    }
    JsonNode rb = n.path("retryBatch");
    List<String> acks = new ArrayList<>();
    n.path("explicitAcks").forEach(a -> acks.add(a.asText()));
    List<RetryMessage> retries = new ArrayList<>();
    n.path("retryMessages").forEach(r -> retries.add(new RetryMessage(r.path("msgId").asText(),
        r.hasNonNull("delaySeconds") ? r.get("delaySeconds").asInt() : null)));
    WorkerError error = null;
    if (n.hasNonNull("error")) {
      @SuppressWarnings("unchecked")
      Map<String, String> e = Json.MAPPER.convertValue(n.get("error"), Map.class);
      error = new WorkerError(e.get("name"), e.get("message"), e.get("stack"));
    }
    return new QueueResult(n.path("outcome").asText("ok"), n.path("ackAll").asBoolean(),
        new RetryBatch(rb.path("retry").asBoolean(), rb.hasNonNull("delaySeconds") ? rb.get("delaySeconds").asInt() : null),
        acks, retries, messageIds, error);
  }
}
