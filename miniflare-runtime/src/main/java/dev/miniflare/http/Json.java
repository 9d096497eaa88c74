package dev.miniflare.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/** The shared Jackson mapper for JSON bodies and JSON values crossing into workers. */
public final class Json {
  /** The mapper; configure it only at start-up. */
  public static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

  private Json() {}

  /** Serialises a value to JSON text. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot serialise " + value.getClass().getName() + " to JSON", e);
    }
  }

  /** Parses JSON text into the type. */
  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("body is not JSON for " + type.getName() + ": " + e.getOriginalMessage(), e);
    }
  }

  /** Parses JSON text into a generic type. */
  public static <T> T read(String json, TypeReference<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("body is not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
