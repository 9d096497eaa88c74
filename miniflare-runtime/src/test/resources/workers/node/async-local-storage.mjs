import { AsyncLocalStorage, AsyncResource } from "node:async_hooks";
import { EventEmitter } from "node:events";
const als = new AsyncLocalStorage();
export default { async fetch(req, env, ctx) {
  const url = new URL(req.url); const id = url.searchParams.get("id") ?? "x";
  const out = {};
  out.outside = als.getStore() ?? null;
  out.run = await als.run(id, async () => {
    const r = [als.getStore()];
    await new Promise(r2 => setTimeout(r2, 5)); r.push(als.getStore());
    await null; r.push(als.getStore());
    await new Promise(res => queueMicrotask(() => { r.push(als.getStore()); res(); }));
    const e = new EventEmitter(); e.on("x", () => r.push("ev:" + als.getStore()));
    als.run("inner", () => e.emit("x"));
    const bound = AsyncLocalStorage.bind(() => als.getStore());
    r.push("bound:" + als.run("other", bound));
    const snap = AsyncLocalStorage.snapshot();
    r.push("snap:" + als.run("other", () => snap(() => als.getStore())));
    r.push("exit:" + als.exit(() => als.getStore()));
    await new Promise(res => setImmediate(() => { r.push("imm:" + als.getStore()); res(); }));
    return r;
  });
  out.enterWith = typeof als.enterWith;
  try { als.enterWith("z"); out.ew = als.getStore(); } catch (e) { out.ew = e.name + ": " + e.message }
  try { new AsyncLocalStorage().run() } catch (e) { out.runErr = [e.name, e.code, e.message] }
  out.res = (() => { const r = als.run("R", () => new AsyncResource("T")); return r.runInAsyncScope(() => als.getStore()); })();
  out.name = als.name; out.ctorLen = AsyncLocalStorage.length;
  return Response.json(out);
}};
