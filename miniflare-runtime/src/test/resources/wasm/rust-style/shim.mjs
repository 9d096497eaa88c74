// Entry point in the shape of workers-rs's worker-build shim: instantiate the imported, pre-compiled module with
// the glue as its imports, then serve requests through the exported Rust functions.
import * as imports from "./index_bg.js";
import wasmModule from "./index_bg.wasm";

const instance = new WebAssembly.Instance(wasmModule, { "./index_bg.js": imports });
imports.__wbg_set_wasm(instance.exports);

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/spin") {
      imports.spin();
    }
    try {
      const name = request.method === "POST" ? await request.text() : url.searchParams.get("name") ?? "world";
      const greeting = imports.greet(name);
      return new Response(greeting, { headers: { "content-type": "text/plain;charset=UTF-8" } });
    } catch (e) {
      return new Response(`${e.name}: ${e.message}`, { status: 500 });
    }
  },
};
