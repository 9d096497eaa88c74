package dev.miniflare.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code node:querystring}, {@code node:url} and {@code node:assert} (+ {@code strict}) against workerd:
 * {@code querystring-url-assert.mjs} was run on workerd 1.20260426 (Miniflare 4, {@code nodejs_compat},
 * 2024-09-23) and its answer recorded in {@code querystring-url-assert.workerd.json}; each key must match.
 */
class NodeQuerystringUrlAssertTest {
  private static JsonNode workerd;
  private static JsonNode ours;

  @BeforeAll
  static void run() throws IOException {
    NodeWorkers.Recorded answers = NodeWorkers.recorded("querystring-url-assert");
    workerd = answers.workerd();
    ours = answers.ours();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"qs", "url", "legacy", "f2pErr", "errs", "rejects", "strictSame"})
  void matchesWorkerd(String key) {
    assertThat(ours.get(key)).isEqualTo(workerd.get(key));
  }
}
