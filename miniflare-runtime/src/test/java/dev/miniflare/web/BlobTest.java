package dev.miniflare.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlobTest {
  private JsTestSupport js;

  @BeforeEach
  void setUp() {
    js = JsTestSupport.load("dom.js", "blob.js");
  }

  @AfterEach
  void tearDown() {
    js.close();
  }

  private String eval(String code) {
    return js.eval(code).toString();
  }

  /** Evaluates an expression yielding a promise and returns what it resolved to (microtasks run after each eval). */
  private String await(String promiseExpr) {
    js.eval("globalThis.__r = '<pending>'; Promise.resolve(" + promiseExpr + ").then((v) => { __r = v; },"
        + " (e) => { __r = 'rejected: ' + e; });");
    return js.eval("String(__r)").asString();
  }

  private String thrown(String code) {
    return eval("(() => { try { " + code + "; return 'no error'; } catch (e) { return e.name + '|' + e.message; } })()");
  }

  @Test
  void constructsFromParts() {
    assertThat(eval("const b = new Blob(['h\\u00e9', new Uint8Array([33, 10]), new Uint8Array([0, 65, 66, 0]).subarray(1, 3),"
        + " new Uint8Array([67]).buffer, new Blob(['\\r\\n'])]); [b.size, b.type, Object.prototype.toString.call(b)].join(',')"))
        .isEqualTo("10,,[object Object]"); // workerd's Blob has no toStringTag (Miniflare 4)
    assertThat(await("b.text()")).isEqualTo("hé!\nABC\r\n");
    assertThat(eval("[new Blob().size, new Blob([]).size, new Blob(undefined, undefined).size, new Blob([1, null]).size].join(',')"))
        .isEqualTo("0,0,0,5");
  }

  @Test
  void typeIsNormalized() {
    assertThat(eval("[new Blob([], { type: 'Text/HTML;Charset=UTF-8' }).type, new Blob([], { type: 'a\\u00e9' }).type,"
        + " new Blob([], { type: 'a\\nb' }).type, new Blob([], {}).type, new Blob([], null).type].map(JSON.stringify).join(',')"))
        .isEqualTo("\"text/html;charset=utf-8\",\"\",\"\",\"\",\"\"");
  }

  @Test
  void validatesArguments() {
    assertThat(thrown("new Blob('abc')"))
        .isEqualTo("TypeError|Failed to construct 'Blob': constructor parameter 1 is not of type 'Array'.");
    assertThat(thrown("new Blob([], { endings: 'native' })")).isEqualTo("Error|The 'endings' field on 'Options' is not implemented.");
    assertThat(thrown("new Blob([], 5)"))
        .isEqualTo("TypeError|Failed to construct 'Blob': constructor parameter 2 is not of type 'Options'.");
  }

  @Test
  void readsAsArrayBufferAndBytes() {
    assertThat(await("new Blob(['abc']).arrayBuffer().then((ab) => ab instanceof ArrayBuffer && new Uint8Array(ab).join(','))"))
        .isEqualTo("97,98,99");
    assertThat(await("new Blob(['abc']).bytes().then((u) => u.constructor.name + ':' + u.join(','))"))
        .isEqualTo("Uint8Array:97,98,99");
    // returned buffers are copies: mutating them does not change the blob
    assertThat(await("(async () => { const b = new Blob(['xyz']); (await b.bytes())[0] = 65; return b.text(); })()"))
        .isEqualTo("xyz");
    // a BOM is kept, invalid UTF-8 becomes U+FFFD
    assertThat(await("new Blob([new Uint8Array([0xEF, 0xBB, 0xBF, 0x41, 0xFF])]).text().then((t) => [...t].map((c) => c.codePointAt(0)).join(','))"))
        .isEqualTo("65279,65,65533");
  }

  @Test
  void slicing() {
    js.eval("globalThis.b = new Blob(['0123456789'], { type: 'text/plain' });");
    assertThat(await("b.slice(2, 5).text()")).isEqualTo("234");
    assertThat(await("b.slice(-3).text()")).isEqualTo("789");
    assertThat(await("b.slice(-5, -2).text()")).isEqualTo("567");
    assertThat(await("b.slice(8, 2).text()")).isEqualTo("");
    assertThat(await("b.slice(-100, 100).text()")).isEqualTo("0123456789");
    assertThat(await("b.slice(NaN, Infinity).text()")).isEqualTo("");
    assertThat(await("b.slice(1.9, 3.2).text()")).isEqualTo("12");
    assertThat(await("b.slice(2).slice(1, 3).text()")).isEqualTo("34");
    assertThat(eval("[b.slice().type, b.slice(0, 1, 'X/Y').type, b.slice(3).size].join(',')")).isEqualTo(",x/y,7");
    assertThat(thrown("b.slice(2 ** 31)"))
        .isEqualTo("TypeError|Value out of range. Must be between -2147483648 and 2147483647 (inclusive).");
  }

  @Test
  void slicingMultiByteUtf8CountsBytes() {
    js.eval("globalThis.u = new Blob(['a\\u00e9\\u20ac\\ud83d\\ude00']);"); // 1 + 2 + 3 + 4 bytes
    assertThat(eval("u.size")).isEqualTo("10");
    assertThat(await("u.slice(1, 3).text()")).isEqualTo("é");
    assertThat(await("u.slice(3, 6).text()")).isEqualTo("€");
    assertThat(await("u.slice(-4).text()")).isEqualTo("😀");
    assertThat(await("u.slice(0, 2).text().then((t) => [...t].map((c) => c.codePointAt(0)).join(','))")).isEqualTo("97,65533");
  }

  @Test
  void files() {
    assertThat(eval("const f = new File(['abc'], 'a.txt', { type: 'Text/Plain', lastModified: 42 });"
        + " [f.name, f.type, f.size, f.lastModified, f instanceof Blob, Object.prototype.toString.call(f),"
        + "  f.slice(1) instanceof File, Object.prototype.toString.call(f.slice(1))].join(',')"))
        .isEqualTo("a.txt,text/plain,3,42,true,[object Object],false,[object Object]"); // as workerd
    assertThat(eval("const before = Date.now(); const g = new File([], 'g'); g.lastModified >= before && g.lastModified <= Date.now()"))
        .isEqualTo("true");
    assertThat(eval("[new File([], 'n', { lastModified: NaN }).lastModified, new File([], undefined).name].join(',')"))
        .isEqualTo("0,undefined");
    assertThat(await("new Blob([new File(['x'], 'x'), 'y']).text()")).isEqualTo("xy");
  }

  @Test
  void internalBytesAccessorSharesStorage() {
    assertThat(eval("const src = new Blob(['hello']); const s = src.slice(1, 4); const bytes = Blob.__bytes(s);"
        + " [bytes instanceof Uint8Array, bytes.length, String.fromCharCode(...bytes), bytes.buffer === Blob.__bytes(src).buffer,"
        + "  Object.keys(Blob).includes('__bytes'), Object.getOwnPropertyDescriptor(Blob, '__bytes').enumerable].join(',')"))
        .isEqualTo("true,3,ell,true,false,false");
    assertThat(eval("const whole = new Blob(['abc']); Blob.__bytes(new Blob([whole])) === Blob.__bytes(whole)")).isEqualTo("true");
  }

  @Test
  void streamUsesGlobalReadableStreamLazily() throws IOException {
    installStreamsPolyfill();
    assertThat(await("(async () => { const r = new Blob(['stream ', 'me']).stream().getReader(); const chunks = [];"
        + " for (;;) { const { done, value } = await r.read(); if (done) break; chunks.push(value); }"
        + " return chunks.map((c) => c.constructor.name + ':' + new TextDecoder().decode(c)).join('|'); })()"))
        .isEqualTo("Uint8Array:stream me");
    assertThat(await("(async () => { const r = new Blob([]).stream().getReader(); return (await r.read()).done; })()"))
        .isEqualTo("true");
  }

  private void installStreamsPolyfill() throws IOException {
    String path = "/META-INF/resources/webjars/web-streams-polyfill/3.3.3/dist/ponyfill.es2018.js";
    try (InputStream in = BlobTest.class.getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      String src = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      js.eval("(function () { const exports = {}; const module = { exports };"
          + " (function (exports, module) {" + src + "\n})(exports, module);"
          + " globalThis.ReadableStream = exports.ReadableStream || module.exports.ReadableStream; })()");
    }
  }
}
