package dev.miniflare.http;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.charset.StandardCharsets;

/**
 * An immutable HTTP response as it crosses between workers and Java. Bodies are fully buffered.
 *
 * <pre>{@code
 * Response.text("hello");
 * Response.json(Map.of("ok", true));
 * Response.status(404);
 * Response.builder(201).header("location", "/x").body("created").build();
 * }</pre>
 */
public final class Response {
  private final int status;
  private final String statusText;
  private final Headers headers;
  private final Body body;
  private final WebSocket webSocket;

  private Response(Builder b) {
    this.status = b.status;
    this.statusText = b.statusText;
    this.headers = b.headers.build();
    this.body = b.body;
    this.webSocket = b.webSocket;
  }

  /** A 200 response with a UTF-8 text body and {@code text/plain;charset=UTF-8}, as {@code new Response(string)}. */
  public static Response text(String text) {
    return builder(200).header("content-type", "text/plain;charset=UTF-8").body(text).build();
  }

  /** A 200 response with the value serialised as JSON (Jackson) and {@code application/json}. */
  public static Response json(Object value) {
    return builder(200).json(value).build();
  }

  /** An empty response with this status. */
  public static Response status(int status) {
    return builder(status).build();
  }

  /** A builder for a response with this status. */
  public static Builder builder(int status) {
    return new Builder(status);
  }

  /** A builder starting from this response. */
  public Builder toBuilder() {
    Builder b = new Builder(status);
    b.statusText = statusText;
    b.headers = headers.toBuilder();
    b.body = body;
    b.webSocket = webSocket;
    return b;
  }

  /**
   * The WebSocket end a worker returned with a {@code 101} response ({@code new Response(null, { status: 101,
   * webSocket: client })}), or {@code null}.
   */
  public WebSocket webSocket() {
    return webSocket;
  }

  /** The status code. */
  public int status() {
    return status;
  }

  /** The status text (the standard reason phrase unless the worker set one). */
  public String statusText() {
    return statusText;
  }

  /** Whether the status is 200–299. */
  public boolean ok() {
    return status >= 200 && status < 300;
  }

  /** The headers. */
  public Headers headers() {
    return headers;
  }

  /** The header's values joined with ", ", or {@code null}. */
  public String header(String name) {
    return headers.get(name);
  }

  /** The body as UTF-8 text. */
  public String text() {
    return body.text();
  }

  /** The body bytes (a copy). */
  public byte[] bytes() {
    return body.bytes().clone();
  }

  /** The body bytes without copying; callers must not modify them. */
  public byte[] bodyBytesUnsafe() {
    return body.bytes();
  }

  /** The body parsed as JSON into the type (Jackson). */
  public <T> T json(Class<T> type) {
    return Json.read(body.text(), type);
  }

  /** The body parsed as JSON into a generic type (Jackson). */
  public <T> T json(TypeReference<T> type) {
    return Json.read(body.text(), type);
  }

  @Override
  public String toString() {
    String text = body.text();
    return "Response " + status + " " + headers + " " + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
  }

  /** Builder of {@link Response}. */
  public static final class Builder {
    private int status;
    private String statusText;
    private Headers.Builder headers = Headers.builder();
    private Body body = Body.EMPTY;
    private WebSocket webSocket;

    private Builder(int status) {
      status(status);
    }

    /** Sets the status code (100–599). */
    public Builder status(int status) {
      if (status < 100 || status > 599) {
        throw new IllegalArgumentException("status must be in 100..599, got " + status);
      }
      this.status = status;
      if (statusText == null || statusText.equals(StatusText.of(this.status))) {
        this.statusText = StatusText.of(status);
      }
      return this;
    }

    /** Sets the status text. */
    public Builder statusText(String statusText) {
      this.statusText = statusText;
      return this;
    }

    /** Appends a header value. */
    public Builder header(String name, String value) {
      headers.add(name, value);
      return this;
    }

    /** Replaces every header with these. */
    public Builder headers(Headers headers) {
      this.headers = headers.toBuilder();
      return this;
    }

    /** Sets a UTF-8 text body. */
    public Builder body(String text) {
      this.body = Body.ofText(text);
      return this;
    }

    /** Sets a binary body (copied). */
    public Builder body(byte[] bytes) {
      this.body = Body.ofBytes(bytes);
      return this;
    }

    /** Sets a binary body without copying it: the caller must not modify the array afterwards. */
    public Builder bodyUnsafe(byte[] bytes) {
      this.body = Body.wrap(bytes);
      return this;
    }

    /** Sets a JSON body (Jackson) and {@code application/json} unless a content type is set. */
    public Builder json(Object value) {
      this.body = Body.wrap(Json.write(value).getBytes(StandardCharsets.UTF_8));
      if (!headers.build().contains("content-type")) {
        headers.set("content-type", "application/json");
      }
      return this;
    }

    /** Sets the WebSocket end this ({@code 101}) response hands over. */
    public Builder webSocket(WebSocket webSocket) {
      this.webSocket = webSocket;
      return this;
    }

    /** The immutable response. */
    public Response build() {
      return new Response(this);
    }
  }
}
