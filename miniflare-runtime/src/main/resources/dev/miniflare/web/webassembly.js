// The WebAssembly global of a worker, as workerd has it: GraalJS's implementation (over GraalWasm) with
// workerd's policy on top. Evaluated only in isolates created with wasm, before any worker code runs.
(function (host, global, internals) {
  // GraalJS needs polyglot access to reach GraalWasm, which also installs a `Polyglot` global: worker code
  // must never see it (Polyglot.eval would compile wasm or JS around every policy here).
  delete global.Polyglot;
  const WebAssembly = global.WebAssembly;
  if (WebAssembly === undefined) return {};
  const { Module, CompileError } = WebAssembly;
  const moduleInstantiate = WebAssembly.instantiate;

  if (!host.allowEval()) {
    // workerd refuses to generate code at run time, wasm included: only modules imported from the worker's own
    // .wasm files (compiled by the runtime) can be instantiated. validate() still answers.
    const refused = (where) => new CompileError(`${where}: Wasm code generation disallowed by embedder`);
    const RefusingModule = function Module(bytes) {
      if (new.target === undefined) {
        throw new TypeError("WebAssembly.Module(): WebAssembly.Module must be invoked with 'new'");
      }
      throw refused('WebAssembly.Module()');
    };
    for (const key of Reflect.ownKeys(Module)) {
      if (key !== 'length' && key !== 'name' && key !== 'prototype') {
        Object.defineProperty(RefusingModule, key, Object.getOwnPropertyDescriptor(Module, key));
      }
    }
    Object.defineProperty(RefusingModule, 'prototype', { value: Module.prototype, writable: false, enumerable: false, configurable: false });
    Object.defineProperty(Module.prototype, 'constructor', { value: RefusingModule, writable: true, enumerable: false, configurable: true });
    const methods = {
      compile(bytes) {
        return Promise.reject(refused('WebAssembly.compile()'));
      },
      instantiate(source, imports) {
        if (source instanceof Module) {
          return Reflect.apply(moduleInstantiate, WebAssembly, arguments);
        }
        return Promise.reject(refused('WebAssembly.instantiate()'));
      },
    };
    const define = (key, value) => Object.defineProperty(WebAssembly, key, { value, writable: true, enumerable: false, configurable: true });
    define('Module', RefusingModule);
    define('compile', methods.compile);
    define('instantiate', methods.instantiate);
  }
  if (!(Symbol.toStringTag in WebAssembly)) {
    Object.defineProperty(WebAssembly, Symbol.toStringTag, { value: 'WebAssembly', configurable: true });
  }
  return { WebAssembly };
})
