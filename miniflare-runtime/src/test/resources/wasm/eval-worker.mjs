// Runs the posted code (needs unsafeEval) with `mod`, the compiled api.wasm, in scope; answers JSON.
import mod from "./api.wasm";

globalThis.mod = mod;
globalThis.imports = { env: { log() {} } };

export default {
  async fetch(request) {
    try {
      const value = await (0, eval)(await request.text());
      return Response.json({ ok: value });
    } catch (e) {
      return Response.json({ error: e.name, message: e.message, runtimeError: e instanceof WebAssembly.RuntimeError });
    }
  },
};
