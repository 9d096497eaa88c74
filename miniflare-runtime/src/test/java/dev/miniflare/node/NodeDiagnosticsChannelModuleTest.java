package dev.miniflare.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code node:diagnostics_channel} and {@code node:module} against workerd:
 * {@code diagnostics-channel-module.mjs} was run on workerd 1.20260426 (Miniflare 4, {@code nodejs_compat},
 * 2024-09-23) and its answer recorded in {@code diagnostics-channel-module.workerd.json}; each key must match.
 */
class NodeDiagnosticsChannelModuleTest {
  private static JsonNode workerd;
  private static JsonNode ours;

  @BeforeAll
  static void run() throws IOException {
    NodeWorkers.Recorded answers = NodeWorkers.recorded("diagnostics-channel-module");
    workerd = answers.workerd();
    ours = answers.ours();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"got", "traceSync", "tracePromise", "ev", "keys", "reqErr", "reqErr2", "crErr"})
  void matchesWorkerd(String key) {
    assertThat(ours.get(key)).isEqualTo(workerd.get(key));
  }

  @Test
  void channelsAreSharedByNameAndCountTheirSubscribers() {
    // workerd: [same channel, -, hasSubscribers("my-ch") before, -, instanceof Channel, -, after subscribe, ...];
    // its Channel objects answer undefined for hasSubscribers/name and unsubscribe (Node: booleans, as here)
    for (int i : new int[] {0, 2, 4, 6}) {
      assertThat(ours.get("dc").get(i)).isEqualTo(workerd.get("dc").get(i));
    }
    assertThat(ours.get("dc").toString()).isEqualTo("[true,false,false,\"my-ch\",true,true,true,true,false,false]");
  }

  @Test
  void requireOfCreateRequireLoadsBuiltins() {
    // [typeof require, typeof require("node:buffer").Buffer, typeof require("buffer").Buffer, require("events") === default]
    assertThat(ours.get("req")).isEqualTo(workerd.get("req"));
    // isBuiltin("node:buffer"), isBuiltin("fs"), isBuiltin("nope"); workerd lists 68 builtinModules, this runtime those it has
    for (int i = 0; i < 3; i++) {
      assertThat(ours.get("builtin").get(i)).isEqualTo(workerd.get("builtin").get(i));
    }
  }
}
