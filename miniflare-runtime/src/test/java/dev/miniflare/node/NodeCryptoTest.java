package dev.miniflare.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code node:crypto} (hashes, HMAC, random values, timingSafeEqual, PBKDF2, HKDF, webcrypto) against workerd:
 * {@code crypto.mjs} was run on workerd 1.20260426 (Miniflare 4, {@code nodejs_compat},
 * 2024-09-23) and its answer recorded in {@code crypto.workerd.json}; each key must match.
 */
class NodeCryptoTest {
  private static JsonNode workerd;
  private static JsonNode ours;

  @BeforeAll
  static void run() throws IOException {
    NodeWorkers.Recorded answers = NodeWorkers.recorded("crypto");
    workerd = answers.workerd();
    ours = answers.ours();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"hash", "hashEnc", "hmac", "tse", "rand", "pbkdf2", "hkdf"})
  // (not "hashes": getHashes() lists what the JDK has, workerd starts with md4)
  void matchesWorkerd(String key) {
    assertThat(ours.get(key)).isEqualTo(workerd.get(key));
  }

  @ParameterizedTest(name = "error {0}")
  @ValueSource(ints = {0, 1, 2, 3, 4, 6, 7})
  void errorsMatchWorkerd(int index) {
    assertThat(ours.get("errs").get(index)).isEqualTo(workerd.get("errs").get(index));
  }

  @Test
  void randomIntRefusesAnEmptyRangeWithNodesText() {
    // workerd words this "It must be min < max. Received 5"; Node and this runtime name both bounds
    assertThat(ours.get("errs").get(5).asText()).isEqualTo("RangeError / ERR_OUT_OF_RANGE / The value of \"max\" is "
        + "out of range. It must be greater than the value of \"min\" (5). Received 1");
  }

  @Test
  void webcryptoIsTheGlobalCrypto() {
    // [webcrypto === crypto, subtle === crypto.subtle, webcrypto.subtle === subtle, typeof createCipheriv]
    for (int i = 0; i < 4; i++) {
      assertThat(ours.get("web").get(i)).isEqualTo(workerd.get("web").get(i));
    }
  }
}
