(function (host, global, internals) {
  'use strict';
  // node:async_hooks as workerd has it: AsyncLocalStorage and AsyncResource over the engine's AsyncContext
  // (TC39 proposal; GraalJS's js.async-context), which follows await, promise reactions and the runtime's timers.
  // AsyncContext itself is not a global here, as in workerd: runtime.js took it off the global object.
  const { Variable, Snapshot } = internals.AsyncContext;
  const { nodeError, invalidArgType } = internals.nodeErrors;
  const runError = (n, type) => new TypeError(`Failed to execute 'run' on 'AsyncLocalStorage': parameter ${n} is not of type '${type}'.`);

  class AsyncLocalStorage {
    #variable = new Variable();
    static bind(fn) { return AsyncResource.bind(fn); }
    static snapshot() {
      const snapshot = new Snapshot();
      return (fn, ...args) => snapshot.run(fn, ...args);
    }
    run(store, callback, ...args) {
      if (arguments.length < 1) throw runError(1, 'Value');
      if (typeof callback !== 'function') throw runError(2, 'Function');
      return this.#variable.run(store, callback, ...args);
    }
    exit(callback, ...args) {
      if (typeof callback !== 'function') throw new TypeError("Failed to execute 'exit' on 'AsyncLocalStorage': parameter 1 is not of type 'Function'.");
      return this.#variable.run(undefined, callback, ...args);
    }
    getStore() { return this.#variable.get(); }
    enterWith() { throw new Error('asyncLocalStorage.enterWith() is not implemented'); }
    disable() { throw new Error('asyncLocalStorage.disable() is not implemented'); }
    get name() { return ''; }
  }

  class AsyncResource {
    #snapshot = new Snapshot();
    #type;
    constructor(type, options) {
      if (typeof type !== 'string') throw invalidArgType('type', 'of type string', type);
      this.#type = type;
    }
    static bind(fn, type, thisArg) {
      return new AsyncResource(typeof type === 'string' ? type : 'bound-anonymous-fn').bind(fn, thisArg);
    }
    bind(fn, thisArg) {
      if (typeof fn !== 'function') throw invalidArgType('fn', 'of type function', fn);
      const resource = this;
      const bound = function (...args) { return resource.runInAsyncScope(fn, thisArg === undefined ? this : thisArg, ...args); };
      Object.defineProperties(bound, {
        length: { value: fn.length, configurable: true },
        asyncResource: { value: this, configurable: true, enumerable: true, writable: true },
      });
      return bound;
    }
    runInAsyncScope(fn, thisArg, ...args) {
      return this.#snapshot.run(() => Reflect.apply(fn, thisArg, args));
    }
    emitDestroy() { return this; }
    asyncId() { return 0; }
    triggerAsyncId() { return 0; }
  }

  const notImplemented = (name) => () => { throw nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', `The ${name} method is not implemented`); };
  const exports = {
    AsyncLocalStorage, AsyncResource,
    asyncWrapProviders: Object.freeze({ __proto__: null }),
    createHook: notImplemented('createHook()'),
    executionAsyncId: () => 0,
    executionAsyncResource: () => ({}),
    triggerAsyncId: () => 0,
  };
  return { default: { ...exports }, ...exports };
})
