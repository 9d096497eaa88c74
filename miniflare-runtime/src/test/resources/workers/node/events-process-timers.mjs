import { EventEmitter, once, on, errorMonitor, getEventListeners, listenerCount, defaultMaxListeners, setMaxListeners } from "node:events";
import events from "node:events";
import process, { nextTick } from "node:process";
import timers, { setTimeout as nodeSetTimeout, setImmediate as nodeSetImmediate, clearTimeout as nodeClearTimeout } from "node:timers";
import { setTimeout as sleep, setImmediate as immediate, scheduler } from "node:timers/promises";
export default { async fetch(req, env) {
  const out = {};
  const e = new EventEmitter();
  const log = [];
  e.on("x", (a, b) => log.push("x1:" + a + b));
  e.prependListener("x", () => log.push("x0"));
  e.once("x", () => log.push("once"));
  e.emit("x", 1, 2); e.emit("x", 3, 4);
  e.on(errorMonitor, (err) => log.push("monitor:" + err.message));
  e.on("error", (err) => log.push("error:" + err.message));
  e.emit("error", new Error("boom"));
  out.log = log;
  const errs = [];
  const t = (f) => { try { f(); errs.push("no error"); } catch (err) { errs.push([err.name, err.code, err.message].join(" / ")); } };
  t(() => new EventEmitter().emit("error", new Error("unhandled")));
  t(() => new EventEmitter().emit("error", "str"));
  t(() => new EventEmitter().on("x", 5));
  t(() => setMaxListeners(-1));
  out.errs = errs;
  out.meta = [events === EventEmitter, defaultMaxListeners, listenerCount(e, "x"), e.listenerCount("x"), getEventListeners(e, "x").length, e.eventNames().map(String).join("+"), typeof EventEmitter.once, e.getMaxListeners()];
  setTimeout(() => e.emit("later", 42), 1);
  out.once = await once(e, "later");
  const it = on(e, "tick");
  setTimeout(() => { e.emit("tick", 1); e.emit("tick", 2); }, 1);
  const got = [];
  for await (const v of it) { got.push(v); if (got.length === 2) break; }
  out.on = got;
  out.onAfter = e.listenerCount("tick");
  const order = [];
  await new Promise((res) => {
    nodeSetTimeout(() => { order.push("timeout"); }, 0);
    nodeSetImmediate(() => { order.push("immediate"); });
    nextTick(() => order.push("tick"));
    Promise.resolve().then(() => order.push("promise"));
    queueMicrotask(() => order.push("micro"));
    setTimeout(res, 20);
  });
  out.order = order;
  const tm = nodeSetTimeout(() => {}, 1000);
  out.timeout = [typeof tm, tm.constructor.name, typeof tm.ref, typeof tm.unref, tm.hasRef(), typeof +tm, typeof tm[Symbol.toPrimitive]];
  nodeClearTimeout(tm);
  out.sleep = await sleep(1, "v");
  out.immediate = await immediate("i");
  out.sched = typeof scheduler.wait;
  const ac = new AbortController(); const p = sleep(1000, null, { signal: ac.signal }); ac.abort();
  try { await p } catch (err) { out.abort = [err.name, err.code, err.message] }
  try { nextTick(5) } catch (err) { out.tickErr = [err.name, err.code, err.message] }
  out.proc = [process.platform, typeof process.env, JSON.stringify(process.env), typeof process.exit, typeof process.getBuiltinModule, process.getBuiltinModule("node:buffer") === undefined, process.getBuiltinModule("fs"), JSON.stringify(process.features)];
  out.imm = (() => { const i = setImmediate(() => {}); clearImmediate(i); return [typeof i, i.constructor.name]; })();
  return Response.json(out);
}};
