package dev.miniflare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miniflare.http.Request;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The worker-visible globals installed by the runtime, including the lazily loaded ones. */
class WebGlobalsTest {
  static Miniflare mf;

  @BeforeAll
  static void start() {
    mf = Miniflare.builder().worker(w -> w.modules(true).unsafeEval(true).script(
        "export default { async fetch(req) { const code = await req.text();"
            + " try { return Response.json({ ok: await (new Function('return (async () => {' + code + '})()'))() }); }"
            + " catch (e) { return Response.json({ error: e.name, message: e.message }); } } }")).build();
  }

  @AfterAll
  static void stop() {
    mf.close();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> js(String code) {
    return mf.dispatchFetch(Request.post("http://localhost/", code)).json(Map.class);
  }

  @Test
  void navigatorCryptoAndSelf() {
    assertThat(js("return navigator.userAgent")).containsEntry("ok", "Cloudflare-Workers");
    assertThat((String) js("return crypto.randomUUID()").get("ok"))
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(js("return crypto.getRandomValues(new Uint8Array(8)).length")).containsEntry("ok", 8);
    assertThat(js("return crypto.getRandomValues(new Uint8Array(65537))")).containsEntry("error", "QuotaExceededError");
    // a DOMException named TypeMismatchError on workerd
    assertThat(js("return crypto.getRandomValues(new Float32Array(2))")).containsEntry("error", "TypeMismatchError");
    assertThat(js("return self === globalThis")).containsEntry("ok", true);
  }

  @Test
  void timersAndMicrotasks() {
    assertThat(js("const order = []; queueMicrotask(() => order.push('micro'));"
        + " await new Promise((r) => setTimeout(() => { order.push('timeout'); r(); }, 5));"
        + " let n = 0; await new Promise((r) => { const id = setInterval(() => { if (++n === 3) { clearInterval(id); r(); } }, 1); });"
        + " const cleared = setTimeout(() => order.push('never'), 1); clearTimeout(cleared);"
        + " await new Promise((r) => setTimeout(r, 10)); return [...order, n];"))
        .containsEntry("ok", List.of("micro", "timeout", 3));
  }

  @Test
  void lazilyLoadedApisWork() {
    assertThat(js("return [btoa('hi'), structuredClone(new Map([[1, 2]])).get(1), await new Blob(['x']).text(),"
        + " new AbortController().signal.aborted, typeof Event, new DOMException('m', 'DataCloneError').code]"))
        .containsEntry("ok", List.of("aGk=", 2, "x", false, "function", 25));
  }

  @Test
  void textDecoderAndStreamErrorsUseWorkerdWording() {
    assertThat(js("return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xff]))"))
        .containsEntry("error", "TypeError").containsEntry("message", "Failed to decode input.");
    assertThat(js("return new TextDecoder('no-such-encoding')"))
        .containsEntry("error", "RangeError").containsEntry("message", "\"no-such-encoding\" is not a valid encoding.");
    assertThat(js("const s = new ReadableStream(); s.getReader(); return s.getReader()"))
        .containsEntry("message", "This ReadableStream is currently locked to a reader.");
    assertThat(js("return new Response(new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('st'));"
        + " c.enqueue(new TextEncoder().encode('ream')); c.close(); } })).text()")).containsEntry("ok", "stream");
  }

  @Test
  void consoleGoesToTheLogSink() {
    List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (Miniflare logging = Miniflare.builder().logSink((worker, level, message) -> lines.add(worker + "|" + level + "|" + message))
        .worker(w -> w.name("talker").modules(true).unsafeEval(true).script(
            "export default { fetch() { console.log('n=%d', 3, { a: [1] }); console.error(new Error('bad'));"
                + " return new Response('ok'); } }")).build()) {
      logging.dispatchFetch("http://localhost/");
    }
    assertThat(lines.get(0)).isEqualTo("talker|info|n=3 { a: [ 1 ] }");
    assertThat(lines.get(1)).startsWith("talker|error|Error: bad");
  }

  @Test
  void incomingRequestsHaveCfAndResponseJsonSetsItsContentType() {
    try (Miniflare cf = Miniflare.builder().worker(w -> w.modules(true).unsafeEval(true).script(
        "export default { fetch(req) { return Response.json({ colo: req.cf.colo, country: req.cf.country,"
            + " own: new Request('http://x/').cf === undefined, copied: new Request(req).cf.colo }, { status: 201,"
            + " headers: { 'x-a': '1' } }); } }")).build()) {
      var res = cf.dispatchFetch("http://localhost/");
      assertThat(res.status()).isEqualTo(201);
      assertThat(res.header("content-type")).isEqualTo("application/json");
      assertThat(res.header("x-a")).isEqualTo("1");
      assertThat(res.json(Map.class)).isEqualTo(Map.of("colo", "DFW", "country", "US", "own", true, "copied", "DFW"));
    }
  }

  @Test
  void formDataRoundTripsThroughMultipartAndUrlencodedBodies() {
    assertThat(js("const fd = new FormData(); fd.append('a', '1'); fd.append('f', new File(['hi'], 'h.txt', { type: 'text/plain' }));"
        + " fd.append('a', '2'); const back = await new Response(fd).formData();"
        + " const f = back.get('f'); return [back.getAll('a'), f.name, f.type, await f.text()]"))
        .containsEntry("ok", List.of(List.of("1", "2"), "h.txt", "text/plain", "hi"));
    assertThat(js("const r = new Request('http://x/', { method: 'POST', body: new URLSearchParams('k=v+w&k=2') });"
        + " return (await r.formData()).getAll('k')")).containsEntry("ok", List.of("v w", "2"));
    assertThat(js("return new Response('x', { headers: { 'content-type': 'text/plain' } }).formData()"))
        .containsEntry("error", "TypeError");
  }

  @Test
  void subtleDigestUsesTheJdk() {
    assertThat(js("const h = await crypto.subtle.digest('SHA-256', new TextEncoder().encode('hello'));"
        + " return [...new Uint8Array(h)].map((b) => b.toString(16).padStart(2, '0')).join('')"))
        .containsEntry("ok", "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    assertThat(js("return crypto.subtle.digest('SHA-999', new Uint8Array(1))")).containsEntry("error", "NotSupportedError");
  }

  @Test
  void scheduledHandlersRunFromJavaAndFromTheTestEndpoint() {
    try (Miniflare cron = Miniflare.builder().worker(w -> w.modules(true).unsafeEval(true).kvNamespace("KV", "kv").script(
        "export default { async scheduled(c, env) { await env.KV.put('ran', c.cron + ' ' + typeof c.scheduledTime); },"
            + " fetch() { return new Response('x'); } }")).build()) {
      cron.worker().scheduled("0 * * * *");
      assertThat(cron.getKVNamespace("KV").get("ran")).isEqualTo("0 * * * * number");
      assertThat(cron.dispatchFetch("http://localhost/__scheduled?cron=*%2F5+*+*+*+*").text()).isEqualTo("Ran scheduled event");
      assertThat(cron.getKVNamespace("KV").get("ran")).isEqualTo("*/5 * * * * number");
    }
  }
}
