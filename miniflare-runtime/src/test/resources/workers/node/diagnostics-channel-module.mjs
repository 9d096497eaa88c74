import dc, { channel, hasSubscribers, subscribe, unsubscribe, tracingChannel, Channel } from "node:diagnostics_channel";
import mod, { createRequire, builtinModules, isBuiltin } from "node:module";
export default { async fetch() {
  const out = {};
  const ch = channel("my-ch");
  const got = [];
  out.dc = [ch === channel("my-ch"), ch.hasSubscribers, hasSubscribers("my-ch"), ch.name, ch instanceof Channel];
  const fn = (msg, name) => got.push([msg, name]);
  subscribe("my-ch", fn);
  out.dc.push(ch.hasSubscribers, hasSubscribers("my-ch"));
  ch.publish({ a: 1 });
  out.dc.push(unsubscribe("my-ch", fn), unsubscribe("my-ch", fn), ch.hasSubscribers);
  ch.publish({ a: 2 });
  out.got = got;
  const tc = tracingChannel("t");
  const ev = [];
  tc.subscribe({ start: (m) => ev.push("start:" + JSON.stringify(m)), end: (m) => ev.push("end"), asyncStart: () => ev.push("asyncStart"), asyncEnd: () => ev.push("asyncEnd"), error: (m) => ev.push("error:" + m.error.message) });
  out.traceSync = tc.traceSync((x) => x * 2, { ctx: 1 }, null, 21);
  try { tc.traceSync(() => { throw new Error("bad") }, { c: 2 }) } catch (e) { }
  out.tracePromise = await tc.tracePromise(async () => "p", { c: 3 });
  out.ev = ev;
  out.keys = Object.keys(dc).sort().join();
  out.modKeys = Object.keys(mod).sort().join();
  const require = createRequire("/worker/index.js");
  out.req = [typeof require, typeof require("node:buffer").Buffer, typeof require("buffer").Buffer, require("events") === (await import("node:events")).default];
  try { require("./x.js") } catch (e) { out.reqErr = [e.name, e.code, e.message] }
  try { require("fs") } catch (e) { out.reqErr2 = [e.name, e.code, e.message] }
  out.builtin = [isBuiltin("node:buffer"), isBuiltin("fs"), isBuiltin("nope"), builtinModules.length, builtinModules.slice(0, 6).join()];
  try { createRequire(5) } catch (e) { out.crErr = [e.name, e.code, e.message] }
  return Response.json(out);
}};
