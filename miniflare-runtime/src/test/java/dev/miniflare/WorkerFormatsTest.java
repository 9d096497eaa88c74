package dev.miniflare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import org.junit.jupiter.api.Test;

class WorkerFormatsTest {
  @Test
  void modulesWorkerAnswers() {
    try (Miniflare mf = Miniflare.builder()
        .worker(w -> w.name("hello").modules(true).script(
            "export default { async fetch(req, env, ctx) { const u = new URL(req.url);"
                + " return new Response(`hi ${req.method} ${u.pathname} ${await req.text()} ${typeof ctx.waitUntil}`,"
                + " { headers: { 'x-a': 'b' } }); } }"))
        .build()) {
      Response r = mf.dispatchFetch(Request.post("http://localhost/p?q=1", "body"));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.text()).isEqualTo("hi POST /p body function");
      assertThat(r.header("x-a")).isEqualTo("b");
      assertThat(r.header("content-type")).isEqualTo("text/plain;charset=UTF-8");
    }
  }

  @Test
  void serviceWorkerSeesBindingsAsGlobals() {
    try (Miniflare mf = Miniflare.builder()
        .worker(w -> w.name("sw").script(
            "addEventListener('fetch', (e) => e.respondWith(handle(e.request)));"
                + "async function handle(req) { const n = parseInt((await COUNTS.get('n')) ?? '0') + 1;"
                + " await COUNTS.put('n', String(n)); return new Response(GREETING + ' ' + n + ' ' + (self === globalThis)); }")
            .kvNamespace("COUNTS", "counts").binding("GREETING", "count"))
        .build()) {
      assertThat(mf.dispatchFetch("http://localhost/").text()).isEqualTo("count 1 true");
      assertThat(mf.dispatchFetch("http://localhost/").text()).isEqualTo("count 2 true");
      assertThat(mf.getKVNamespace("COUNTS").get("n")).isEqualTo("2");
    }
  }

  @Test
  void uncaughtErrorsGive500AndTheWorkerKeepsServing() {
    try (Miniflare mf = Miniflare.builder()
        .worker(w -> w.modules(true).script(
            "export default { async fetch(req) { const p = new URL(req.url).pathname;"
                + " if (p === '/throw') throw new Error('boom');"
                + " if (p === '/str') return 'just a string';"
                + " return new Response('alive'); } }"))
        .build()) {
      Response thrown = mf.dispatchFetch("http://localhost/throw");
      assertThat(thrown.status()).isEqualTo(500);
      assertThat(thrown.text()).startsWith("Error: boom").contains("worker.mjs");
      Response str = mf.dispatchFetch("http://localhost/str");
      assertThat(str.status()).isEqualTo(500);
      assertThat(str.text()).contains("TypeError: Incorrect type for Promise: the Promise did not resolve to 'Response'.");
      assertThat(mf.dispatchFetch("http://localhost/").text()).isEqualTo("alive");
    }
  }

  @Test
  void syntaxErrorAtStartupNamesFileAndLine() {
    assertThatThrownBy(() -> Miniflare.builder()
        .worker(w -> w.name("broken").modules(true).script("export default {\n  fetch() { return new Response( }\n};"))
        .build())
        .isInstanceOf(MiniflareException.class)
        .hasMessageContaining("Worker \"broken\" failed to start")
        .hasMessageContaining("SyntaxError")
        .hasMessageContaining("worker.mjs:2");
  }

  @Test
  void seedExampleTwoWorkersAndJavaFunction() {
    try (Miniflare mf = Miniflare.builder()
        .worker(w -> w.name("main").modules(true)
            .script("export default { async fetch(request, env, ctx) {"
                + " const text = await (await env.TEXT.fetch('http://x/')).text();"
                + " await env.COUNTER.fetch('http://x/'); await env.COUNTER.fetch('http://x/');"
                + " const count = await (await env.COUNTER.fetch('http://x/')).text();"
                + " return new Response(text + count); } }")
            .serviceBinding("COUNTER", "counter")
            .serviceBinding("TEXT", req -> Response.text("The count is ")))
        .worker(w -> w.name("counter")
            .script("let count = 0; addEventListener('fetch', (e) => e.respondWith(new Response(String(++count))));"))
        .build()) {
      assertThat(mf.dispatchFetch("http://localhost").text()).isEqualTo("The count is 3");
    }
  }

  @Test
  void runawayScriptIsInterruptedWithAClearErrorAndTheWorkerRecovers() {
    try (Miniflare mf = Miniflare.builder()
        .cpuTimeLimit(java.time.Duration.ofMillis(300))
        .worker(w -> w.name("spin").modules(true).script(
            "export default { fetch(req) { if (req.url.endsWith('/spin')) { while (true) {} }"
                + " return new Response('ok'); } }"))
        .build()) {
      Response r = mf.dispatchFetch("http://localhost/spin");
      assertThat(r.status()).isEqualTo(500);
      assertThat(r.text()).contains("Worker exceeded CPU time limit.");
      assertThat(mf.dispatchFetch("http://localhost/").text()).isEqualTo("ok");
    }
  }

  @Test
  void waitUntilWorkFinishesBeforeClose() {
    Miniflare mf = Miniflare.builder()
        .worker(w -> w.modules(true).kvNamespace("KV", "kv").script(
            "export default { fetch(req, env, ctx) {"
                + " ctx.waitUntil(new Promise((r) => setTimeout(r, 100)).then(() => env.KV.put('later', 'done')));"
                + " return new Response('accepted'); } }"))
        .build();
    assertThat(mf.dispatchFetch("http://localhost/").text()).isEqualTo("accepted");
    var kv = mf.getKVNamespace("KV");
    assertThat(kv.get("later")).isNull();
    mf.close();
    assertThat(kv.get("later")).isEqualTo("done");
  }

  @Test
  void builderPortServesOverHttp() throws Exception {
    try (Miniflare mf = Miniflare.builder().port(0)
        .worker(w -> w.modules(true).script("export default { fetch(req) { return new Response('over http ' + req.method); } }"))
        .build()) {
      var client = java.net.http.HttpClient.newHttpClient();
      var res = client.send(java.net.http.HttpRequest.newBuilder(mf.url()).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(res.body()).isEqualTo("over http GET");
    }
  }

  @Test
  void nodeBuiltInModulesFailWithAReasonTheAuthorCanActOn() {
    assertThatThrownBy(() -> Miniflare.builder().port(-1).worker(w -> w.modules(true)
        .compatibilityFlags("nodejs_compat")
        // a module workerd has that is not implemented here yet (the implemented ones: dev.miniflare.node tests)
        .script("import tls from 'node:tls'; export default { fetch() { return new Response('x'); } };"))
        .build())
        .isInstanceOf(MiniflareException.class)
        .hasMessageContaining("'node:tls'")
        .hasMessageContaining("node:tls is not supported by Miniflare for Java yet");
  }
}
