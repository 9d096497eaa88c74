package dev.miniflare.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miniflare.Miniflare;
import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** {@code node:async_hooks}: AsyncLocalStorage follows the async context as on workerd, per request. */
class AsyncLocalStorageTest {

  @Test
  void storeFollowsAwaitTimersMicrotasksListenersAndImmediatesAsOnWorkerd() throws IOException {
    String script = Files.readString(Path.of("src/test/resources/workers/node/async-local-storage.mjs"));
    // workerd 1.20260426's answer (Miniflare 4, nodejs_compat, 2024-09-23)
    assertThat(NodeWorkers.fetchPath("2024-09-23", script, "/?id=a", "nodejs_compat")).isEqualTo("{\"outside\":null,"
        + "\"run\":[\"a\",\"a\",\"a\",\"a\",\"ev:inner\",\"bound:a\",\"snap:a\",\"exit:undefined\",\"imm:a\"],"
        + "\"enterWith\":\"function\",\"ew\":\"Error: asyncLocalStorage.enterWith() is not implemented\","
        + "\"runErr\":[\"TypeError\",null,\"Failed to execute 'run' on 'AsyncLocalStorage': parameter 1 is not of type 'Value'.\"],"
        + "\"res\":\"R\",\"name\":\"\",\"ctorLen\":0}");
  }

  @Test
  void nodejsAlsAloneIsEnough() {
    String script = "import { AsyncLocalStorage } from 'node:async_hooks'; const als = new AsyncLocalStorage();"
        + " export default { fetch() { return als.run('s', async () => { await new Promise((r) => setTimeout(r, 1));"
        + " return new Response(String(als.getStore())); }); } };";
    assertThat(NodeWorkers.fetchText("2024-09-23", script, "nodejs_als")).isEqualTo("s");
  }

  /**
   * Two requests in one isolate, each with its own store, finishing their timers in the opposite order to their
   * start and touching a promise the other request resolves: each sees only its own store at every step, and
   * the store reaches its waitUntil work too.
   */
  @Test
  void concurrentRequestsInOneIsolateNeverSeeEachOthersStore() throws Exception {
    String script = "import { AsyncLocalStorage } from 'node:async_hooks'; const als = new AsyncLocalStorage();"
        + " let release; const gate = new Promise((r) => { release = r; }); const seen = [];"
        + " export default { async fetch(req, env, ctx) { const id = new URL(req.url).searchParams.get('id');"
        + "  if (id === null) { while (seen.length < 2) await new Promise((r) => setTimeout(r, 1));"
        + "   return new Response(seen.sort().join()); }"
        + "  return als.run(id, async () => { const steps = [als.getStore()];"
        + "   await new Promise((r) => setTimeout(r, id === 'a' ? 60 : 5)); steps.push(als.getStore());"
        + "   if (id === 'b') release(); else await gate; steps.push(als.getStore());"
        + "   await gate.then(() => steps.push('then:' + als.getStore()));"
        + "   ctx.waitUntil(new Promise((r) => setTimeout(() => { seen.push(id + '=' + als.getStore()); r(); }, 5)));"
        + "   queueMicrotask(() => steps.push('micro:' + als.getStore())); await null;"
        + "   return new Response(steps.join(',')); }); } };";
    try (Miniflare mf = NodeWorkers.start("2024-09-23", script, "nodejs_compat")) {
      CompletableFuture<Response> a = mf.dispatchFetchAsync(Request.get("http://localhost/?id=a"));
      CompletableFuture<Response> b = mf.dispatchFetchAsync(Request.get("http://localhost/?id=b"));
      assertThat(a.get().text()).isEqualTo("a,a,a,then:a,micro:a");
      assertThat(b.get().text()).isEqualTo("b,b,b,then:b,micro:b");
      assertThat(mf.dispatchFetch("http://localhost/").text()).isEqualTo("a=a,b=b");
    }
  }
}
