package dev.miniflare.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code node:stream} (+ {@code promises}, {@code web}, {@code consumers}) against workerd:
 * {@code stream.mjs} was run on workerd 1.20260426 (Miniflare 4, {@code nodejs_compat},
 * 2024-09-23) and its answer recorded in {@code stream.workerd.json}; each key must match.
 */
class NodeStreamTest {
  private static JsonNode workerd;
  private static JsonNode ours;

  @BeforeAll
  static void run() throws IOException {
    NodeWorkers.Recorded answers = NodeWorkers.recorded("stream");
    workerd = answers.workerd();
    ours = answers.ours();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"pipeline", "text", "json", "iter", "err", "finished", "pt", "writeErr", "afterEnd", "web",
      "toWeb", "als", "objectMode"})
  void matchesWorkerd(String key) {
    assertThat(ours.get(key)).isEqualTo(workerd.get(key));
  }
}
