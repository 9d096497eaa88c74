import path from "node:path";
import posix from "node:path/posix";
import { StringDecoder } from "node:string_decoder";
import util from "node:util";
import * as types from "node:util/types";
export default { async fetch() {
  const out = {};
  out.path = [path.resolve("a", "../b"), path.resolve("/x", "y"), path.join("/a/b", "../c", "./d"), path.normalize("a//b/../c/"), path.relative("/a/b/c", "/a/d"), path.basename("/a/b.txt", ".txt"), path.extname("x.tar.gz"), path.dirname("/a/b/c"), JSON.stringify(path.parse("/home/u/f.txt")), path.format({ dir: "/x", base: "y.z" }), path.isAbsolute("a"), path.sep, path.delimiter, path.posix === path, posix === path.posix, typeof path.win32, path.win32 && path.win32.sep, path.toNamespacedPath("/a")];
  const errs = [];
  for (const f of [() => path.join(5), () => path.resolve(null), () => path.basename("/a", 5)]) { try { f(); errs.push("ok") } catch (e) { errs.push([e.name, e.code, e.message].join(" / ")) } }
  out.pathErrs = errs;
  const d = new StringDecoder("utf8"); const euro = Buffer.from("€");
  out.sd = [d.write(euro.subarray(0, 1)), d.write(euro.subarray(1)), d.end(Buffer.from([0xe2])), new StringDecoder("hex").write(Buffer.from("hi")), new StringDecoder("base64").write(Buffer.from("abcd")) + new StringDecoder("base64").end(), new StringDecoder().encoding, new StringDecoder("latin1").encoding];
  try { new StringDecoder("nope") } catch (e) { out.sdErr = [e.name, e.code, e.message] }
  out.fmt = [util.format("%s:%d:%i:%f:%j:%o:%O:%%:%c", "a", 42.5, 42.5, "1.5", { a: 1 }, [1], { b: { c: {} } }, "css"), util.format("a", 1, { x: 1 }), util.inspect({ a: [1, 2, { b: new Map([[1, 2]]) }], s: "x" }), util.inspect("str"), util.inspect(new Error("e")).split("\n")[0], util.inspect(Buffer.from("hi")), util.inspect({ deep: { a: { b: { c: { d: 1 } } } } }, { depth: 0 })];
  out.types = [types.isPromise(Promise.resolve()), types.isDate(new Date()), types.isRegExp(/x/), types.isUint8Array(Buffer.alloc(1)), types.isArrayBuffer(new ArrayBuffer(1)), types.isAnyArrayBuffer(new ArrayBuffer(1)), types.isAsyncFunction(async () => {}), types.isGeneratorFunction(function* () {}), types.isMap(new Map()), types.isSet(new Set()), types.isNativeError(new TypeError()), types.isBoxedPrimitive(Object(1)), types.isTypedArray(new Float32Array()), types.isProxy(new Proxy({}, {})), util.types === types ? "same" : "copy", Object.keys(types).length];
  const p = util.promisify((a, cb) => cb(null, a + 1));
  out.promisify = await p(1);
  const cbf = util.callbackify(async (x) => x * 2);
  out.callbackify = await new Promise((r) => cbf(2, (e, v) => r([e, v])));
  const rej = util.callbackify(async () => { throw null; });
  out.cbNull = await new Promise((r) => rej((e) => r([e.name, e.code, e.message, e.reason])));
  out.deep = [util.isDeepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), util.isDeepStrictEqual([1], ["1"]), util.isDeepStrictEqual(new Map([[1, 2]]), new Map([[1, 2]])), util.isDeepStrictEqual(NaN, NaN), util.isDeepStrictEqual({ a: undefined }, {})];
  function A() {} function B() {} util.inherits(A, B);
  out.misc = [new A() instanceof B, util.TextEncoder === TextEncoder, util.TextDecoder === TextDecoder, typeof util.deprecate, util.isArray([]), typeof util.debuglog("x"), util.stripVTControlCharacters("\u001b[31mx\u001b[0m"), util.toUSVString("a\ud800"), typeof util.promisify.custom, String(util.inspect.custom)];
  try { util.promisify(5) } catch (e) { out.promErr = [e.name, e.code, e.message] }
  return Response.json(out);
}};
