package dev.miniflare.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code node:events}, {@code node:process}, {@code node:timers} and {@code node:timers/promises} against workerd:
 * {@code events-process-timers.mjs} was run on workerd 1.20260426 (Miniflare 4, {@code nodejs_compat},
 * 2024-09-23) and its answer recorded in {@code events-process-timers.workerd.json}; each key must match.
 */
class NodeEventsProcessTimersTest {
  private static JsonNode workerd;
  private static JsonNode ours;

  @BeforeAll
  static void run() throws IOException {
    NodeWorkers.Recorded answers = NodeWorkers.recorded("events-process-timers");
    workerd = answers.workerd();
    ours = answers.ours();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"log", "errs", "meta", "once", "on", "onAfter", "order", "timeout", "sleep", "immediate",
      "sched", "abort", "proc", "imm"})
  void matchesWorkerd(String key) {
    assertThat(ours.get(key)).isEqualTo(workerd.get(key));
  }

  @Test
  void processEnvHoldsTextBindingsWhenPopulated() {
    String script = "export default { fetch() { return new Response(JSON.stringify(process.env)); } };";
    // NodeWorkers binds GREETING = "hello"; from 2025-04-01 nodejs_compat populates process.env
    assertThat(NodeWorkers.fetchText("2025-04-01", script, "nodejs_compat")).isEqualTo("{\"GREETING\":\"hello\"}");
    assertThat(NodeWorkers.fetchText("2025-03-31", script, "nodejs_compat")).isEqualTo("{}");
  }
}
