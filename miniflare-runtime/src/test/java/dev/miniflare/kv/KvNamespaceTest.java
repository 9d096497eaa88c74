package dev.miniflare.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.miniflare.Miniflare;
import dev.miniflare.http.Request;
import dev.miniflare.storage.Snapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KvNamespaceTest {
  /** Evaluates the request body as an async function body with {@code KV} in scope and returns its JSON. */
  static final String EVAL_WORKER = "export default { async fetch(req, env) {"
      + " const body = await req.text(); const KV = env.KV;"
      + " try { const fn = new Function('KV', 'return (async () => {' + body + '})()');"
      + "   const v = await fn(KV); return new Response(JSON.stringify({ ok: v === undefined ? null : v }));"
      + " } catch (e) { return new Response(JSON.stringify({ error: e.name, message: e.message })); } } }";

  Miniflare mf;
  KVNamespace kv;

  @BeforeEach
  void start() {
    mf = Miniflare.builder().worker(w -> w.modules(true).unsafeEval(true).script(EVAL_WORKER).kvNamespace("KV", "ns")).build();
    kv = mf.getKVNamespace("KV");
  }

  @AfterEach
  void stop() {
    mf.close();
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> js(String body) {
    return mf.dispatchFetch(Request.post("http://localhost/", body)).json(Map.class);
  }

  @Test
  void javaAndWorkerSeeTheSameData() {
    kv.put("a", "from java");
    assertThat(js("return KV.get('a')")).containsEntry("ok", "from java");
    js("await KV.put('b', 'from js', { metadata: { n: 1 } })");
    assertThat(kv.get("b")).isEqualTo("from js");
    assertThat(kv.getWithMetadata("b").metadata().get("n").asInt()).isEqualTo(1);
    kv.delete("a");
    assertThat(js("return KV.get('a')")).containsEntry("ok", null);
  }

  @Test
  void jsonVariantsUseJackson() {
    record User(String name, int age) {}
    kv.putJson("u", new User("ada", 36));
    assertThat(kv.getJson("u", User.class)).isEqualTo(new User("ada", 36));
    assertThat(js("return (await KV.get('u', 'json')).age")).containsEntry("ok", 36);
  }

  @Test
  void listsInUtf8ByteOrderWithPagination() {
    // U+FFFF sorts before U+10000 in UTF-8 (and code point) order, but after it in UTF-16 code unit order
    for (String k : List.of("b", "a", "\uFFFF", "\uD800\uDC00", "ab", "c")) {
      kv.put(k, "v");
    }
    assertThat(kv.keys()).containsExactly("a", "ab", "b", "c", "\uFFFF", "\uD800\uDC00");
    KVListResult first = kv.list(new KVListOptions(null, 4, null));
    assertThat(first.keys()).extracting(KVEntry::name).containsExactly("a", "ab", "b", "c");
    assertThat(first.listComplete()).isFalse();
    KVListResult second = kv.list(new KVListOptions(null, 4, first.cursor()));
    assertThat(second.keys()).extracting(KVEntry::name).containsExactly("\uFFFF", "\uD800\uDC00");
    assertThat(second.listComplete()).isTrue();
    assertThat(second.cursor()).isNull();
    assertThat(js("const r = await KV.list({ prefix: 'a' });"
        + " return [r.keys.map(k => k.name), r.list_complete, r.cacheStatus === null, 'cursor' in r]"))
        .containsEntry("ok", List.of(List.of("a", "ab"), true, true, false));
  }

  @Test
  void listPagesThroughCursorInJs() {
    for (int i = 0; i < 25; i++) {
      kv.put(String.format("k%02d", i), "v");
    }
    Map<String, Object> r = js("let cursor; const names = []; let pages = 0;"
        + " do { const page = await KV.list({ limit: 10, cursor }); pages++; names.push(...page.keys.map(k => k.name));"
        + " cursor = page.list_complete ? undefined : page.cursor; } while (cursor); return [pages, names.length, names[24]];");
    assertThat(r).containsEntry("ok", List.of(3, 25, "k24"));
  }

  @Test
  void entriesExpireByTheInstanceClock() {
    kv.put("session", "x", KVPutOptions.expirationTtl(60));
    js("await KV.put('js', 'y', { expirationTtl: 120 })");
    assertThat(kv.list().keys()).allSatisfy(k -> assertThat(k.expiration()).isNotNull());
    mf.clock().advance(Duration.ofSeconds(61));
    assertThat(kv.get("session")).isNull();
    assertThat(js("return KV.get('js')")).containsEntry("ok", "y");
    assertThat(kv.keys()).containsExactly("js");
    mf.clock().advance(Duration.ofSeconds(60));
    assertThat(js("return KV.get('js')")).containsEntry("ok", null);
  }

  @Test
  void validationMatchesTheRuntime() {
    assertThatThrownBy(() -> kv.put("", "v")).isInstanceOf(KvException.class).hasMessage("Key name cannot be empty.");
    assertThatThrownBy(() -> kv.put("k", "v", KVPutOptions.expirationTtl(30)))
        .hasMessage("KV PUT failed: 400 Invalid expiration_ttl of 30. Expiration TTL must be at least 60.");
    assertThat(js("return KV.list({ limit: 1001 })")).containsEntry("error", "Error").containsEntry("message",
        "KV GET failed: 400 Invalid key_count_limit of 1001. Please specify an integer less than 1000.");
    assertThat(js("return KV.get('k', { cacheTtl: 10 })")).containsEntry("message",
        "KV GET failed: 400 Invalid cache_ttl of 10. Cache TTL must be at least 30.");
    assertThat(js("return KV.get('x'.repeat(513))")).containsEntry("message",
        "KV GET failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512.");
    assertThat(js("return KV.delete('..')")).containsEntry("error", "TypeError");
    long soon = mf.clock().millis() / 1000 + 30;
    assertThat(js("return KV.put('k', 'v', { expiration: " + soon + " })")).containsEntry("message",
        "KV PUT failed: 400 Invalid expiration of " + soon + ". Expiration times must be at least 60 seconds in the future.");
  }

  @Test
  void binaryValuesRoundTrip() {
    assertThat(js("await KV.put('bin', new Uint8Array([0, 255, 128]).subarray(1));"
        + " return [...new Uint8Array(await KV.get('bin', 'arrayBuffer'))]")).containsEntry("ok", List.of(255, 128));
    assertThat(kv.getBytes("bin")).containsExactly((byte) 255, (byte) 128);
  }

  @Test
  void snapshotAndRollbackRestoreEverything() {
    kv.put("kept", "1");
    Snapshot s = mf.snapshot();
    kv.put("kept", "2");
    js("await KV.put('added', 'x'); await KV.delete('kept')");
    mf.rollback(s);
    assertThat(kv.get("kept")).isEqualTo("1");
    assertThat(kv.get("added")).isNull();
    assertThat(js("return KV.get('kept')")).containsEntry("ok", "1");
  }

  @Test
  void namespacesWithTheSameIdShareDataAcrossWorkers() {
    try (Miniflare two = Miniflare.builder()
        .worker(w -> w.name("a").modules(true).unsafeEval(true).script(EVAL_WORKER).kvNamespace("KV", "shared"))
        .worker(w -> w.name("b").modules(true).unsafeEval(true).script(EVAL_WORKER).kvNamespace("KV", "shared").kvNamespace("OTHER", "other"))
        .build()) {
      two.worker("a").fetch(Request.post("http://localhost/", "await KV.put('x', 'from a')"));
      assertThat(two.worker("b").fetch(Request.post("http://localhost/", "return KV.get('x')")).text())
          .isEqualTo("{\"ok\":\"from a\"}");
      assertThat(two.kvNamespace("b", "OTHER").get("x")).isNull();
    }
  }

  @Test
  void persistedDataSurvivesARestartAndRollbackRewritesDisk(@TempDir Path dir) {
    try (Miniflare first = Miniflare.builder().kvPersist(dir)
        .worker(w -> w.modules(true).unsafeEval(true).script(EVAL_WORKER).kvNamespace("KV", "persisted")).build()) {
      first.dispatchFetch(Request.post("http://localhost/", "await KV.put('k', 'v', { metadata: { m: true } })"));
      first.getKVNamespace("KV").put("gone", "soon");
      Snapshot s = first.snapshot();
      first.getKVNamespace("KV").put("rolled", "back");
      first.rollback(s);
      first.getKVNamespace("KV").delete("gone");
    }
    try (Miniflare second = Miniflare.builder().kvPersist(dir)
        .worker(w -> w.modules(true).unsafeEval(true).script(EVAL_WORKER).kvNamespace("KV", "persisted")).build()) {
      KVNamespace again = second.getKVNamespace("KV");
      assertThat(again.keys()).containsExactly("k");
      assertThat(again.getWithMetadata("k").metadata().get("m").asBoolean()).isTrue();
    }
  }
}
