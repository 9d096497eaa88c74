package dev.miniflare.junit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniflare.http.Json;
import dev.miniflare.http.Response;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractAssert;

/** AssertJ assertions on a {@link Response}. Messages include the status and the body the worker sent. */
public final class ResponseAssert extends AbstractAssert<ResponseAssert, Response> {
  ResponseAssert(Response actual) {
    super(actual, ResponseAssert.class);
  }

  private String describe() {
    String body = actual.text();
    if (body.length() > 2000) {
      body = body.substring(0, 2000) + "... (" + body.length() + " chars)";
    }
    return "HTTP " + actual.status() + " " + actual.statusText() + "\nheaders: " + actual.headers()
        + "\nbody:\n" + body;
  }

  /** The status equals {@code status}. */
  public ResponseAssert hasStatus(int status) {
    isNotNull();
    if (actual.status() != status) {
      failWithMessage("Expected status %d but got:%n%s", status, describe());
    }
    return this;
  }

  /** The status is 200–299. */
  public ResponseAssert isOk() {
    isNotNull();
    if (!actual.ok()) {
      failWithMessage("Expected a 2xx status but got:%n%s", describe());
    }
    return this;
  }

  /** The header's (joined) value equals {@code value}. */
  public ResponseAssert hasHeader(String name, String value) {
    isNotNull();
    String v = actual.header(name);
    if (!value.equals(v)) {
      failWithMessage("Expected header %s: %s but it was %s in:%n%s", name, value, v == null ? "absent" : v,
          describe());
    }
    return this;
  }

  /** The header is present. */
  public ResponseAssert hasHeader(String name) {
    isNotNull();
    if (actual.header(name) == null) {
      failWithMessage("Expected header %s to be present in:%n%s", name, describe());
    }
    return this;
  }

  /** The header is absent. */
  public ResponseAssert doesNotHaveHeader(String name) {
    isNotNull();
    if (actual.header(name) != null) {
      failWithMessage("Expected no header %s in:%n%s", name, describe());
    }
    return this;
  }

  /** The body text equals {@code text}. */
  public ResponseAssert hasBody(String text) {
    isNotNull();
    if (!actual.text().equals(text)) {
      failWithMessage("Expected body:%n  %s%nbut got:%n%s", text, describe());
    }
    return this;
  }

  /** The body text contains {@code text}. */
  public ResponseAssert bodyContains(String text) {
    isNotNull();
    if (!actual.text().contains(text)) {
      failWithMessage("Expected the body to contain:%n  %s%nbut got:%n%s", text, describe());
    }
    return this;
  }

  /** The body parses as JSON equal to {@code json} (compared as JSON trees, so key order does not matter). */
  public ResponseAssert hasJsonBody(String json) {
    isNotNull();
    JsonNode expected = Json.read(json, JsonNode.class);
    JsonNode got;
    try {
      got = Json.read(actual.text(), JsonNode.class);
    } catch (RuntimeException e) {
      failWithMessage("Expected a JSON body equal to %s but the body is not JSON:%n%s", json, describe());
      return this;
    }
    if (!expected.equals(got)) {
      failWithMessage("Expected JSON body:%n  %s%nbut got:%n%s", expected, describe());
    }
    return this;
  }

  /** Parses the body as JSON into {@code type} and runs assertions on it. */
  public <T> ResponseAssert hasJsonBodySatisfying(Class<T> type, Consumer<T> requirements) {
    isNotNull();
    requirements.accept(actual.json(type));
    return this;
  }
}
