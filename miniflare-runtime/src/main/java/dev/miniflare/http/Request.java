package dev.miniflare.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * An immutable HTTP request as it crosses between Java and workers: {@code dispatchFetch}, service bindings to
 * Java functions and outbound {@code fetch} mocks all use this type. Bodies are fully buffered.
 *
 * <pre>{@code
 * Request.get("http://localhost/a");
 * Request.builder("https://example.com/api").method("POST").header("content-type", "application/json").body("{}").build();
 * }</pre>
 */
public final class Request {
  private final String method;
  private final String url;
  private final Headers headers;
  private final Body body;

  private Request(Builder b) {
    this.method = b.method;
    this.url = b.url;
    this.headers = b.headers.build();
    this.body = b.body;
  }

  /** A GET request for the URL. */
  public static Request get(String url) {
    return builder(url).build();
  }

  /** A POST request with a UTF-8 text body. */
  public static Request post(String url, String body) {
    return builder(url).method("POST").body(body).build();
  }

  /** A builder for a GET request to the URL. */
  public static Builder builder(String url) {
    return new Builder(url);
  }

  /** A builder starting from this request. */
  public Builder toBuilder() {
    Builder b = new Builder(url);
    b.method = method;
    b.headers = headers.toBuilder();
    b.body = body;
    return b;
  }

  /** The upper-cased method, {@code GET} by default. */
  public String method() {
    return method;
  }

  /** The absolute URL. */
  public String url() {
    return url;
  }

  /**
   * The URL parsed as a {@link URI}. A WHATWG URL may hold what {@code java.net.URI} refuses (a {@code %} not
   * followed by two hex digits, {@code |}, {@code ^}...): those characters are percent-encoded first, so this never
   * fails for a URL a worker or a client could send.
   */
  public URI uri() {
    try {
      return URI.create(url);
    } catch (IllegalArgumentException e) {
      return URI.create(lenient(url));
    }
  }

  private static String lenient(String url) {
    StringBuilder out = new StringBuilder(url.length() + 16);
    for (int i = 0; i < url.length(); ) {
      int c = url.codePointAt(i);
      boolean escape = c == '%' ? i + 2 >= url.length() || !isHex(url.charAt(i + 1)) || !isHex(url.charAt(i + 2))
          : c <= ' ' || c >= 0x7f || "\"<>\\^`{|}".indexOf(c) >= 0;
      if (!escape) {
        out.append((char) c);
      } else {
        for (byte b : new String(Character.toChars(c)).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
          out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
              .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
        }
      }
      i += Character.charCount(c);
    }
    return out.toString();
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** The headers. */
  public Headers headers() {
    return headers;
  }

  /** The first value of a header, or {@code null}. */
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

  /** Whether the request has no body (or an empty one). */
  public boolean hasBody() {
    return !body.isEmpty();
  }

  /** The body bytes without copying; callers must not modify them. */
  public byte[] bodyBytesUnsafe() {
    return body.bytes();
  }

  @Override
  public String toString() {
    return method + " " + url;
  }

  /** Builder of {@link Request}. */
  public static final class Builder {
    private String method = "GET";
    private String url;
    private Headers.Builder headers = Headers.builder();
    private Body body = Body.EMPTY;

    private Builder(String url) {
      this.url = Objects.requireNonNull(url, "url");
    }

    /** Sets the method (upper-cased for the standard methods). */
    public Builder method(String method) {
      String upper = method.toUpperCase(Locale.ROOT);
      this.method = switch (upper) {
        case "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH" -> upper;
        default -> method;
      };
      return this;
    }

    /** Sets the URL. */
    public Builder url(String url) {
      this.url = Objects.requireNonNull(url, "url");
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

    /** Sets a JSON body (serialised with Jackson) and the JSON content type unless one is set. */
    public Builder json(Object value) {
      this.body = Body.wrap(Json.write(value).getBytes(StandardCharsets.UTF_8));
      if (!headers.build().contains("content-type")) {
        headers.set("content-type", "application/json");
      }
      return this;
    }

    /** The immutable request. */
    public Request build() {
      return new Request(this);
    }
  }
}
