// The WebAssembly global of a worker, as workerd has it: GraalJS's implementation (over GraalWasm) with
// workerd's policy and link-error wording on top. Evaluated only in isolates created with wasm, before any worker
// code runs.
(function (host, global, internals) {
  // GraalJS needs polyglot access to reach GraalWasm, which also installs a `Polyglot` global: worker code
  // must never see it (Polyglot.eval would compile wasm or JS around every policy here).
  delete global.Polyglot;
  const WebAssembly = global.WebAssembly;
  if (WebAssembly === undefined) return {};
  const { Module, Instance: OriginalInstance, CompileError } = WebAssembly;
  const originalInstantiate = WebAssembly.instantiate;
  const moduleImports = Module.imports;

  const define = (target, key, value) =>
    Object.defineProperty(target, key, { value, writable: true, enumerable: false, configurable: true });

  // A constructor standing in for a built-in one: same prototype (so instanceof and existing objects agree) and
  // statics; the prototype's `constructor` points at the stand-in.
  const replaceConstructor = (original, replacement) => {
    for (const key of Reflect.ownKeys(original)) {
      if (key !== 'length' && key !== 'name' && key !== 'prototype') {
        Object.defineProperty(replacement, key, Object.getOwnPropertyDescriptor(original, key));
      }
    }
    Object.defineProperty(replacement, 'prototype', { value: original.prototype, writable: false, enumerable: false, configurable: false });
    define(original.prototype, 'constructor', replacement);
    define(WebAssembly, original.name, replacement);
  };

  // V8's wording for import objects that do not fit the module (GraalJS throws the same error types).
  const checkImportObject = (where, module, importObject) => {
    if (!(module instanceof Module)) return;
    const missing = importObject === undefined && Reflect.apply(moduleImports, Module, [module]).length > 0;
    if (missing || importObject !== undefined && (importObject === null || typeof importObject !== 'object')) {
      throw new TypeError(`${where}: Imports argument must be present and must be an object`);
    }
  };
  const linkError = (where, module, e) => {
    if (!(e instanceof Error) || !(module instanceof Module)) return e;
    let m = /^Imported module "(.*)" is not an object: /.exec(e.message);
    if (m !== null) {
      const index = Reflect.apply(moduleImports, Module, [module]).findIndex((d) => d.module === m[1]);
      if (index >= 0) e.message = `${where}: Import #${index} "${m[1]}": module is not an object or function`;
      return e;
    }
    m = /^Import #(\d+) "(.*)" "(.*)": Imported value is not callable$/.exec(e.message);
    if (m !== null) e.message = `${where}: Import #${m[1]} "${m[2]}" "${m[3]}": function import requires a callable`;
    return e;
  };

  replaceConstructor(OriginalInstance, function Instance(module, importObject) {
    if (new.target === undefined) {
      throw new TypeError("WebAssembly.Instance(): WebAssembly.Instance must be invoked with 'new'");
    }
    checkImportObject('WebAssembly.Instance()', module, importObject);
    try {
      return Reflect.construct(OriginalInstance, arguments, new.target);
    } catch (e) {
      throw linkError('WebAssembly.Instance()', module, e);
    }
  });

  // Memory and Global: V8's wording for the errors a worker is likely to see (GraalJS throws the same types).
  const OriginalMemory = WebAssembly.Memory;
  const originalGrow = OriginalMemory.prototype.grow;
  replaceConstructor(OriginalMemory, function Memory(descriptor) {
    if (new.target === undefined) {
      throw new TypeError("WebAssembly.Memory(): WebAssembly.Memory must be invoked with 'new'");
    }
    return Reflect.construct(OriginalMemory, arguments, new.target);
  });
  define(OriginalMemory.prototype, 'grow', {
    grow(delta) {
      try {
        return Reflect.apply(originalGrow, this, arguments);
      } catch (e) {
        if (e instanceof RangeError && /^Cannot grow memory above (max|implementation) limit/.test(e.message)) {
          e.message = 'WebAssembly.Memory.grow(): Maximum memory size exceeded';
        }
        throw e;
      }
    },
  }.grow);
  const OriginalGlobal = WebAssembly.Global;
  replaceConstructor(OriginalGlobal, function Global(descriptor, value) {
    if (new.target === undefined) {
      throw new TypeError("WebAssembly.Global(): WebAssembly.Global must be invoked with 'new'");
    }
    try {
      return Reflect.construct(OriginalGlobal, arguments, new.target);
    } catch (e) {
      if (e instanceof TypeError && e.message.startsWith("WebAssembly.Global(): Descriptor property 'value' must be a WebAssembly type")) {
        e.message = "WebAssembly.Global(): Descriptor property 'value' must be a WebAssembly type";
      }
      throw e;
    }
  });
  const globalValue = Object.getOwnPropertyDescriptor(OriginalGlobal.prototype, 'value');
  if (globalValue !== undefined && globalValue.set !== undefined) {
    const originalSet = globalValue.set;
    Object.defineProperty(OriginalGlobal.prototype, 'value', {
      ...globalValue,
      set: Object.getOwnPropertyDescriptor({
        set value(v) {
          try {
            Reflect.apply(originalSet, this, [v]);
          } catch (e) {
            if (e instanceof TypeError && /immutable global/.test(e.message)) {
              // V8's text, its stray parenthesis included
              e.message = "set WebAssembly.Global.value): Can't set the value of an immutable global.";
            }
            throw e;
          }
        },
      }, 'value').set,
    });
  }

  // workerd refuses to generate code at run time, wasm included: only modules imported from the worker's own
  // .wasm files (compiled by the runtime) can be instantiated; validate() still answers. unsafeEval lifts it.
  const refusing = !host.allowEval();
  const refused = (where) => new CompileError(`${where}: Wasm code generation disallowed by embedder`);
  if (refusing) {
    replaceConstructor(Module, function Module(bytes) {
      if (new.target === undefined) {
        throw new TypeError("WebAssembly.Module(): WebAssembly.Module must be invoked with 'new'");
      }
      throw refused('WebAssembly.Module()');
    });
    define(WebAssembly, 'compile', { compile(bytes) { return Promise.reject(refused('WebAssembly.compile()')); } }.compile);
  }
  define(WebAssembly, 'instantiate', {
    instantiate(source, importObject) {
      if (!(source instanceof Module)) {
        return refusing ? Promise.reject(refused('WebAssembly.instantiate()'))
          : Reflect.apply(originalInstantiate, WebAssembly, arguments);
      }
      try {
        checkImportObject('WebAssembly.instantiate()', source, importObject);
      } catch (e) {
        return Promise.reject(e);
      }
      return Reflect.apply(originalInstantiate, WebAssembly, arguments)
        .catch((e) => { throw linkError('WebAssembly.instantiate()', source, e); });
    },
  }.instantiate);

  if (!(Symbol.toStringTag in WebAssembly)) {
    Object.defineProperty(WebAssembly, Symbol.toStringTag, { value: 'WebAssembly', configurable: true });
  }
  return { WebAssembly };
})
