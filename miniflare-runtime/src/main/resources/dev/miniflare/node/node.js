(function (host, global, internals) {
  'use strict';
  // Node.js compatibility (nodejs_compat, nodejs_als): the loader behind the `node:` modules and the Node.js
  // globals. Each module's runtime file is evaluated on its first import (or first use of a global that needs it),
  // so an isolate pays only for what its worker touches. `host` is the isolate's NodeHost.

  const modules = new Map();
  /** The exports of module `name` (its runtime file's result: named exports plus `default`). */
  function nodeModule(name) {
    let exports = modules.get(name);
    if (exports === undefined) {
      exports = host.module(name)(host, global, internals);
      modules.set(name, exports);
    }
    return exports;
  }
  const libraries = new Map();
  // What the bundled libraries require beyond each other: safe-buffer is the Buffer of node:buffer here, and the
  // only process they use is path's cwd(), which is "/" on workerd.
  const shims = { 'safe-buffer': () => ({ Buffer: nodeModule('buffer').Buffer }) };
  const libraryProcess = Object.freeze({ cwd: () => '/' });
  /** A bundled npm library (CommonJS from its webjar), evaluated once per isolate. */
  function nodeLibrary(name) {
    if (Object.prototype.hasOwnProperty.call(shims, name)) return shims[name]();
    let exports = libraries.get(name);
    if (exports === undefined) {
      exports = host.library(name)(nodeLibrary, libraryProcess);
      libraries.set(name, exports);
    }
    return exports;
  }
  /** Node's "Received ..." tail of ERR_INVALID_ARG_TYPE messages. */
  function describeReceived(value) {
    if (value === null || value === undefined) return `Received ${value}`;
    if (typeof value === 'function') return `Received function ${value.name}`;
    if (typeof value === 'object') {
      if (value.constructor && value.constructor.name) return `Received an instance of ${value.constructor.name}`;
      return 'Received [Object: null prototype]';
    }
    let shown = typeof value === 'string' ? `'${value.length > 25 ? value.slice(0, 25) + '...' : value}'` : String(value);
    if (typeof value === 'bigint') shown += 'n';
    return `Received type ${typeof value} (${shown})`;
  }
  /** A Node-style error: the given class with `code` set, as workerd's Node.js modules throw. */
  function nodeError(Ctor, code, message) {
    const err = new Ctor(message);
    Object.defineProperty(err, 'code', { value: code, writable: true, configurable: true, enumerable: true });
    return err;
  }
  /** Node's AbortError (an Error with code ABORT_ERR, not a DOMException), as workerd's timers and events throw. */
  class AbortError extends Error {
    constructor(message = 'The operation was aborted', options = undefined) {
      super(message, options);
      this.code = 'ABORT_ERR';
      this.name = 'AbortError';
    }
  }
  internals.nodeErrors = {
    describeReceived, nodeError, AbortError,
    abortError: (signal) => new AbortError(undefined, { cause: signal && signal.reason }),
    invalidArgType: (name, expected, value) => nodeError(TypeError, 'ERR_INVALID_ARG_TYPE',
      `The "${name}" argument must be ${expected}. ${describeReceived(value)}`),
  };
  /**
   * A module of a bundled multi-file CommonJS package (readable-stream): relative requires resolve inside the
   * package, cycles see the partly built exports (as in Node), and `externals` answers the bare names.
   */
  function packageRequire(pkg, externals, libraryProcessObject) {
    const cache = new Map();
    const dirname = (file) => file.slice(0, file.lastIndexOf('/') + 1);
    const resolve = (from, id) => {
      const parts = (dirname(from) + id).split('/');
      const out = [];
      for (const part of parts) {
        if (part === '..') out.pop();
        else if (part !== '.' && part !== '') out.push(part);
      }
      return out.join('/').replace(/\.js$/, '');
    };
    function load(file) {
      let module = cache.get(file);
      if (module !== undefined) return module.exports;
      const factory = host.packageFile(pkg, file);
      if (factory === null) throw new Error(`Cannot find module '${file}' in ${pkg}`);
      module = { exports: {} };
      cache.set(file, module);
      const require = (id) => (id.startsWith('.') ? load(resolve(file, id)) : externals(id));
      factory(require, libraryProcessObject, module, module.exports);
      return module.exports;
    }
    return load;
  }
  internals.nodeModule = nodeModule;
  internals.nodeLibrary = nodeLibrary;
  internals.nodePackage = packageRequire;
  internals.nodeModuleAvailable = (name) => host.available(name);

  // The served text of `node:X` takes its exports here. It hands out only what importing the module gives, so
  // worker code calling it directly gains nothing (and it checks the same gating as the import).
  Object.defineProperty(global, Symbol.for('miniflare.node'), {
    value: (name) => {
      if (!host.available(String(name))) throw new Error(`No such module "node:${name}".`);
      return nodeModule(String(name));
    },
    enumerable: false, writable: false, configurable: false,
  });

  if (host.v2()) {
    // nodejs_compat_v2 puts these on the global scope (workerd's Buffer and process are the modules' own).
    const lazy = {
      Buffer: () => nodeModule('buffer').Buffer,
      process: () => nodeModule('process').default,
      setImmediate: () => nodeModule('timers').setImmediate,
      clearImmediate: () => nodeModule('timers').clearImmediate,
    };
    for (const [name, get] of Object.entries(lazy)) {
      Object.defineProperty(global, name, {
        configurable: true, enumerable: false,
        get() { const v = get(); Object.defineProperty(global, name, { value: v, writable: true, configurable: true, enumerable: false }); return v; },
        set(v) { Object.defineProperty(global, name, { value: v, writable: true, configurable: true, enumerable: false }); },
      });
    }
    Object.defineProperty(global, 'global', { value: global, writable: true, configurable: true, enumerable: false });
  }
  return {};
})
