(function (host, global, internals) {
  'use strict';
  // node:events: EventEmitter from the `events` npm package (Node's own, packaged for browsers), completed with
  // the newer parts of Node's module that workerd has (on, errorMonitor, getEventListeners...).
  const EventEmitter = internals.nodeLibrary('events');
  const { invalidArgType, nodeError } = internals.nodeErrors;

  const errorMonitor = Symbol('events.errorMonitor');
  const captureRejectionSymbol = Symbol.for('nodejs.rejection');
  // errorMonitor listeners see an 'error' before the ordinary ones (Node's emit does this itself)
  const emit = EventEmitter.prototype.emit;
  EventEmitter.prototype.emit = function (type, ...args) {
    if (type === 'error') {
      if (this._events !== undefined && this._events[errorMonitor] !== undefined) emit.call(this, errorMonitor, ...args);
      if ((this._events === undefined || this._events.error === undefined) && !(args[0] instanceof Error)) {
        // an 'error' nobody listens to that is no Error: Node's ERR_UNHANDLED_ERROR (the library's text differs)
        const shown = typeof args[0] === 'string' ? `'${args[0]}'` : String(args[0]);
        const err = nodeError(Error, 'ERR_UNHANDLED_ERROR', `Unhandled error. (${shown})`);
        err.context = args[0];
        throw err;
      }
    }
    return emit.call(this, type, ...args);
  };
  // Node's check of the listener argument (the library throws without a code and words it differently)
  for (const name of ['on', 'addListener', 'prependListener', 'once', 'prependOnceListener', 'removeListener', 'off']) {
    const method = EventEmitter.prototype[name];
    EventEmitter.prototype[name] = Object.defineProperty(function (type, listener) {
      if (typeof listener !== 'function') throw invalidArgType('listener', 'of type function', listener);
      return method.call(this, type, listener);
    }, 'name', { value: name });
  }

  function getEventListeners(target, type) {
    if (target && typeof target.listeners === 'function') return target.listeners(type);
    return [];
  }
  const abortError = (signal) => internals.nodeErrors.abortError(signal);
  /** An async iterator over `event` emissions (Node's events.on). */
  function on(emitter, event, options = {}) {
    const { signal } = options;
    if (signal && signal.aborted) throw abortError(signal);
    const queued = [];
    const waiting = [];
    let error = null;
    let done = false;
    const onEvent = (...args) => {
      if (waiting.length) waiting.shift().resolve({ value: args, done: false });
      else queued.push(args);
    };
    const onError = (err) => {
      done = true;
      if (waiting.length) waiting.shift().reject(err);
      else error = err;
      cleanup();
    };
    const cleanup = () => {
      emitter.removeListener(event, onEvent);
      if (event !== 'error') emitter.removeListener('error', onError);
      if (signal) signal.removeEventListener('abort', onAbort);
    };
    const onAbort = () => onError(abortError(signal));
    emitter.on(event, onEvent);
    if (event !== 'error') emitter.on('error', onError);
    if (signal) signal.addEventListener('abort', onAbort, { once: true });
    return {
      next() {
        if (queued.length) return Promise.resolve({ value: queued.shift(), done: false });
        if (error) { const e = error; error = null; return Promise.reject(e); }
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
      },
      return() {
        done = true;
        cleanup();
        for (const w of waiting.splice(0)) w.resolve({ value: undefined, done: true });
        return Promise.resolve({ value: undefined, done: true });
      },
      throw(err) { onError(err); return Promise.reject(err); },
      [Symbol.asyncIterator]() { return this; },
    };
  }
  function setMaxListeners(n = EventEmitter.defaultMaxListeners, ...targets) {
    if (typeof n !== 'number' || n < 0 || Number.isNaN(n)) {
      throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "n" is out of range. It must be a non-negative number. Received ${n}`);
    }
    if (targets.length === 0) EventEmitter.defaultMaxListeners = n;
    for (const t of targets) if (typeof t.setMaxListeners === 'function') t.setMaxListeners(n);
  }
  function getMaxListeners(emitter) {
    return typeof emitter.getMaxListeners === 'function' ? emitter.getMaxListeners() : EventEmitter.defaultMaxListeners;
  }
  function addAbortListener(signal, listener) {
    if (typeof listener !== 'function') throw invalidArgType('listener', 'of type function', listener);
    if (signal.aborted) queueMicrotask(() => listener());
    else signal.addEventListener('abort', listener, { once: true });
    return { [Symbol.dispose]() { signal.removeEventListener('abort', listener); } };
  }
  class EventEmitterAsyncResource extends EventEmitter {
    #resource;
    constructor(options = {}) {
      super(options);
      const { AsyncResource } = internals.nodeModule('async_hooks');
      this.#resource = new AsyncResource(options.name || new.target.name);
    }
    emit(type, ...args) { return this.#resource.runInAsyncScope(() => super.emit(type, ...args)); }
    get asyncResource() { return this.#resource; }
    emitDestroy() { this.#resource.emitDestroy(); }
  }

  const statics = {
    EventEmitterAsyncResource, addAbortListener, captureRejectionSymbol, errorMonitor, getEventListeners,
    getMaxListeners, on, setMaxListeners, captureRejections: false, usingDomains: false,
  };
  for (const [k, v] of Object.entries(statics)) {
    Object.defineProperty(EventEmitter, k, { value: v, writable: true, configurable: true, enumerable: true });
  }
  return {
    default: EventEmitter, EventEmitter, once: EventEmitter.once, listenerCount: EventEmitter.listenerCount,
    get defaultMaxListeners() { return EventEmitter.defaultMaxListeners; },
    ...statics,
  };
})
