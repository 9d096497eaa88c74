package dev.miniflare.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StructuredCloneTest {
  private JsTestSupport js;

  @BeforeEach
  void setUp() {
    js = JsTestSupport.load("dom.js", "base64.js", "clone.js", "blob.js");
  }

  @AfterEach
  void tearDown() {
    js.close();
  }

  private String eval(String code) {
    return js.eval(code).toString();
  }

  private String thrown(String code) {
    return eval("(() => { try { " + code + "; return 'no error'; } catch (e) {"
        + " return e.name + '|' + e.message + '|' + (e instanceof DOMException); } })()");
  }

  @Test
  void primitivesAndWrappers() {
    assertThat(eval("[structuredClone(1), structuredClone('s'), structuredClone(null), structuredClone(undefined),"
        + " structuredClone(10n), Object.is(structuredClone(-0), -0), structuredClone(true)].join(',')"))
        .isEqualTo("1,s,,,10,true,true");
    assertThat(eval("const w = [new Number(3), new String('ab'), new Boolean(false), Object(5n)].map((x) => structuredClone(x));"
        + " w.map((x) => typeof x + ':' + Object.prototype.toString.call(x) + ':' + x.valueOf()).join(',')"))
        .isEqualTo("object:[object Number]:3,object:[object String]:ab,object:[object Boolean]:false,object:[object BigInt]:5");
  }

  @Test
  void datesAndRegExps() {
    assertThat(eval("const d = new Date(1234); const c = structuredClone(d); [c !== d, c instanceof Date, c.getTime()].join(',')"))
        .isEqualTo("true,true,1234");
    assertThat(eval("const r = /a+b/gi; r.lastIndex = 3; const rc = structuredClone(r);"
        + " [rc !== r, String(rc), rc.lastIndex].join(',')")).isEqualTo("true,/a+b/gi,0");
  }

  @Test
  void plainObjectsAndArrays() {
    assertThat(eval("const o = { a: 1, nested: { b: [1, 2, { c: 'x' }] } }; Object.defineProperty(o, 'hidden', { value: 1 });"
        + " o[Symbol('s')] = 2; const c = structuredClone(o);"
        + " [c !== o, c.nested !== o.nested, JSON.stringify(c), 'hidden' in c, Object.getOwnPropertySymbols(c).length].join('|')"))
        .isEqualTo("true|true|{\"a\":1,\"nested\":{\"b\":[1,2,{\"c\":\"x\"}]}}|false|0");
    assertThat(eval("const a = [1, , 3]; a.extra = 'e'; const ac = structuredClone(a);"
        + " [Array.isArray(ac), ac.length, 1 in ac, ac[2], ac.extra].join(',')")).isEqualTo("true,3,false,3,e");
    assertThat(eval("const g = { get x() { return 42; } }; const gc = structuredClone(g);"
        + " JSON.stringify(Object.getOwnPropertyDescriptor(gc, 'x'))"))
        .isEqualTo("{\"value\":42,\"writable\":true,\"enumerable\":true,\"configurable\":true}");
    assertThat(eval("const p = JSON.parse('{\"__proto__\": {\"polluted\": 1}}'); const pc = structuredClone(p);"
        + " [Object.getPrototypeOf(pc) === Object.prototype, pc.polluted, Object.keys(pc).join()].join(',')"))
        .isEqualTo("true,,__proto__");
  }

  @Test
  void classInstancesBecomePlainObjects() {
    assertThat(eval("class P { constructor() { this.x = 1; } get y() { return 2; } m() {} }"
        + " const c = structuredClone(new P()); [Object.getPrototypeOf(c) === Object.prototype, c.x, c.y].join(',')"))
        .isEqualTo("true,1,");
    assertThat(eval("const n = Object.create(null); n.a = 1; const nc = structuredClone(n);"
        + " [Object.getPrototypeOf(nc) === Object.prototype, nc.a].join(',')")).isEqualTo("true,1");
  }

  @Test
  void cyclesAndSharedReferences() {
    assertThat(eval("const o = { name: 'root' }; o.self = o; const shared = { s: 1 }; o.list = [shared, shared];"
        + " const c = structuredClone(o);"
        + " [c !== o, c.self === c, c.list[0] === c.list[1], c.list[0] !== shared].join(',')")).isEqualTo("true,true,true,true");
    assertThat(eval("const m = new Map(); m.set('me', m); const k = {}; m.set(k, k); const s = new Set(); s.add(s);"
        + " const mc = structuredClone(m); const sc = structuredClone(s); const [ck] = [...mc.keys()].filter((x) => typeof x === 'object');"
        + " [mc.get('me') === mc, mc.get(ck) === ck, ck !== k, sc.has(sc)].join(',')")).isEqualTo("true,true,true,true");
  }

  @Test
  void mapsAndSets() {
    assertThat(eval("const m = new Map([[1, { a: 1 }], ['k', [2]]]); const c = structuredClone(m);"
        + " [c instanceof Map, c.size, c.get(1).a, c.get(1) !== m.get(1), c.get('k')[0]].join(',')"))
        .isEqualTo("true,2,1,true,2");
    assertThat(eval("const s = new Set([1, 'a', { b: 2 }]); const c2 = structuredClone(s);"
        + " [c2 instanceof Set, c2.size, [...c2][2].b].join(',')")).isEqualTo("true,3,2");
  }

  @Test
  void buffersAndViews() {
    assertThat(eval("const buf = new ArrayBuffer(8); const u8 = new Uint8Array(buf); u8.set([1, 2, 3, 4, 5, 6, 7, 8]);"
        + " const view = new DataView(buf, 2, 4); const i16 = new Int16Array(buf, 4, 2);"
        + " const c = structuredClone({ u8, view, i16, buf });"
        + " [c.buf !== buf, c.u8.buffer === c.buf, c.view.buffer === c.buf, c.i16.buffer === c.buf,"
        + "  c.view instanceof DataView, c.view.byteOffset, c.view.byteLength, c.i16 instanceof Int16Array,"
        + "  c.i16.byteOffset, c.i16.length, c.u8.join('')].join(',')"))
        .isEqualTo("true,true,true,true,true,2,4,true,4,2,12345678");
    assertThat(eval("const f = new Float64Array([1.5, -2]); const fc = structuredClone(f); fc[0] = 9;"
        + " [f[0], fc[1], fc.buffer !== f.buffer].join(',')")).isEqualTo("1.5,-2,true");
    assertThat(eval("const b = new BigInt64Array([1n, -1n]); structuredClone(b).join(',')")).isEqualTo("1,-1");
  }

  @Test
  void transferDetachesTheOriginal() {
    assertThat(eval("const buf = new Uint8Array([1, 2, 3]).buffer; const view = new Uint8Array(buf, 1);"
        + " const c = structuredClone({ buf, view }, { transfer: [buf] });"
        + " [buf.byteLength, c.buf.byteLength, c.view.join(''), c.view.buffer === c.buf].join(',')"))
        .isEqualTo("0,3,23,true");
    assertThat(eval("const b2 = new ArrayBuffer(4); structuredClone(null, { transfer: [new Uint8Array(b2), b2] }); b2.byteLength"))
        .isEqualTo("0");
    assertThat(thrown("structuredClone(1, 5)")).isEqualTo("TypeError|Failed to execute 'structuredClone' on"
        + " 'ServiceWorkerGlobalScope': parameter 2 is not of type 'StructuredCloneOptions'.|false");
    assertThat(thrown("structuredClone(1, { transfer: [{}] })")).isEqualTo("TypeError|Object is not transferable|false");
    assertThat(thrown("structuredClone(1, { transfer: 5 })")).isEqualTo("TypeError|Incorrect type for the 'transfer'"
        + " field on 'StructuredCloneOptions': the provided value is not of type 'Array'.|false");
    assertThat(thrown("const d = new ArrayBuffer(2); structuredClone(1, { transfer: [d] }); structuredClone(d)"))
        .isEqualTo("DataCloneError|An ArrayBuffer is detached and could not be cloned.|true");
  }

  @Test
  void errors() {
    assertThat(eval("const e = new TypeError('bad', { cause: { code: 1 } }); e.extra = 'dropped'; const c = structuredClone(e);"
        + " [c !== e, c instanceof TypeError, c.name, c.message, c.cause.code, c.cause !== e.cause, c.extra,"
        + "  c.stack === e.stack, Object.keys(c).length].join(',')"))
        .isEqualTo("true,true,TypeError,bad,1,true,,true,0");
    assertThat(eval("const e2 = new RangeError('r'); e2.name = 'Custom'; const c2 = structuredClone(e2);"
        + " [Object.getPrototypeOf(c2) === Error.prototype, c2.name, c2.message].join(',')")).isEqualTo("true,Error,r");
    assertThat(eval("const e3 = new Error(); 'message' in structuredClone(e3) && Object.hasOwn(structuredClone(e3), 'message')"))
        .isEqualTo("false");
    assertThat(eval("const d = structuredClone(new DOMException('gone', 'AbortError'));"
        + " [d instanceof DOMException, d.name, d.message, d.code].join(',')")).isEqualTo("true,AbortError,gone,20");
  }

  @Test
  void blobsAndFilesAreNotSerializable() {
    // workerd (Miniflare 4.20260426.0) refuses both
    assertThat(thrown("structuredClone(new Blob(['hey'], { type: 'text/plain' }))")).isEqualTo("DataCloneError|Could"
        + " not serialize object of type \"Blob\". This type does not support serialization.|true");
    assertThat(thrown("structuredClone(new File(['x'], 'f.txt'))")).isEqualTo("DataCloneError|Could not serialize object"
        + " of type \"File\". This type does not support serialization.|true");
  }

  @Test
  void nonCloneableValues() {
    assertThat(thrown("structuredClone(() => {})")).isEqualTo("DataCloneError|() => {} could not be cloned.|true");
    assertThat(thrown("structuredClone({ f: function foo(a) { return a; } })"))
        .isEqualTo("DataCloneError|function foo(a) { return a; } could not be cloned.|true");
    assertThat(thrown("structuredClone(Symbol('x'))")).isEqualTo("DataCloneError|Symbol(x) could not be cloned.|true");
    assertThat(thrown("structuredClone(new WeakMap())")).isEqualTo("DataCloneError|#<WeakMap> could not be cloned.|true");
    assertThat(thrown("structuredClone([Promise.resolve()])")).isEqualTo("DataCloneError|#<Promise> could not be cloned.|true");
    assertThat(thrown("structuredClone(new EventTarget())")).isEqualTo("DataCloneError|Could not serialize object of type"
        + " \"EventTarget\". This type does not support serialization.|true");
    assertThat(thrown("structuredClone(new AbortController().signal)")).isEqualTo("DataCloneError|Could not serialize"
        + " object of type \"AbortSignal\". This type does not support serialization.|true");
    assertThat(eval("(() => { try { structuredClone(() => 1); } catch (e) { return e.code; } })()")).isEqualTo("25");
  }
}
