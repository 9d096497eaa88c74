package dev.miniflare.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.miniflare.MiniflareException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How compatibility dates and flags select Node.js compatibility, and what importing a {@code node:} module does
 * without it. Expected values are workerd's answers (workerd 1.20260426 through Miniflare 4).
 */
class NodeCompatSelectionTest {
  private static final String GLOBALS = "export default { fetch() { return new Response(["
      + "typeof globalThis.Buffer, typeof globalThis.process, typeof globalThis.global, typeof globalThis.setImmediate,"
      + " typeof globalThis.clearImmediate, typeof globalThis.AsyncContext].join()); } };";

  @Test
  void flagsAndDatesSelectAsWorkerdDoes() {
    assertThat(NodeCompat.of("2024-09-22", List.of("nodejs_compat")))
        .isEqualTo(new NodeCompat(true, false, true, false));
    assertThat(NodeCompat.of("2024-09-23", List.of("nodejs_compat")))
        .isEqualTo(new NodeCompat(true, true, true, false));
    assertThat(NodeCompat.of("2025-04-01", List.of("nodejs_compat")))
        .isEqualTo(new NodeCompat(true, true, true, true));
    assertThat(NodeCompat.of("2025-04-01", List.of("nodejs_compat", "nodejs_compat_do_not_populate_process_env")))
        .isEqualTo(new NodeCompat(true, true, true, false));
    assertThat(NodeCompat.of("2024-01-01", List.of("nodejs_compat", "nodejs_compat_populate_process_env")))
        .isEqualTo(new NodeCompat(true, false, true, true));
    assertThat(NodeCompat.of("2024-09-23", List.of("nodejs_compat", "no_nodejs_compat_v2")))
        .isEqualTo(new NodeCompat(true, false, true, false));
    assertThat(NodeCompat.of("2024-01-01", List.of("nodejs_compat_v2"))).matches(c -> c.modules() && c.v2());
    assertThat(NodeCompat.of("2024-09-23", List.of("nodejs_als")))
        .isEqualTo(new NodeCompat(false, false, true, false));
    assertThat(NodeCompat.of("2024-09-23", List.of())).isEqualTo(NodeCompat.NONE);
    // on by default from 2026-08-04, unless turned off
    assertThat(NodeCompat.of("2026-08-04", List.of())).matches(c -> c.modules() && c.v2() && c.populateProcessEnv());
    assertThat(NodeCompat.of("2026-08-03", List.of())).isEqualTo(NodeCompat.NONE);
    assertThat(NodeCompat.of("2026-08-04", List.of("no_nodejs_compat", "no_nodejs_compat_v2")))
        .isEqualTo(NodeCompat.NONE);
    // no date: off unless a flag asks (see NodeCompat.of)
    assertThat(NodeCompat.of(null, List.of())).isEqualTo(NodeCompat.NONE);
  }

  @Test
  void v2PutsTheNodeGlobalsOnTheGlobalScopeAndHidesAsyncContext() {
    // workerd: "function,object,object,function,function,undefined" from 2024-09-23, none before
    assertThat(NodeWorkers.fetchText("2024-09-23", GLOBALS, "nodejs_compat"))
        .isEqualTo("function,object,object,function,function,undefined");
    assertThat(NodeWorkers.fetchText("2024-09-22", GLOBALS, "nodejs_compat"))
        .isEqualTo("undefined,undefined,undefined,undefined,undefined,undefined");
    assertThat(NodeWorkers.fetchText("2024-09-23", GLOBALS))
        .isEqualTo("undefined,undefined,undefined,undefined,undefined,undefined");
  }

  @Test
  void serviceWorkerFormatGetsTheGlobalsToo() {
    String script = "addEventListener('fetch', (e) => e.respondWith(new Response("
        + "Buffer.from('hi').toString('base64') + ' ' + process.env.GREETING + ' ' + (global === globalThis))));";
    try (dev.miniflare.Miniflare mf = dev.miniflare.Miniflare.builder().worker(w -> w.script(script)
        .compatibilityDate("2025-04-01").compatibilityFlags("nodejs_compat").binding("GREETING", "hello")).build()) {
      assertThat(mf.dispatchFetch("http://localhost/").text()).isEqualTo("aGk= hello true");
    }
  }

  private static final String IMPORTS = "export default { async fetch() { const out = [];"
      + " for (const m of ['node:buffer', 'buffer', 'node:async_hooks', 'async_hooks', 'node:events',"
      + "   'node:timers/promises', 'node:fs', 'node:nope']) {"
      // GraalJS puts "Error reading module 'node:fs' imported from /worker/worker.mjs: " before workerd's text,
      // and reports a bare name that is no module as "Cannot find module 'buffer' ..." (workerd: No such module)
      + "  try { await import(m); out.push(m + ' ok'); } catch (e) {"
      + "   out.push(m + ' ' + e.message.split('\\n')[0].replace(/^Error reading module .*?: /, '')"
      + "     .replace(/^Cannot find module '(.*)' imported from .*$/, 'No such module \"$1\".')); } }"
      + " return new Response(out.join('\\n')); } };";

  @Test
  void bareNamesResolveOnlyWithV2AndUnknownModulesFailAsOnWorkerd() {
    assertThat(NodeWorkers.fetchText("2024-09-23", IMPORTS, "nodejs_compat").split("\n")).containsExactly(
        "node:buffer ok", "buffer ok", "node:async_hooks ok", "async_hooks ok", "node:events ok",
        "node:timers/promises ok", "node:fs No such module \"node:fs\".", "node:nope No such module \"node:nope\".");
    assertThat(NodeWorkers.fetchText("2024-09-22", IMPORTS, "nodejs_compat").split("\n")).containsExactly(
        "node:buffer ok", "buffer No such module \"buffer\".", "node:async_hooks ok",
        "async_hooks No such module \"async_hooks\".", "node:events ok", "node:timers/promises ok",
        "node:fs No such module \"node:fs\".", "node:nope No such module \"node:nope\".");
  }

  @Test
  void nodejsAlsAloneGivesOnlyAsyncHooks() {
    assertThat(NodeWorkers.fetchText("2024-09-23", IMPORTS, "nodejs_als").split("\n")).containsExactly(
        "node:buffer No such module \"node:buffer\".", "buffer No such module \"buffer\".", "node:async_hooks ok",
        "async_hooks No such module \"async_hooks\".", "node:events No such module \"node:events\".",
        "node:timers/promises No such module \"node:timers/promises\".", "node:fs No such module \"node:fs\".",
        "node:nope No such module \"node:nope\".");
  }

  @Test
  void staticImportWithoutTheFlagFailsAtStartupNamingTheFlag() {
    assertThatThrownBy(() -> NodeWorkers.fetchText("2024-09-23",
        "import { Buffer } from 'node:buffer'; export default { fetch() { return new Response('x'); } };"))
        .isInstanceOf(MiniflareException.class)
        .hasMessageContaining("No such module \"node:buffer\".")
        .hasMessageContaining("Enable the `nodejs_compat` compatibility flag");
  }
}
