package dev.miniflare.queues;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.miniflare.http.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A message waiting in a queue, as Java sees it (see {@link Queue#pending()}).
 *
 * @param id the message id (32 hex digits, kept across retries and into the dead letter queue)
 * @param timestamp when it was sent
 * @param contentType {@code json}, {@code text}, {@code bytes} or {@code v8}
 * @param attempts how many deliveries have failed so far, plus one (what {@code message.attempts} will be)
 * @param rawBody the body as stored: UTF-8 text for text and json, the bytes for bytes, the structured-clone
 *     serialisation text (UTF-8) for v8
 */
public record QueueMessage(String id, Instant timestamp, String contentType, int attempts, byte[] rawBody) {
  /**
   * The body as a Java value: a {@code String} for text, the parsed JSON value (maps, lists, strings, numbers,
   * booleans, null) for json and for v8 bodies that are plain JSON, a {@code byte[]} for bytes. A v8 body that is
   * not plain JSON (a Map, a Date, a typed array...) comes back as its serialisation text.
   */
  public Object body() {
    return switch (contentType) {
      case "text" -> new String(rawBody, StandardCharsets.UTF_8);
      case "bytes" -> rawBody.clone();
      case "json" -> parse(new String(rawBody, StandardCharsets.UTF_8));
      default -> {
        String s = new String(rawBody, StandardCharsets.UTF_8);
        yield s.startsWith("J") ? parse(s.substring(1)) : s;
      }
    };
  }

  /** The body converted to {@code type} through Jackson (json and plain-JSON v8 bodies). */
  public <T> T body(Class<T> type) {
    return Json.MAPPER.convertValue(body(), type);
  }

  private static Object parse(String json) {
    try {
      return Json.MAPPER.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("message body is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
