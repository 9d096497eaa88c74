package dev.miniflare.r2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.miniflare.Miniflare;
import dev.miniflare.TestClock;
import dev.miniflare.http.Request;
import dev.miniflare.storage.Snapshot;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The R2 binding against the behaviour and messages of Miniflare 4 + workerd (checked with the real runtime). */
class R2BucketTest {
  /** Evaluates the request body as an async function body with {@code B} in scope and returns its JSON. */
  static final String EVAL_WORKER = "export default { async fetch(req, env) {"
      + " const body = await req.text(); const B = env.BUCKET;"
      + " try { const fn = new Function('B', 'return (async () => {' + body + '})()');"
      + "   const v = await fn(B); return new Response(JSON.stringify({ ok: v === undefined ? null : v }));"
      + " } catch (e) { return new Response(JSON.stringify({ error: e.name, message: e.message })); } } }";

  Miniflare mf;
  R2Bucket bucket;
  TestClock clock = new TestClock().set(Instant.parse("2024-05-01T10:00:00.123Z")).freeze();

  @BeforeEach
  void start() {
    mf = Miniflare.builder().clock(clock)
        .worker(w -> w.name("w").modules(true).unsafeEval(true).script(EVAL_WORKER).r2Bucket("BUCKET", "bucket")).build();
    bucket = mf.r2Bucket("w", "BUCKET");
  }

