import { DurableObject } from "cloudflare:workers";

// Cases whose results were recorded on workerd (Miniflare 4.20260426.0, compatibility date 2024-09-23);
// WorkerdParityTest runs one per request and compares.
let rejections = [];
addEventListener("unhandledrejection", (e) => {
  rejections.push([e.constructor.name, String(e.reason), typeof e.promise, e.cancelable].join(":"));
  e.preventDefault();
});

export const cases = {
  methodLowerPatch: () => new Request("http://x", { method: "patch" }).method,
  methodUpperPatch: () => new Request("http://x", { method: "PATCH" }).method,
  methodMixedGet: () => new Request("http://x", { method: "Get" }).method,
  methodPurge: () => new Request("http://x", { method: "PURGE" }).method,
  methodConnect: () => new Request("http://x", { method: "CONNECT" }).method,
  methodCustom: () => new Request("http://x", { method: "FOO" }).method,
  methodMSearch: () => new Request("http://x", { method: "M-SEARCH" }).method,
  requestRelativeUrl: () => new Request("/x").url,
  urlRelative: () => new URL("/x").href,
  redirectBadStatus: () => Response.redirect("http://x/y", 200).status,
  redirectBadUrl: () => Response.redirect("nope").status,
  nullBodyStatus: () => new Response("x", { status: 205 }).status,
  nullBodyStatusEmpty: () => new Response("", { status: 304 }).status,
  nullBodyStatusEmptyBytes: () => new Response(new Uint8Array(0), { status: 204 }).status,
  setTimeoutString: () => setTimeout("1", 0),
  setIntervalString: () => setInterval("1", 0),
  queueMicrotaskString: () => queueMicrotask("1"),
  kvPutObject: async (env) => env.KV.put("o", { a: 1 }),
  kvPutArray: async (env) => env.KV.put("o", [1]),
  kvPutPrimitives: async (env) => { await env.KV.put("n", 5); await env.KV.put("u", undefined); await env.KV.put("z", null);
    return [await env.KV.get("n"), await env.KV.get("u"), await env.KV.get("z")].join(","); },
  kvGetMissingBadType: async (env) => env.KV.get("missing", "nope"),
  kvGetBadType: async (env) => { await env.KV.put("k", "v"); return env.KV.get("k", "nope"); },
  randomNotAView: () => crypto.getRandomValues([1, 2]),
  randomFloatView: () => crypto.getRandomValues(new Float64Array(1)),
  randomDataView: () => crypto.getRandomValues(new DataView(new ArrayBuffer(2))),
  randomTooBig: () => crypto.getRandomValues(new Uint32Array(16385)),
  randomBigInt: () => crypto.getRandomValues(new BigInt64Array(1)).constructor.name,
  timeZone: () => [Intl.DateTimeFormat().resolvedOptions().timeZone, new Date(0).getTimezoneOffset(),
    new Date(0).getHours(), new Date(0).toLocaleDateString("en-US", { timeZoneName: "short" })].join(","),
  redirectHeadersImmutable: () => { Response.redirect("http://x/").headers.set("a", "b"); return "mutable"; },
  errorHeadersMutable: () => { const r = Response.error(); r.headers.set("a", "b"); return r.headers.get("a"); },
  headersIterationSnapshot: () => { const h = new Headers({ a: "1", b: "2", c: "3" }); const out = [];
    for (const [k, v] of h) { out.push(k + v); h.delete("c"); h.set("b", "9"); h.append("bb", "x"); } return out.join(" "); },
  formDataNoBoundary: () => new Response("x", { headers: { "content-type": "multipart/form-data" } }).formData(),
  digestString: () => crypto.subtle.digest("SHA-256", "abc"),
  encryptString: async () => crypto.subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(12) },
    await crypto.subtle.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["encrypt"]), "abc"),
  timingSafeEqualString: () => crypto.subtle.timingSafeEqual("a", new Uint8Array(1)),
  importKeyString: () => crypto.subtle.importKey("raw", "abc", { name: "HMAC", hash: "SHA-256" }, false, ["sign"]),
  importKeyObjectAsRaw: () => crypto.subtle.importKey("raw", {}, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]),
  kvBulkStreamType: async (env) => env.KV.get(["a"], "stream"),
  kvBulkEmpty: async (env) => env.KV.get([]),
  kvBulkTooMany: async (env) => env.KV.get(Array.from({ length: 101 }, (_, i) => "k" + i)),
  kvBulkEmptyKey: async (env) => env.KV.get(["", "a"]),
  kvBulkNotJson: async (env) => { await env.KV.put("jb", "{x"); return env.KV.get(["jb"], "json"); },
  kvBulkWithMetadata: async (env) => { await env.KV.put("m", "v", { metadata: { x: 1 } });
    return JSON.stringify([...await env.KV.getWithMetadata(["m", "missing"])]); },
  kvBulkJson: async (env) => { await env.KV.put("j", '{"a":1}'); return JSON.stringify([...await env.KV.get(["j", "j", "missing"], "json")]); },
  kvCacheTtl: async (env) => env.KV.get("x", { cacheTtl: 10 }),
  fetchFtp: () => fetch("ftp://x/"),
  hiddenGlobals: () => ["WeakRef", "FinalizationRegistry", "arguments", "ExecutionContext", "__formatConsoleArgs",
    "Polyglot", "Java"].map((n) => n + ":" + typeof globalThis[n]).join(" "),
  originAndReportError: () => [typeof origin, String(origin), typeof reportError].join(","),
  unhandledRejectionEvent: async () => { rejections = []; Promise.reject(new Error("x"));
    await new Promise((r) => setTimeout(r, 20)); return rejections.join(" "); },
  errorEvent: () => { const e = new ErrorEvent("error", { message: "m", filename: "f", lineno: 1, colno: 2, error: 5 });
    return [e.type, e.message, e.filename, e.lineno, e.colno, e.error, e instanceof Event].join(","); },
  messageEvent: () => { const e = new MessageEvent("message", { data: { a: 1 } }); return [e.type, JSON.stringify(e.data), e instanceof Event].join(","); },
  closeEvent: () => { const e = new CloseEvent("close", { code: 1000, reason: "bye", wasClean: true }); return [e.type, e.code, e.reason, e.wasClean].join(","); },
  promiseRejectionEventConstructor: () => new PromiseRejectionEvent("unhandledrejection", { promise: Promise.resolve(), reason: 1 }),
  streamOfStrings: () => new Response(new ReadableStream({ start(c) { c.enqueue("ab"); c.close(); } })).text(),
  lockedBody: () => { const r = new Response("x"); r.body.getReader(); return r.text(); },
  cloneAfterUse: async () => { const r = new Response("x"); await r.text(); return r.clone(); },
  textAfterUse: async () => { const r = new Response("x"); await r.text(); return r.text(); },
  redirectModeError: () => new Request("http://x", { redirect: "error" }).redirect,
  integrity: () => new Request("http://x", { integrity: "sha256-x" }).integrity,
  statusTextNewline: () => new Response(null, { statusText: "a\nb" }).statusText,
  statusTextLatin1: () => new Response(null, { statusText: "caf\u00e9" }).statusText,
  headersBadPair: () => new Headers([["a", "1"], ["b"]]),
  fileWithoutName: () => new File(["x"]),
  formDataBlobName: () => { const f = new FormData(); f.append("field", new Blob(["x"])); return f.get("field").name; },
  cloneBlob: () => structuredClone(new Blob(["x"])),
  cloneStream: () => structuredClone(new ReadableStream()),
  cloneResponse: () => structuredClone(new Response("x")),
  cloneRequest: () => JSON.stringify(structuredClone(new Request("http://x"))),
  requestCacheNoStore: () => new Request("http://x", { cache: "no-store" }).cache,
  requestCacheNoCache: () => new Request("http://x", { cache: "no-cache" }).cache,
  requestCacheDefault: () => new Request("http://x").cache,
  dateStrings: () => [new Date(0).toString(), new Date(0).toTimeString(), String(new Date(86400000)),
    `${new Date(0)}`, new Date(NaN).toString(), Date.prototype.toString.name].join(" / "),
  performance: () => [typeof performance, performance.timeOrigin, Math.abs(performance.now() - Date.now()) < 1000,
    Object.getOwnPropertyNames(Object.getPrototypeOf(performance)).join(" "), typeof Performance, JSON.stringify(performance)].join(","),
  schedulerWait: async () => [await scheduler.wait(1), scheduler.wait.length, typeof Scheduler,
    Object.getOwnPropertyNames(Object.getPrototypeOf(scheduler)).join(" ")].join(","),
  schedulerAbort: async () => { const c = new AbortController(); const p = scheduler.wait(10000, { signal: c.signal }); c.abort(); return p; },
  evalString: () => eval("1 + 1"),
  evalIndirect: () => (0, eval)("1"),
  evalNonString: () => eval(42),
  searchParamsBadPair: () => new URLSearchParams([["only-one"]]),
  enqueueAfterClose: () => { let out; new ReadableStream({ start(c) { c.close(); try { c.enqueue("x"); } catch (e) { out = e; } } }); throw out; },
  writeAfterClose: async () => { const w = new WritableStream().getWriter(); await w.close(); return w.write("late"); },
  byobOnDefaultStream: () => new ReadableStream().getReader({ mode: "byob" }),
  jsonUndefined: () => Response.json(undefined).text(),
  jsonFunction: () => Response.json(() => 1).text(),
  blobFileTags: () => [new Blob([]), new File([], "f")].map((x) => Object.prototype.toString.call(x)).join(),
  functionConstructor: () => new Function("return 1")(),
  asyncFunctionConstructor: () => (async () => {}).constructor("return 1"),
};

export class NoAlarm extends DurableObject {
  async setAlarm(value) { return this.ctx.storage.setAlarm(value); }
}
export class WithAlarm extends DurableObject {
  async alarm() {}
  async setAlarm(value) { await this.ctx.storage.setAlarm(value); return this.ctx.storage.getAlarm(); }
}
const noAlarm = (env) => env.NO_ALARM.get(env.NO_ALARM.idFromName("x"));
const withAlarm = (env) => env.WITH_ALARM.get(env.WITH_ALARM.idFromName("x"));
Object.assign(cases, {
  setAlarmWithoutHandler: async (env) => noAlarm(env).setAlarm(Date.now() + 60000),
  setAlarmString: async (env) => withAlarm(env).setAlarm("1000"),
  setAlarmNaN: async (env) => withAlarm(env).setAlarm(NaN),
  setAlarmDate: async (env) => withAlarm(env).setAlarm(new Date(4102444800000)),
});

export default {
  async fetch(request, env) {
    const name = new URL(request.url).pathname.slice(1);
    try {
      return new Response("ok: " + String(await cases[name](env)));
    } catch (e) {
      return new Response(`error: ${e.name}: ${e.message}`);
    }
  },
};
