// The WebAssembly API probe: run on Miniflare 4 (workerd 1.20260426) with api.wasm as a CompiledWasm module,
// its answer is probe.workerd.json; WebAssemblyTest runs it here and compares.
import mod from "./api.wasm";
const BYTES = new Uint8Array([0,97,115,109,1,0,0,0]);
async function t(f) {
  try { const v = await f(); return { ok: typeof v === "object" && v !== null ? Object.prototype.toString.call(v) : v }; }
  catch (e) { return { error: String(e && e.name), message: String(e && e.message), isCompileError: e instanceof WebAssembly.CompileError, proto: Object.getPrototypeOf(e) === WebAssembly.RuntimeError.prototype ? "RuntimeError" : undefined }; }
}
export default {
  async fetch(req) {
    const r = {};
    const logs = [];
    const imports = { env: { log: (x) => logs.push(x) } };
    r.type = typeof WebAssembly;
    r.names = Object.getOwnPropertyNames(WebAssembly).sort();
    r.tag = Object.prototype.toString.call(WebAssembly);
    r.modIsModule = mod instanceof WebAssembly.Module;
    r.newModule = await t(() => new WebAssembly.Module(BYTES));
    r.newModuleGarbage = await t(() => new WebAssembly.Module(new Uint8Array([1,2,3])));
    r.newModuleNoArg = await t(() => new WebAssembly.Module());
    r.callModule = await t(() => WebAssembly.Module(BYTES));
    r.compile = await t(() => WebAssembly.compile(BYTES));
    r.compileGarbage = await t(() => WebAssembly.compile(new Uint8Array([1,2,3])));
    r.compileNonBuffer = await t(() => WebAssembly.compile("x"));
    r.instantiateBytes = await t(() => WebAssembly.instantiate(BYTES));
    r.instantiateBytesSync = (() => { try { const p = WebAssembly.instantiate(BYTES); return "promise:" + (p instanceof Promise); } catch (e) { return "threw " + e.name; } })();
    r.validate = await t(() => WebAssembly.validate(BYTES));
    r.validateGarbage = await t(() => WebAssembly.validate(new Uint8Array([1,2,3])));
    r.validateNonBuffer = await t(() => WebAssembly.validate("x"));
    r.compileStreaming = await t(() => WebAssembly.compileStreaming(new Response(BYTES, { headers: { "content-type": "application/wasm" } })));
    r.instantiateStreaming = await t(() => WebAssembly.instantiateStreaming(new Response(BYTES, { headers: { "content-type": "application/wasm" } })));
    r.typeofCompileStreaming = typeof WebAssembly.compileStreaming;
    r.exports = WebAssembly.Module.exports(mod);
    r.imports = WebAssembly.Module.imports(mod);
    r.custom = WebAssembly.Module.customSections(mod, "hello").map(b => new TextDecoder().decode(b));
    r.customNone = WebAssembly.Module.customSections(mod, "nope").length;
    r.instantiateModule = await t(async () => { const i = await WebAssembly.instantiate(mod, imports); return Object.prototype.toString.call(i) + " " + (i instanceof WebAssembly.Instance) + " " + i.exports.add(2, 3); });
    r.linkMissing = await t(() => WebAssembly.instantiate(mod, {}));
    r.linkMissing2 = await t(() => WebAssembly.instantiate(mod, { env: {} }));
    r.linkNotFn = await t(() => WebAssembly.instantiate(mod, { env: { log: 1 } }));
    r.linkNoImports = await t(() => WebAssembly.instantiate(mod));
    r.newInstanceMissing = await t(() => new WebAssembly.Instance(mod, {}));
    const inst = new WebAssembly.Instance(mod, imports);
    const e = inst.exports;
    r.exportKeys = Object.keys(e);
    r.exportsFrozen = Object.isFrozen(e);
    r.exportsProto = Object.getPrototypeOf(e);
    r.addName = e.add.name; r.addLength = e.add.length; r.addStr = String(e.add);
    r.addOverflow = e.add(0x7fffffff, 1);
    r.addCoerce = e.add("2", 3.9);
    r.trap = await t(() => e.trap());
    r.div0 = await t(() => e.div(1, 0));
    r.divOverflow = await t(() => e.div(-2147483648, -1));
    r.oob = await t(() => e.oob());
    r.rec = await t(() => e.rec());
    e.callLog(42); r.logs = logs;
    r.memIsMemory = e.memory instanceof WebAssembly.Memory;
    r.memBytes = e.memory.buffer.byteLength;
    r.memGrow = e.memory.grow(1);
    r.memBytesAfter = e.memory.buffer.byteLength;
    r.memGrowTooMuch = await t(() => e.memory.grow(100));
    const m = new WebAssembly.Memory({ initial: 1, maximum: 2 });
    const old = m.buffer;
    r.newMemGrow = m.grow(1);
    r.oldDetached = old.byteLength;
    r.newMemGrowPast = await t(() => m.grow(1));
    r.memHuge = await t(() => new WebAssembly.Memory({ initial: 70000 }));
    r.memMaxLess = await t(() => new WebAssembly.Memory({ initial: 2, maximum: 1 }));
    r.memNoArg = await t(() => new WebAssembly.Memory());
    r.memCall = await t(() => WebAssembly.Memory({ initial: 1 }));
    r.glob = e.g.value; e.g.value = 9; r.glob2 = e.g.value;
    const g = new WebAssembly.Global({ value: "i32", mutable: false }, 5);
    r.globImm = await t(() => { g.value = 1; return g.value; });
    r.globI64 = await t(() => String(new WebAssembly.Global({ value: "i64" }, 5n).value));
    r.globBad = await t(() => new WebAssembly.Global({ value: "x" }));
    r.tbl = e.tbl.length; r.tblGrow = e.tbl.grow(1); r.tblGet = e.tbl.get(0);
    r.tblOob = await t(() => e.tbl.get(10));
    const tb = new WebAssembly.Table({ element: "anyfunc", initial: 1 });
    r.tblSet = await t(() => { tb.set(0, e.add); return tb.get(0) === e.add; });
    r.tblSetBad = await t(() => tb.set(0, () => 1));
    r.errs = ["CompileError", "LinkError", "RuntimeError"].map(n => [n, typeof WebAssembly[n], new WebAssembly[n]("m").name, Object.getPrototypeOf(WebAssembly[n].prototype) === Error.prototype, String(new WebAssembly[n]("m"))]);
    r.instanceNoNew = await t(() => WebAssembly.Instance(mod));
    r.moduleExportsBad = await t(() => WebAssembly.Module.exports({}));
    r.propDesc = Object.getOwnPropertyDescriptor(globalThis, "WebAssembly");
    r.moduleDesc = Object.getOwnPropertyDescriptor(WebAssembly, "Module");
    r.moduleStr = String(mod);
    r.instanceStr = String(inst);
    r.moduleLen = WebAssembly.Module.length; r.moduleName = WebAssembly.Module.name;
    r.promising = typeof WebAssembly.promising; r.tag2 = typeof WebAssembly.Tag; r.exc = typeof WebAssembly.Exception;
    return Response.json(r);
  }
};