  @AfterEach
  void stop() {
    mf.close();
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> js(String body) {
    return mf.dispatchFetch(Request.post("http://localhost/", body)).json(Map.class);
  }

  Object ok(String body) {
    Map<String, Object> r = js(body);
    assertThat(r).as(body).containsKey("ok");
    return r.get("ok");
  }

  void error(String body, String name, String message) {
    assertThat(js(body)).as(body).containsEntry("error", name).containsEntry("message", message);
  }

  @Test
  void putGetHeadDelete() {
    assertThat(ok("const o = await B.put('a', 'hello', { httpMetadata: { contentType: 'text/plain' },"
        + " customMetadata: { x: '1' } }); return JSON.stringify(o)")).isEqualTo(
        "{\"storageClass\":\"\",\"customMetadata\":{\"x\":\"1\"},\"httpMetadata\":{\"contentType\":\"text/plain\"},"
        + "\"uploaded\":\"2024-05-01T10:00:00.123Z\",\"checksums\":{\"md5\":\"5d41402abc4b2a76b9719d911017c592\"},"
        + "\"httpEtag\":\"\\\"5d41402abc4b2a76b9719d911017c592\\\"\",\"etag\":\"5d41402abc4b2a76b9719d911017c592\","
        + "\"size\":5,\"version\":\"" + bucket.head("a").orElseThrow().version() + "\",\"key\":\"a\"}");
    assertThat(ok("const o = await B.get('a'); const used = o.bodyUsed; const t = await o.text();"
        + " return [o.constructor.name, used, t, o.bodyUsed, JSON.stringify(o.range), o.uploaded instanceof Date]"))
        .isEqualTo(List.of("GetResult", false, "hello", true, "{\"offset\":0,\"length\":5}", true));
    assertThat(ok("const o = await B.head('a'); return [o.constructor.name, 'body' in o, o.size,"
        + " JSON.stringify(o.range)]")).isEqualTo(List.of("HeadResult", false, 5, "{\"offset\":0,\"length\":5}"));
    assertThat(ok("return [await B.get('zz'), await B.head('zz')]")).isEqualTo(java.util.Arrays.asList(null, null));
    assertThat(ok("return String(await B.get(1))")).isEqualTo("null");
    ok("await B.put('b', 'x'); await B.put('c', 'y'); return B.delete(['b', 'c', 'nothing'])");
    assertThat(bucket.keys(null)).containsExactly("a");
    assertThat(ok("return String(await B.delete('a'))")).isEqualTo("undefined");
    assertThat(bucket.containsKey("a")).isFalse();
  }

  @Test
  void bodyForms() {
    assertThat(ok("const o = await B.get((await B.put('k', 'abc'), 'k'));"
        + " return [o.body.constructor.name, await new Response(o.body).text(), o.bodyUsed]"))
        .isEqualTo(List.of("ReadableStream", "abc", true));
    error("const o = await B.get('k'); await o.text(); return o.text()", "TypeError",
        "Body has already been used. It can only be used once. Use tee() first if you need to read it twice.");
    assertThat(ok("const b = await (await B.get('k')).arrayBuffer(); return [b.constructor.name, b.byteLength]"))
        .isEqualTo(List.of("ArrayBuffer", 3));
    assertThat(ok("await B.put('j', '{\"a\":1}'); return (await B.get('j')).json()")).isEqualTo(Map.of("a", 1));
    assertThat(ok("await B.put('t', 'ab', { httpMetadata: { contentType: 'x/y' } });"
        + " const b = await (await B.get('t')).blob(); return [b.type, b.size]")).isEqualTo(List.of("x/y", 2));
    // values: typed arrays, ArrayBuffers, Blobs, streams, null
    assertThat(ok("await B.put('v1', new Uint8Array([104, 105, 33]).subarray(1));"
        + " await B.put('v2', new TextEncoder().encode('ab').buffer);"
        + " await B.put('v3', new Blob(['ab', 'cd']));"
        + " await B.put('v4', new Response('streamed').body);"
        + " const n = await B.put('v5', null);"
        + " return Promise.all(['v1', 'v2', 'v3', 'v4', 'v5'].map(async (k) => (await B.get(k)).text())).then(a => [...a, n.size])"))
        .isEqualTo(List.of("i!", "ab", "abcd", "streamed", "", 0));
    error("return B.put('n', 42)", "TypeError", "Failed to execute 'put' on 'R2Bucket': parameter 2 is not of type"
        + " 'ReadableStream or ArrayBuffer or ArrayBufferView or string or Blob'.");
    error("return B.put('n')", "TypeError", "Failed to execute 'put' on 'R2Bucket': parameter 2 is not of type"
        + " 'ReadableStream or ArrayBuffer or ArrayBufferView or string or Blob'.");
    error("return B.get()", "TypeError", "Failed to execute 'get' on 'R2Bucket': parameter 1 is not of type 'string'.");
    error("return B.get('a', 'x')", "TypeError",
        "Failed to execute 'get' on 'R2Bucket': parameter 2 is not of type 'GetOptions'.");
  }

  @Test
  void metadataRoundTripAndWriteHttpMetadata() {
    assertThat(ok("const o = await B.put('h', 'x', { httpMetadata: new Headers({ 'content-type': 'a/b',"
        + " expires: 'Wed, 21 Oct 2015 07:28:00 GMT', 'cache-control': 'no', 'x-other': '1' }) });"
        + " const h = new Headers(); o.writeHttpMetadata(h); return [JSON.stringify(o.httpMetadata), [...h]]"))
        .isEqualTo(List.of("{\"contentType\":\"a/b\",\"cacheControl\":\"no\",\"cacheExpiry\":\"2015-10-21T07:28:00.000Z\"}",
            List.of(List.of("cache-control", "no"), List.of("content-type", "a/b"),
                List.of("expires", "Wed, 21 Oct 2015 07:28:00 GMT"))));
    assertThat(ok("await B.put('h', 'x', { httpMetadata: { cacheExpiry: new Date(1000), contentEncoding: 'gzip',"
        + " contentLanguage: 'en', contentDisposition: 'inline', foo: 'bar' }, customMetadata: { a: 1, b: true } });"
        + " const g = await B.get('h'); const h = new Headers(); g.writeHttpMetadata(h);"
        + " return [JSON.stringify(g.httpMetadata), g.httpMetadata.cacheExpiry instanceof Date, g.customMetadata, [...h]]"))
        .isEqualTo(List.of("{\"contentLanguage\":\"en\",\"contentDisposition\":\"inline\",\"contentEncoding\":\"gzip\","
            + "\"cacheExpiry\":\"1970-01-01T00:00:01.000Z\"}", true, Map.of("a", "1", "b", "true"),
            List.of(List.of("content-disposition", "inline"), List.of("content-encoding", "gzip"),
                List.of("content-language", "en"), List.of("expires", "Thu, 01 Jan 1970 00:00:01 GMT"))));
    R2Object h = bucket.get("h").orElseThrow();
    assertThat(h.httpMetadata().contentEncoding()).isEqualTo("gzip");
    assertThat(h.httpMetadata().cacheExpiry()).isEqualTo(Instant.ofEpochMilli(1000));
    assertThat(h.customMetadata()).containsEntry("a", "1").containsEntry("b", "true");
    assertThat(h.uploaded()).isEqualTo(clock.instant());

    bucket.put("j", "{}".getBytes(StandardCharsets.UTF_8), new R2PutOptions(
        R2HttpMetadata.contentType("application/json"), Map.of("owner", "java")));
    assertThat(ok("const o = await B.head('j'); return [o.httpMetadata.contentType, o.customMetadata.owner]"))
        .isEqualTo(List.of("application/json", "java"));
    error("return B.put('c', 'x', { customMetadata: null })", "TypeError",
        "Incorrect type for the 'customMetadata' field on 'PutOptions': the provided value is not of type 'object'.");
    assertThat(ok("return (await B.put('c', 'x', { customMetadata: { a: 'x'.repeat(2047) } })).size")).isEqualTo(1);
    error("return B.put('c', 'x', { customMetadata: { a: 'x'.repeat(2048) } })", "Error",
        "put: Your metadata headers exceed the maximum allowed metadata size. (10012)");
  }

  @Test
  void listing() {
    for (String k : List.of("a", "b", "c", "dir/a", "dir/sub/b", "dir/sub/c", "dir/z/")) {
      bucket.put(k, "1");
    }
    bucket.put("h", "x".getBytes(StandardCharsets.UTF_8), new R2PutOptions(R2HttpMetadata.contentType("t/p"),
        Map.of("k", "v")));
    assertThat(ok("const r = await B.list({ limit: 2 }); const r2 = await B.list({ limit: 2, cursor: r.cursor });"
        + " return [Object.keys(r), r.objects.map(o => o.key), r.truncated, r.cursor, r2.objects.map(o => o.key)]"))
        .isEqualTo(List.of(List.of("objects", "truncated", "cursor", "delimitedPrefixes"), List.of("a", "b"), true,
            "Yg==", List.of("c", "dir/a")));
    assertThat(ok("return JSON.stringify(await B.list({ prefix: 'dir/', delimiter: '/' }))")).asString()
        .contains("\"key\":\"dir/a\"").endsWith("\"truncated\":false,\"delimitedPrefixes\":[\"dir/sub/\",\"dir/z/\"]}");
    assertThat(ok("const o = { prefix: 'dir/', delimiter: '/', limit: 1 }; const r = await B.list(o);"
        + " const r2 = await B.list({ ...o, cursor: r.cursor }); const r3 = await B.list({ ...o, cursor: r2.cursor });"
        + " return [r, r2, r3].map(x => [x.objects.map(o => o.key), x.delimitedPrefixes, x.truncated, x.cursor ?? null])"))
        .isEqualTo(List.of(List.of(List.of("dir/a"), List.of(), true, "ZGlyL2E="),
            List.of(List.of(), List.of("dir/sub/"), true, "ZGlyL3N1Yi9j"),
            java.util.Arrays.asList(List.of(), List.of("dir/z/"), false, null)));
    assertThat(ok("const r = await B.list({ prefix: 'h' }); const i = await B.list({ prefix: 'h',"
        + " include: ['httpMetadata', 'customMetadata'] }); r.objects[0].writeHttpMetadata(new Headers());"
        + " return [r.objects[0].httpMetadata, r.objects[0].customMetadata, i.objects[0].httpMetadata,"
        + " i.objects[0].customMetadata, 'range' in i.objects[0], i.objects[0].range ?? null]"))
        .isEqualTo(java.util.Arrays.asList(Map.of(), Map.of(), Map.of("contentType", "t/p"), Map.of("k", "v"), true,
            null));
    assertThat(ok("return (await B.list({ startAfter: 'dir/sub/b' })).objects.map(o => o.key)"))
        .isEqualTo(List.of("dir/sub/c", "dir/z/", "h"));
    error("return B.list({ limit: 1001 })", "Error", "list: MaxKeys params must be positive integer <= 1000. (10022)");
    error("return B.list({ limit: 0 })", "Error", "list: MaxKeys params must be positive integer <= 1000. (10022)");
    error("return B.list({ include: ['foo'] })", "RangeError", "Unsupported include value foo");
    R2ListResult page = bucket.list("dir/", null, "/");
    assertThat(page.delimitedPrefixes()).containsExactly("dir/sub/", "dir/z/");
    assertThat(bucket.keys("dir/")).containsExactly("dir/a", "dir/sub/b", "dir/sub/c", "dir/z/");
  }

  @Test
  void conditionalGetAndPut() {
    String etag = bucket.put("a", "hello").etag();
    String kinds = "const kind = (r) => r === null ? null : r.constructor.name;";
    assertThat(ok(kinds + "return [kind(await B.get('a', { onlyIf: { etagMatches: '" + etag + "' } })),"
        + " kind(await B.get('a', { onlyIf: { etagMatches: 'x' } })),"
        + " kind(await B.get('a', { onlyIf: { etagDoesNotMatch: '" + etag + "' } })),"
        + " kind(await B.get('a', { onlyIf: { etagDoesNotMatch: '*' } })),"
        + " kind(await B.get('a', { onlyIf: { uploadedBefore: new Date(0) } })),"
        + " kind(await B.get('a', { onlyIf: { uploadedAfter: new Date(0) } })),"
        + " kind(await B.get('a', { onlyIf: { etagMatches: '" + etag + "', uploadedBefore: new Date(0) } })),"
        + " kind(await B.get('a', { onlyIf: new Headers({ 'if-none-match': '\"" + etag + "\"' }) })),"
        + " kind(await B.get('a', { onlyIf: new Headers({ 'if-match': 'W/\"" + etag + "\"' }) })),"
        + " kind(await B.get('a', { onlyIf: new Headers({ 'if-match': '\"x\", \"" + etag + "\"' }) })),"
        + " kind(await B.get('a', { onlyIf: new Headers({ 'if-modified-since': new Date(0).toUTCString() }) })),"
        + " kind(await B.get('a', { onlyIf: new Headers({ 'if-unmodified-since': 'garbage' }) })),"
        + " kind(await B.get('zz', { onlyIf: { etagMatches: 'x' } }))]"))
        .isEqualTo(java.util.Arrays.asList("GetResult", "HeadResult", "HeadResult", "HeadResult", "HeadResult",
            "GetResult", "GetResult", "HeadResult", "HeadResult", "GetResult", "GetResult", "HeadResult", null));
    error("return B.get('a', { onlyIf: { etagMatches: '\"x\"' } })", "TypeError",
        "Conditional ETag should not be wrapped in quotes (\"x\").");
    error("return B.get('a', { onlyIf: { uploadedBefore: '2020-01-01' } })", "TypeError",
        "Incorrect type for the 'uploadedBefore' field on 'Conditional': the provided value is not of type 'date'.");
    error("return B.get('a', { onlyIf: new Headers({ 'if-match': 'abc' }) })", "Error",
        "Invalid ETag in if-match header");
    error("return B.get('a', { onlyIf: new Headers({ 'if-match': '\"x\" \"y\"' }) })", "Error",
        "Comma was expected to separate etags. Encountered a double quote character '\"' instead. This would"
        + " otherwise indicate the start of a new strong etag.");
    error("return B.get('a', { onlyIf: new Headers({ 'if-match': '\"x' }) })", "Error", "Unclosed double quote for Etag");

    assertThat(ok("return B.put('a', 'x', { onlyIf: { etagMatches: 'nope' } })")).isNull();
    assertThat(bucket.get("a").orElseThrow().text()).isEqualTo("hello");
    assertThat(ok("return (await B.put('a', 'bye', { onlyIf: { etagMatches: '" + etag + "' } })).size")).isEqualTo(3);
    assertThat(ok("return B.put('new1', 'x', { onlyIf: { etagMatches: 'nope' } })")).isNull();
    assertThat(ok("return (await B.put('new2', 'x', { onlyIf: { etagDoesNotMatch: 'nope' } })).key")).isEqualTo("new2");
    assertThat(bucket.keys(null)).containsExactly("a", "new2");
  }

  @Test
  void ranges() {
    bucket.put("a", "hello");
    String read = "const read = async (range) => { const o = await B.get('a', { range }); return [o.range, await o.text()]; };";
    assertThat(ok(read + "return [await read({ offset: 1, length: 2 }), await read({ offset: 1, length: 20 }),"
        + " await read({ suffix: 3 }), await read({ suffix: 30 }), await read({}), await read({ offset: '1' }),"
        + " await read(new Headers({ range: 'bytes=1-2' })), await read(new Headers({ range: 'bytes=10-20' })),"
        + " await read(new Headers({ range: 'bytes=0-1,3-4' })), await read(new Headers({ range: 'bytes=-2' })),"
        + " await read(new Headers({ range: 'bytes=2-' }))]"))
        .isEqualTo(List.of(List.of(Map.of("offset", 1, "length", 2), "el"),
            List.of(Map.of("offset", 1, "length", 4), "ello"), List.of(Map.of("offset", 2, "length", 3), "llo"),
            List.of(Map.of("offset", 0, "length", 5), "hello"), List.of(Map.of("offset", 0, "length", 5), "hello"),
            List.of(Map.of("offset", 1, "length", 4), "ello"), List.of(Map.of("offset", 1, "length", 2), "el"),
            List.of(Map.of("offset", 0, "length", 5), "hello"), List.of(Map.of("offset", 0, "length", 5), "hello"),
            List.of(Map.of("offset", 3, "length", 2), "lo"), List.of(Map.of("offset", 2, "length", 3), "llo")));
    error("return B.get('a', { range: { offset: -1 } })", "RangeError",
        "Invalid range. Starting offset (-1) must be greater than or equal to 0.");
    error("return B.get('a', { range: { offset: 1.5 } })", "RangeError",
        "Invalid range. Starting offset (1.5) must be an integer, not floating point.");
    error("return B.get('a', { range: { length: -1 } })", "RangeError",
        "Invalid range. Length (-1) must be greater than or equal to 0.");
    error("return B.get('a', { range: { offset: 1, suffix: 2 } })", "TypeError", "Suffix is incompatible with offset.");
    error("return B.get('a', { range: { offset: 10 } })", "Error", "get: The requested range is not satisfiable (10039)");
    error("return B.get('a', { range: { offset: 0, length: 0 } })", "Error",
        "get: The requested range is not satisfiable (10039)");
    error("return B.get('a', { range: { suffix: 0 } })", "Error", "get: The requested range is not satisfiable (10039)");
  }

  @Test
  void checksums() {
    assertThat(ok("const o = await B.put('m', 'hello', { sha256:"
        + " '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824' });"
        + " return [JSON.stringify(o.checksums), Object.keys(o.checksums), o.checksums.md5 instanceof ArrayBuffer,"
        + " o.checksums.toJSON()]"))
        .isEqualTo(List.of("{\"md5\":\"5d41402abc4b2a76b9719d911017c592\",\"sha256\":"
            + "\"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824\"}",
            List.of("sha512", "sha384", "sha256", "sha1", "md5"), true,
            Map.of("md5", "5d41402abc4b2a76b9719d911017c592",
                "sha256", "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")));
    assertThat(bucket.head("m").orElseThrow().checksums()).containsEntry("md5", "5d41402abc4b2a76b9719d911017c592");
    assertThat(ok("return (await B.put('m', 'hello', { md5: new Uint8Array([0x5d, 0x41, 0x40, 0x2a, 0xbc, 0x4b,"
        + " 0x2a, 0x76, 0xb9, 0x71, 0x9d, 0x91, 0x10, 0x17, 0xc5, 0x92]).buffer })).etag"))
        .isEqualTo("5d41402abc4b2a76b9719d911017c592");
    assertThat(ok("return (await B.put('m', 'hello', { md5: '5D41402ABC4B2A76B9719D911017C592' })).etag"))
        .isEqualTo("5d41402abc4b2a76b9719d911017c592");
    error("return B.put('m', 'v', { md5: 'abc' })", "TypeError", "MD5 is 32 hex characters, not 3");
    error("return B.put('m', 'v', { md5: new Uint8Array(3) })", "TypeError", "MD5 is 16 bytes, not 3");
    error("return B.put('m', 'v', { md5: 'z'.repeat(32) })", "TypeError", "Provided MD5 wasn't a valid hex string");
    error("return B.put('m', 'v', { md5: '0'.repeat(32), sha1: '0'.repeat(40) })", "TypeError",
        "You cannot specify multiple hashing algorithms.");
    error("return B.put('m', 'v', { md5: '0'.repeat(32) })", "Error",
        "put: The MD5 checksum you specified did not match what we received.\nYou provided a MD5 checksum with value:"
        + " 00000000000000000000000000000000\nActual MD5 was: 9e3669d19b675bd57058fd4664205d2a (10037)");
    error("return B.put('m', 'v', { sha1: '0'.repeat(40) })", "Error",
        "put: The SHA-1 checksum you specified did not match what we received.\nYou provided a SHA-1 checksum with"
        + " value: 0000000000000000000000000000000000000000\nActual SHA-1 was: 7a38d8cbd20d9932ba948efaa364bb62651d5ad4"
        + " (10037)");
  }

  @Test
  void keyLimits() {
    String longKey = "'x'.repeat(1025)";
    for (String op : List.of("put", "get", "head", "delete")) {
      error("return B." + op + "(" + longKey + (op.equals("put") ? ", 'v'" : "") + ")", "Error",
          op + ": The specified object name is not valid. (10020)");
    }
    error("return B.delete(['ok', " + longKey + "])", "Error", "delete: The specified object name is not valid. (10020)");
    assertThat(ok("return (await B.put('x'.repeat(1024), 'v')).size")).isEqualTo(1);
    assertThat(ok("return (await B.put('', 'v')).key")).isEqualTo("");
    assertThatThrownBy(() -> bucket.put("x".repeat(1025), "v")).isInstanceOf(R2Exception.class)
        .hasMessage("put: The specified object name is not valid. (10020)");
  }

  @Test
  void multipartUploads() {
    assertThat(ok("const u = await B.createMultipartUpload('big', { httpMetadata: { contentType: 'x/y' },"
        + " customMetadata: { a: '1' } });"
        + " const p1 = await u.uploadPart(1, 'x'.repeat(5 * 1024 * 1024));"
        + " const p2 = await B.resumeMultipartUpload('big', u.uploadId).uploadPart(2, new Blob(['yz']));"
        + " const o = await u.complete([p1, p2]);"
        + " const tail = await (await B.get('big', { range: { suffix: 3 } })).text();"
        + " const errors = [];"
        + " try { await u.uploadPart(3, 'a'); } catch (e) { errors.push(e.message); }"
        + " await u.abort();"
        + " try { await u.complete([p1]); } catch (e) { errors.push(e.message); }"
        + " return [u.constructor.name, u.key, Object.keys(p1), p2.partNumber, o.size, /^[0-9a-f]{32}-2$/.test(o.etag),"
        + " JSON.stringify(o.checksums), o.httpMetadata, o.customMetadata, tail, errors]"))
        .isEqualTo(List.of("R2MultipartUpload", "big", List.of("partNumber", "etag"), 2, 5 * 1024 * 1024 + 2, true,
            "{}", Map.of("contentType", "x/y"), Map.of("a", "1"), "xyz",
            List.of("uploadPart: The specified multipart upload does not exist. (10024)",
                "completeMultipartUpload: The specified multipart upload does not exist. (10024)")));
    assertThat(bucket.get("big").orElseThrow().httpMetadata().contentType()).isEqualTo("x/y");
    assertThat(ok("const u = await B.createMultipartUpload('s'); const a = await u.uploadPart(1, 'abc');"
        + " const o = await u.complete([a]); return [o.size, o.etag, await (await B.get('s')).text()]"))
        .isEqualTo(List.of(3, "af5da9f45af7a300e3aded972f8ff687-1", "abc"));
    assertThat(ok("const u = await B.createMultipartUpload('e'); return (await u.complete([])).etag"))
        .isEqualTo("d41d8cd98f00b204e9800998ecf8427e-0");
    error("const u = await B.createMultipartUpload('s'); const a = await u.uploadPart(1, 'ab');"
        + " const b = await u.uploadPart(2, 'cd'); return u.complete([a, b])", "Error",
        "completeMultipartUpload: Your proposed upload is smaller than the minimum allowed object size. (10011)");
    error("const u = await B.createMultipartUpload('s'); await u.uploadPart(1, 'ab');"
        + " return u.complete([{ partNumber: 1, etag: 'nope' }])", "Error",
        "completeMultipartUpload: One or more of the specified parts could not be found. (10025)");
    error("const u = await B.createMultipartUpload('s'); const a = await u.uploadPart(1, 'ab'); return u.complete([a, a])",
        "Error", "completeMultipartUpload: We encountered an internal error. Please try again. (10001)");
    error("return B.resumeMultipartUpload('s', 'nope').uploadPart(1, 'a')", "Error",
        "uploadPart: The specified multipart upload does not exist. (10024)");
    error("return B.resumeMultipartUpload('s', 'nope').abort()", "Error",
        "abortMultipartUpload: We encountered an internal error. Please try again. (10001)");
    error("const u = await B.createMultipartUpload('s'); return u.uploadPart(0, 'a')", "TypeError",
        "Part number must be between 1 and 10000 (inclusive). Actual value was: 0");
    error("const u = await B.createMultipartUpload('s'); const a = await u.uploadPart(1, 'x'.repeat(5*1024*1024));"
        + " const b = await u.uploadPart(2, 'x'.repeat(5*1024*1024 + 1)); return u.complete([a, b])", "Error",
        "completeMultipartUpload: There was a problem with the multipart upload. (10048)");
    error("return B.createMultipartUpload('x'.repeat(1025))", "Error",
        "createMultipartUpload: The specified object name is not valid. (10020)");
  }

  @Test
  void javaAndWorkerShareObjectsAndRollbackCoversThem() {
    bucket.put("seed", "from java");
    Snapshot snapshot = mf.snapshot();
    assertThat(ok("return (await B.get('seed')).text()")).isEqualTo("from java");
    ok("await B.put('js', 'from js'); await B.delete('seed')");
    assertThat(bucket.get("js").orElseThrow().text()).isEqualTo("from js");
    assertThat(bucket.head("js").orElseThrow().hasBody()).isFalse();
    assertThatThrownBy(() -> bucket.head("js").orElseThrow().bytes()).isInstanceOf(IllegalStateException.class);
    mf.rollback(snapshot);
    assertThat(bucket.keys(null)).containsExactly("seed");
    assertThat(ok("return B.head('js')")).isNull();
  }

  @Test
  void persistedObjectsSurviveARestart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    try (Miniflare one = Miniflare.builder().r2Persist(dir)
        .worker(w -> w.modules(true).unsafeEval(true).script(EVAL_WORKER).r2Bucket("BUCKET", "photos")).build()) {
      one.dispatchFetch(Request.post("http://localhost/", "await B.put('cat', 'meow', { customMetadata: { a: 'b' } });"
          + " const u = await B.createMultipartUpload('mp'); await u.uploadPart(1, 'part'); return u.uploadId"));
    }
    try (Miniflare two = Miniflare.builder().r2Persist(dir)
        .worker(w -> w.modules(true).unsafeEval(true).script(EVAL_WORKER).r2Bucket("BUCKET", "photos")).build()) {
      R2Object cat = two.getR2Bucket("BUCKET").get("cat").orElseThrow();
      assertThat(cat.text()).isEqualTo("meow");
      assertThat(cat.customMetadata()).containsEntry("a", "b");
      assertThat(two.storage().namespaceIds(R2Store.MULTIPART_KIND)).containsExactly("photos");
    }
  }

  @Test
  void bindingsNamingTheSameBucketShareIt() {
    try (Miniflare two = Miniflare.builder()
        .worker(w -> w.name("a").modules(true).unsafeEval(true).script(EVAL_WORKER).r2Bucket("BUCKET", "shared"))
        .worker(w -> w.name("b").modules(true).unsafeEval(true).script(EVAL_WORKER).r2Buckets("BUCKET", "OTHER")).build()) {
      two.r2Bucket("a", "BUCKET").put("k", "v");
      assertThat(two.r2BucketByName("shared").get("k")).isPresent();
      assertThat(two.worker("b").r2Bucket("BUCKET").get("k")).isEmpty();
      assertThat(two.worker("b").bindingNames()).contains("BUCKET", "OTHER");
      assertThatThrownBy(() -> two.r2Bucket("a", "NOPE")).hasMessage(
          "worker \"a\" has no R2 bucket bound as \"NOPE\"; its R2 bindings: [BUCKET]");
    }
  }
}
