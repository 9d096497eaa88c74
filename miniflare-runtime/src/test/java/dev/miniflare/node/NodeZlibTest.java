package dev.miniflare.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code node:zlib} (gzip, deflate, raw deflate; sync, callback and stream forms) against workerd:
 * {@code zlib.mjs} was run on workerd 1.20260426 (Miniflare 4, {@code nodejs_compat},
 * 2024-09-23) and its answer recorded in {@code zlib.workerd.json}; each key must match.
 */
class NodeZlibTest {
  private static JsonNode workerd;
  private static JsonNode ours;

  @BeforeAll
  static void run() throws IOException {
    NodeWorkers.Recorded answers = NodeWorkers.recorded("zlib");
    workerd = answers.workerd();
    ours = answers.ours();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sync", "cb", "err", "err2", "stream", "crc", "level"})
  void matchesWorkerd(String key) {
    // compressed bytes included: the JDK links the same zlib, and the gzip header is written as Node writes it
    assertThat(ours.get(key)).isEqualTo(workerd.get(key));
  }

  @Test
  void brotliIsMissingWithAReason() {
    // workerd has brotli; the JDK has no brotli codec
    assertThat(workerd.get("brotli").asText()).isEqualTo("br");
    assertThat(ours.get("brotli").asText()).isEqualTo("The brotliCompressSync method is not implemented (no brotli in the JDK)");
    // constants: Z_OK, Z_BEST_COMPRESSION, Z_DATA_ERROR as on workerd; brotliCompressSync exists (and throws)
    assertThat(ours.get("consts")).isEqualTo(workerd.get("consts"));
  }
}
