package dev.miniflare.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code node:buffer} against workerd: {@code workers/node/buffer.mjs} was run on workerd 1.20260426 (Miniflare 4,
 * {@code nodejs_compat}, 2024-09-23) and its answer recorded in {@code buffer.workerd.json}; each key must match.
 */
class NodeBufferTest {
  private static final Path DIR = Path.of("src/test/resources/workers/node");
  private static JsonNode workerd;
  private static JsonNode ours;

  @BeforeAll
  static void run() throws IOException {
    NodeWorkers.Recorded answers = NodeWorkers.recorded("buffer");
    workerd = answers.workerd();
    ours = answers.ours();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"enc", "from", "byteLength", "misc", "write", "inspect", "tcode"})
  void matchesWorkerd(String key) {
    assertThat(ours.get(key)).isEqualTo(workerd.get(key));
  }

  @org.junit.jupiter.api.Test
  void offsetAndValueChecksMatchWorkerd() throws IOException {
    // one line per call: method, argument, then workerd's code and message; BigInt reads are left out (workerd
    // coerces their offset with >>> 0 first and then reports odd bounds, not reproduced here)
    String[] expected = Files.readString(DIR.resolve("buffer-offsets.workerd.txt")).strip().split("\n");
    String[] actual = NodeWorkers.fetchText("2024-09-23", Files.readString(DIR.resolve("buffer-offsets.mjs")),
        "nodejs_compat").split("\n");
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      if (!expected[i].startsWith("readBigUInt64LE")) {
        assertThat(actual[i]).isEqualTo(expected[i]);
      }
    }
  }

  @ParameterizedTest(name = "error {0}")
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8})
  void errorsMatchWorkerd(int index) {
    // "name / code / message", as code that checks err.code sees them
    assertThat(ours.get("errs").get(index).asText()).isEqualTo(workerd.get("errs").get(index).asText());
  }
}
