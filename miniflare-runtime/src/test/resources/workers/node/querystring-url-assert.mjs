import qs from "node:querystring";
import url, { URL as U, fileURLToPath, pathToFileURL, format as urlFormat, domainToASCII } from "node:url";
import assert, { strict, AssertionError } from "node:assert";
import assertStrict from "node:assert/strict";
export default { async fetch() {
  const out = {};
  out.qs = [qs.stringify({ a: [1, 2], b: "x y", c: "é&=", d: "" , e: null, f: undefined}), JSON.stringify(qs.parse("a=1&a=2&b=x+y&c=%C3%A9&d&e=")), qs.escape("a b&"), qs.unescape("a%20b+c"), qs.stringify({ a: 1, b: 2 }, ";", ":"), JSON.stringify(qs.parse("a:1;b:2", ";", ":")), typeof qs.encode, typeof qs.decode, Object.keys(qs).sort().join()];
  out.url = [U === URL, url.URLSearchParams === URLSearchParams, fileURLToPath("file:///a/b%20c"), pathToFileURL("/a/b c#?").href, urlFormat(new URL("https://u:p@x.com/a?b#c"), { auth: false, fragment: false }), domainToASCII("español.com"), Object.keys(url).sort().join()];
  const legacy = url.parse("https://user:pw@host.com:8080/p/a/t/h?query=string#hash", true);
  out.legacy = [legacy.protocol, legacy.auth, legacy.host, legacy.port, legacy.hostname, legacy.hash, legacy.search, JSON.stringify(legacy.query), legacy.pathname, legacy.path, legacy.href, url.format({ protocol: "https", hostname: "x.com", pathname: "/a", query: { b: 1 } }), url.resolve("http://a.com/b/c", "../d")];
  try { fileURLToPath("http://x") } catch (e) { out.f2pErr = [e.name, e.code, e.message] }
  const errs = [];
  const t = (f) => { try { f(); errs.push("no error"); } catch (e) { errs.push([e.name, e.code, e.message, e.constructor.name, e.operator, String(e.generatedMessage)].join(" / ")); } };
  t(() => assert(false));
  t(() => assert.ok(0, "custom"));
  t(() => assert.equal(1, 2));
  t(() => assert.strictEqual(1, "1"));
  t(() => assert.notStrictEqual(1, 1));
  t(() => assert.deepStrictEqual({ a: 1 }, { a: 1 }));
  t(() => assert.throws(() => { throw new TypeError("x") }, TypeError));
  t(() => assert.throws(() => {}));
  t(() => assert.fail("boom"));
  t(() => assert.match("abc", /x/));
  t(() => assert.equal(1, "1"));
  t(() => assertStrict.equal(1, "1"));
  t(() => new AssertionError({ message: "m", actual: 1, expected: 2, operator: "==" }).message && (() => { throw new AssertionError({ message: "m", actual: 1, expected: 2, operator: "==" }) })());
  out.errs = errs;
  try { await assert.rejects(Promise.resolve(1)); } catch (e) { out.rejects = [e.code, e.message] }
  out.strictSame = [strict === assertStrict, assert.strict === strict, typeof assert.deepEqual, Object.keys(assert).sort().join()];
  return Response.json(out);
}};
