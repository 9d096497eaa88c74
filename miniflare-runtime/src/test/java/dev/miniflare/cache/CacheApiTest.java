package dev.miniflare.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.miniflare.Miniflare;
import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import dev.miniflare.storage.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CacheApiTest {
  /** Evaluates the request body as an async function body and returns its JSON (errors as name/message). */
  static final String EVAL_WORKER = "export default { async fetch(req, env) {"
      + " const body = await req.text();"
      + " try { const fn = new Function('return (async () => {' + body + '})()');"
      + "   const v = await fn(); return new Response(JSON.stringify({ ok: v === undefined ? null : v }));"
      + " } catch (e) { return new Response(JSON.stringify({ error: e.name, message: e.message })); } } }";

  Miniflare mf;

  @BeforeEach
  void start() {
    mf = Miniflare.builder().worker(w -> w.name("a").modules(true).unsafeEval(true).script(EVAL_WORKER))
        .worker(w -> w.name("b").modules(true).unsafeEval(true).script(EVAL_WORKER).routes("b.example/*"))
        .worker(w -> w.name("off").modules(true).unsafeEval(true).script(EVAL_WORKER).routes("off.example/*").cache(false))
        .build();
  }

  @AfterEach
  void stop() {
    mf.close();
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> js(String body) {
    return js("http://localhost/", body);
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> js(String url, String body) {
    return mf.dispatchFetch(Request.post(url, body)).json(Map.class);
  }

  static final String PUT_CACHED = "await caches.default.put('https://example.com/x',"
      + " new Response('cached', { headers: { 'cache-control': 'max-age=60', 'x-orig': '1' } }));";
  static final String MATCH = "const r = await caches.default.match('https://example.com/x');"
      + " return r ? [r.status, await r.text(), r.headers.get('x-orig'), r.headers.get('cf-cache-status')] : null;";

  @Test
  void putMatchDelete() {
    assertThat(js(PUT_CACHED + MATCH)).containsEntry("ok", List.of(200, "cached", "1", "HIT"));
    assertThat(js("return [await caches.default.delete('https://example.com/x'),"
        + " await caches.default.delete('https://example.com/x'),"
        + " (await caches.default.match('https://example.com/x')) ?? null]"))
        .containsEntry("ok", java.util.Arrays.asList(true, false, null));
  }

  @Test
  void putConsumesTheBodyAndMatchGivesAFreshImmutableResponse() {
    assertThat(js("const res = new Response('b', { headers: { 'cache-control': 'max-age=60' } });"
        + " await caches.default.put('https://example.com/x', res);"
        + " const m = await caches.default.match('https://example.com/x');"
        + " let err = null; try { m.headers.set('x', '1'); } catch (e) { err = e.message; }"
        + " return [res.bodyUsed, m.bodyUsed, err, m.headers.get('content-length'), m.headers.get('age')]"))
        .containsEntry("ok", List.of(true, false, "Can't modify immutable headers.", "1", "0"));
  }

  @Test
  void namedCachesAreSeparateFromTheDefaultOne() {
    assertThat(js("const mine = await caches.open('mine');"
        + " await mine.put('https://example.com/n', new Response('named', { headers: { 'cache-control': 'max-age=60' } }));"
        + " const again = await caches.open('mine');"
        + " return [await (await again.match('https://example.com/n')).text(),"
        + "  (await caches.default.match('https://example.com/n')) ?? null,"
        + "  (await (await caches.open('other')).match('https://example.com/n')) ?? null,"
        + "  caches.default === caches.default]"))
        .containsEntry("ok", java.util.Arrays.asList("named", null, null, true));
    assertThat(mf.cache("mine").match("https://example.com/n")).isPresent();
    assertThat(mf.defaultCache().match("https://example.com/n")).isEmpty();
  }

  @Test
  void nonGetRequestsAreRejectedWithWorkerdsMessage() {
    assertThat(js("await caches.default.put(new Request('https://example.com/x', { method: 'POST' }), new Response('x'))"))
        .containsEntry("error", "TypeError").containsEntry("message", "Cannot cache response to non-GET request.");
    assertThat(js("await caches.default.put('https://example.com/x', new Response('x', { status: 206 }))"))
        .containsEntry("message", "Cannot cache response to a range request (206 Partial Content).");
    assertThat(js("await caches.default.put('https://example.com/x', new Response('x', { headers: { vary: '*' } }))"))
        .containsEntry("message", "Cannot cache response with 'Vary: *' header.");
    assertThat(js("await caches.default.put('/relative', new Response('x'))")).containsEntry("message", "Invalid URL: /relative");
    assertThat(js("await caches.open('x'.repeat(1024))")).containsEntry("message", "Cache name is too long.");
    assertThat(js("new Cache()")).containsEntry("message", "Illegal constructor");
  }

  @Test
  void matchAndDeleteIgnoreOtherMethodsUnlessAsked() {
    assertThat(js(PUT_CACHED + " const post = new Request('https://example.com/x', { method: 'POST' });"
        + " return [(await caches.default.match(post)) ?? null, (await caches.default.match(post, { ignoreMethod: true })).status,"
        + "  await caches.default.delete(post), await caches.default.delete(post, { ignoreMethod: true })]"))
        .containsEntry("ok", java.util.Arrays.asList(null, 200, false, true));
  }

  @Test
  void uncacheableResponsesAreNotStored() {
    String body = "";
    for (String cc : List.of("no-store", "private, max-age=60", "no-cache, max-age=60", "")) {
      body += "await caches.default.put('https://example.com/" + cc.hashCode() + "', new Response('x', { headers: {"
          + (cc.isEmpty() ? "" : " 'cache-control': '" + cc + "'") + " } }));";
    }
    body += "await caches.default.put('https://example.com/cookie', new Response('x', { headers: {"
        + " 'cache-control': 'max-age=60', 'set-cookie': 'a=b' } }));";
    body += "await caches.default.put('https://example.com/500', new Response('x', { status: 500, headers: {"
        + " 'cache-control': 'max-age=60' } }));";
    body += "const hits = []; for (const k of ['" + "no-store".hashCode() + "', '" + "private, max-age=60".hashCode()
        + "', '" + "no-cache, max-age=60".hashCode() + "', '" + "".hashCode() + "', 'cookie', '500'])"
        + " hits.push((await caches.default.match('https://example.com/' + k)) !== undefined); return hits;";
    assertThat(js(body)).containsEntry("ok", List.of(false, false, false, false, false, false));
  }

  @Test
  void expiresByTheInstanceClock() {
    js(PUT_CACHED + "await caches.default.put('https://example.com/s', new Response('s', { headers:"
        + " { 'cache-control': 'max-age=10, s-maxage=120' } }));"
        + "await caches.default.put('https://example.com/e', new Response('e', { headers:"
        + " { expires: new Date(Date.now() + 30000).toUTCString() } }));");
    String probe = "const out = []; for (const k of ['x', 's', 'e'])"
        + " out.push((await caches.default.match('https://example.com/' + k)) !== undefined); return out;";
    assertThat(js(probe)).containsEntry("ok", List.of(true, true, true));
    mf.clock().advance(Duration.ofSeconds(31));
    assertThat(js(probe)).containsEntry("ok", List.of(true, true, false));
    mf.clock().advance(Duration.ofSeconds(30));
    assertThat(js(probe)).containsEntry("ok", List.of(false, true, false));
    assertThat(js("return caches.default.delete('https://example.com/x')")).containsEntry("ok", false);
    mf.clock().advance(Duration.ofSeconds(60));
    assertThat(js(probe)).containsEntry("ok", List.of(false, false, false));
  }

  @Test
  void conditionalAndRangeRequests() {
    mf.defaultCache().put("https://example.com/r", Response.builder(200).header("cache-control", "max-age=60")
        .header("etag", "\"v1\"").header("last-modified", "Wed, 21 Oct 2015 07:28:00 GMT").body("hello world").build());
    assertThat(js("const m = (h) => caches.default.match(new Request('https://example.com/r', { headers: h }));"
        + " const a = await m({ 'if-none-match': 'W/\"v1\"' }); const b = await m({ 'if-modified-since': 'Wed, 21 Oct 2015 07:28:00 GMT' });"
        + " const c = await m({ range: 'bytes=6-' }); const d = await m({ range: 'bytes=20-30' });"
        + " return [a.status, b.status, c.status, await c.text(), c.headers.get('content-range'),"
        + "  d.status, d.headers.get('content-range')]"))
        .containsEntry("ok", List.of(304, 304, 206, "world", "bytes 6-10/11", 416, "bytes */11"));
  }

  @Test
  void workersShareCachesUnlessDisabled() {
    js(PUT_CACHED);
    assertThat(js("http://b.example/", MATCH)).containsEntry("ok", List.of(200, "cached", "1", "HIT"));
    assertThat(js("http://off.example/", MATCH)).containsEntry("ok", null);
    assertThat(js("http://off.example/", "const r = new Response('y', { headers: { 'cache-control': 'max-age=60' } });"
        + " await caches.default.put('https://example.com/y', r);"
        + " return [r.bodyUsed, await caches.default.delete('https://example.com/x')]"))
        .containsEntry("ok", List.of(true, false));
    assertThat(mf.defaultCache().match("https://example.com/y")).isEmpty();
    assertThat(mf.defaultCache().match("https://example.com/x")).isPresent();
  }

  @Test
  void javaApiSeedsAndInspects() {
    Cache cache = mf.defaultCache();
    cache.put("https://EXAMPLE.com/x#frag", Response.builder(200).header("cache-control", "max-age=60")
        .header("x-orig", "1").body("cached").build());
    assertThat(js(MATCH)).containsEntry("ok", List.of(200, "cached", "1", "HIT"));
    js("await caches.default.put('https://example.com/w', new Response('from worker', { headers: { 'cache-control': 'max-age=60' } }))");
    Response hit = cache.match("https://example.com/w").orElseThrow();
    assertThat(hit.text()).isEqualTo("from worker");
    assertThat(hit.header("cf-cache-status")).isEqualTo("HIT");
    assertThat(cache.match(Request.builder("https://example.com/w").method("POST").build())).isEmpty();
    assertThatThrownBy(() -> cache.put(Request.builder("https://example.com/w").method("POST").build(), Response.text("x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("Cannot cache response to non-GET request.");
    assertThat(cache.delete("https://example.com/w")).isTrue();
    assertThat(cache.match("https://example.com/w")).isEmpty();
  }

  @Test
  void rollbackRemovesEntries() {
    Snapshot before = mf.snapshot();
    js(PUT_CACHED);
    assertThat(mf.defaultCache().match("https://example.com/x")).isPresent();
    mf.rollback(before);
    assertThat(mf.defaultCache().match("https://example.com/x")).isEmpty();
    assertThat(js(MATCH)).containsEntry("ok", null);
  }

  @Test
  void policyFollowsHttpCacheSemantics() {
    Map<String, String> none = Map.of();
    long now = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    assertThat(new CachePolicy(none, 200, Map.of("cache-control", "max-age=60"), now).timeToLiveMillis()).isEqualTo(60_000);
    assertThat(new CachePolicy(none, 200, Map.of("cache-control", "max-age=60", "age", "20"), now).timeToLiveMillis())
        .isEqualTo(40_000);
    assertThat(new CachePolicy(none, 200, Map.of("cache-control", "max-age=0, stale-while-revalidate=30"), now)
        .timeToLiveMillis()).isEqualTo(30_000);
    assertThat(new CachePolicy(Map.of("authorization", "x"), 200, Map.of("cache-control", "max-age=60"), now).storable())
        .isFalse();
    assertThat(new CachePolicy(Map.of("authorization", "x"), 200, Map.of("cache-control", "public, max-age=60"), now)
        .storable()).isTrue();
    // last-modified heuristic: 10% of the time since the modification
    assertThat(new CachePolicy(none, 200, Map.of("last-modified", "Sun, 31 Dec 2023 23:00:00 GMT"), now).timeToLiveMillis())
        .isEqualTo(360_000);
    assertThat(new CachePolicy(none, 200, Map.of("cache-control", "max-age=60", "connection", "close, x-hop",
        "x-hop", "1", "keep-alive", "5"), now).responseHeaders())
        .containsOnlyKeys("cache-control", "age", "date").containsEntry("date", "Mon, 01 Jan 2024 00:00:00 GMT");
  }
}
