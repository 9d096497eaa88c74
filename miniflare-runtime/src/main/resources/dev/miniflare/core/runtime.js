(function (host, global, internals) {
  'use strict';
  // The glue between the Java runtime and a worker: globals that need host primitives (console, timers, crypto,
  // fetch), the worker formats (service worker and ES modules), env bindings and event dispatch. `host` is the
  // isolate's RuntimeHost; worker code never sees it.

  const encoder = new TextEncoder();
  const { Request, Response, Headers } = global;

  // --- errors from host calls ---------------------------------------------------------------------------------
  function rethrow(e) {
    if (e !== null && typeof e === 'object' && typeof e.jsName === 'function') {
      const Ctor = { TypeError, RangeError, SyntaxError }[e.jsName()] || Error;
      throw new Ctor(e.jsMessage());
    }
    throw e;
  }
  internals.rethrow = rethrow;
  /** A BufferSource's bytes as a Uint8Array view (no copy), or null for anything else. */
  const bufferSourceBytes = (v) => (v instanceof ArrayBuffer ? new Uint8Array(v)
    : ArrayBuffer.isView(v) ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength) : null);
  internals.bufferSourceBytes = bufferSourceBytes;

  // --- console ------------------------------------------------------------------------------------------------
  const format = (args) => {
    if (typeof internals.__formatConsoleArgs === 'function') return internals.__formatConsoleArgs(args);
    return args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? (a.stack || String(a)) : safeJson(a))).join(' ');
  };
  function safeJson(v) { try { const s = JSON.stringify(v); return s === undefined ? String(v) : s; } catch (e) { return String(v); } }
  const counts = new Map();
  const timersByLabel = new Map();
  const log = (level) => function (...args) { host.log(level, format(args)); };
  const console = {
    log: log('info'), info: log('info'), debug: log('debug'), trace: log('debug'), warn: log('warn'), error: log('error'),
    dir: log('info'), table: log('info'), group: log('info'), groupCollapsed: log('info'), groupEnd() {},
    assert(cond, ...args) { if (!cond) host.log('error', 'Assertion failed' + (args.length ? ': ' + format(args) : '')); },
    count(label = 'default') { const n = (counts.get(label) || 0) + 1; counts.set(label, n); host.log('info', `${label}: ${n}`); },
    countReset(label = 'default') { counts.delete(label); },
    time(label = 'default') { timersByLabel.set(label, Date.now()); },
    timeEnd(label = 'default') { const t = timersByLabel.get(label); timersByLabel.delete(label); if (t !== undefined) host.log('info', `${label}: ${Date.now() - t}ms`); },
    timeLog(label = 'default', ...args) { const t = timersByLabel.get(label); if (t !== undefined) host.log('info', `${label}: ${Date.now() - t}ms` + (args.length ? ' ' + format(args) : '')); },
  };

  // --- async context ----------------------------------------------------------------------------------------
  // Isolates with Node.js compatibility run with GraalJS's TC39 AsyncContext (AsyncLocalStorage is built on it).
  // workerd has no AsyncContext global: node/async_hooks.js takes it from internals. Promise reactions (and so
  // await and queueMicrotask) carry the context in the engine; timers carry it here.
  const AsyncContextApi = global.AsyncContext;
  delete global.AsyncContext;
  internals.AsyncContext = AsyncContextApi;

  // --- timers -------------------------------------------------------------------------------------------------
  const timers = new Map();
  let nextTimerId = 1;
  function addTimer(callback, delay, args, repeat) {
    if (typeof callback !== 'function') {
      throw new TypeError(`Failed to execute '${repeat ? 'setInterval' : 'setTimeout'}' on 'ServiceWorkerGlobalScope': parameter 1 is not of type 'function'.`);
    }
    const id = nextTimerId++;
    delay = Number(delay);
    if (!(delay > 0)) delay = 0;
    timers.set(id, { callback, args, repeat, snapshot: AsyncContextApi === undefined ? null : new AsyncContextApi.Snapshot() });
    host.setTimer(id, delay, repeat);
    return id;
  }
  function clearTimer(id) {
    id = Number(id);
    if (timers.delete(id)) host.clearTimer(id);
  }
  internals.fireTimer = (id) => {
    const t = timers.get(id);
    if (t === undefined) return;
    if (!t.repeat) timers.delete(id);
    try {
      if (t.snapshot === null) t.callback(...t.args);
      else t.snapshot.run(t.callback, ...t.args);
    } catch (e) {
      reportError(e);
    }
  };
  function reportError(e) {
    host.log('error', 'Uncaught ' + describeError(e));
  }
  // Frames of the runtime's own JS are noise to a worker author (workerd's internals don't show either).
  const cleanStack = (stack) => stack.split('\n').filter((line) => !line.includes('(miniflare:') && !line.includes('at miniflare:')).join('\n');
  function describeError(e) {
    if (e instanceof Error || (e && typeof e === 'object' && 'stack' in e)) {
      const head = `${e.name}: ${e.message}`;
      const stack = typeof e.stack === 'string' ? cleanStack(e.stack) : '';
      return stack.startsWith(head) || stack.startsWith(e.name) ? stack : head + (stack ? '\n' + stack : '');
    }
    return String(e);
  }
  internals.describeError = describeError;

  // --- crypto -------------------------------------------------------------------------------------------------
  // getRandomValues and randomUUID live here; SubtleCrypto, CryptoKey and crypto.DigestStream are in web/crypto.js,
  // loaded on first use through the lazy global getters (the getter of `CryptoKey` loads the file).
  const INTEGER_ARRAYS = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, BigInt64Array, BigUint64Array];
  const loadCryptoFile = Object.getOwnPropertyDescriptor(global, 'CryptoKey').get;
  const cryptoInternals = () => { if (internals.subtle === undefined) loadCryptoFile(); return internals; };

  class Crypto {
    get subtle() { return cryptoInternals().subtle; }
    get DigestStream() { return cryptoInternals().digestStream(); }
    getRandomValues(array) {
      if (!ArrayBuffer.isView(array)) {
        throw new TypeError("Failed to execute 'getRandomValues' on 'Crypto': parameter 1 is not of type 'JsArrayBufferView'.");
      }
      if (!INTEGER_ARRAYS.some((T) => array instanceof T)) {
        throw new global.DOMException('ArrayBufferView argument to getRandomValues() must be an integer-typed view.',
          'TypeMismatchError');
      }
      if (array.byteLength > 65536) {
        throw new global.DOMException(
          `getRandomValues() only accepts buffers of size <= 64K but provided ${array.byteLength} bytes.`, 'QuotaExceededError');
      }
      const bytes = new Uint8Array(host.randomBytes(array.byteLength));
      new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(bytes);
      return array;
    }
    randomUUID() { return host.randomUUID(); }
    get [Symbol.toStringTag]() { return 'Crypto'; }
  }
  const crypto = new Crypto();

  // --- lazily loaded streams ----------------------------------------------------------------------------------
  const STREAM_NAMES = ['ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader', 'ReadableByteStreamController',
    'ReadableStreamDefaultController', 'ReadableStreamBYOBRequest', 'WritableStream', 'WritableStreamDefaultWriter',
    'WritableStreamDefaultController', 'TransformStream', 'TransformStreamDefaultController', 'ByteLengthQueuingStrategy',
    'CountQueuingStrategy'];
  let streams = null;
  function loadStreams() {
    if (streams === null) {
      streams = host.loadStreams();
      // workerd's wording for the most common misuse (the polyfill's own message differs)
      const originalGetReader = streams.ReadableStream.prototype.getReader;
      Object.defineProperty(streams.ReadableStream.prototype, 'getReader', {
        value: function getReader(options) {
          if (this instanceof streams.ReadableStream && this.locked) {
            throw new TypeError('This ReadableStream is currently locked to a reader.');
          }
          try {
            return Reflect.apply(originalGetReader, this, arguments);
          } catch (e) {
            if (e instanceof TypeError && e.message.startsWith('Cannot construct a ReadableStreamBYOBReader for a stream not')) {
              throw new TypeError('This ReadableStream does not support BYOB reads.');
            }
            throw e;
          }
        },
        writable: true, configurable: true,
      });
      // ...and for writing to a closed stream (recorded on workerd)
      const originalEnqueue = streams.ReadableStreamDefaultController.prototype.enqueue;
      Object.defineProperty(streams.ReadableStreamDefaultController.prototype, 'enqueue', {
        value: function enqueue(chunk) {
          try {
            return Reflect.apply(originalEnqueue, this, arguments);
          } catch (e) {
            if (e instanceof TypeError && e.message === 'The stream is not in a state that permits enqueue') {
              throw new TypeError('Unable to enqueue');
            }
            throw e;
          }
        },
        writable: true, configurable: true,
      });
      const originalWrite = streams.WritableStreamDefaultWriter.prototype.write;
      Object.defineProperty(streams.WritableStreamDefaultWriter.prototype, 'write', {
        value: function write(chunk) {
          return Reflect.apply(originalWrite, this, arguments).then(undefined, (e) => {
            if (e instanceof TypeError && e.message === 'The stream is closing or closed and cannot be written to') {
              throw new TypeError('This WritableStream has been closed.');
            }
            throw e;
          });
        },
        writable: true, configurable: true,
      });
      for (const name of STREAM_NAMES) {
        Object.defineProperty(global, name, { value: streams[name], writable: true, configurable: true, enumerable: false });
      }
    }
    return streams;
  }
  for (const name of STREAM_NAMES) {
    Object.defineProperty(global, name, {
      get() { return loadStreams()[name]; },
      set(v) { loadStreams(); Object.defineProperty(global, name, { value: v, writable: true, configurable: true, enumerable: false }); },
      configurable: true, enumerable: false,
    });
  }
  internals.isDisturbed = (s) => false;

  // --- requests and responses across the host boundary -------------------------------------------------------
  function parseHeaderBlob(blob, headers) {
    if (blob.length === 0) return;
    const list = internals.headersList(headers);
    const parts = blob.split('\n');
    for (let i = 0; i + 1 < parts.length; i += 2) {
      const name = parts[i];
      const existing = list.get(name);
      if (existing) existing.push(parts[i + 1]); else list.set(name, [parts[i + 1]]);
    }
  }
  function headerBlob(headers) {
    let out = '';
    for (const [name, values] of internals.headersList(headers)) {
      for (const v of values) out += (out.length ? '\n' : '') + name + '\n' + v;
    }
    return out;
  }
  function requestFromHost(view) {
    const headers = new Headers();
    parseHeaderBlob(view.headers(), headers);
    internals.setHeadersGuard(headers, 'immutable');
    const buffer = view.body();
    const body = buffer !== null && buffer !== undefined ? new Uint8Array(buffer).slice() : null;
    return internals.makeRequest(internals.parseUrl(view.url()), view.method(), headers, body);
  }
  function responseFromHost(view, url) {
    const headers = new Headers();
    parseHeaderBlob(view.headers(), headers);
    const status = view.status();
    const socket = view.webSocket();
    const res = socket !== null && socket !== undefined
      ? new Response(null, { status: 101, statusText: view.statusText(), headers, webSocket: internals.webSocketFromHost(socket) })
      : new Response(null, { status: status < 200 ? 200 : status, statusText: view.statusText(), headers });
    const buffer = view.body();
    if (buffer !== null && buffer !== undefined) res._setBody(new Uint8Array(buffer).slice());
    if (url) internals.setResponseUrl(res, url);
    internals.setHeadersGuard(res.headers, 'immutable');
    return res;
  }
  function sendToHost(res, cb) {
    // Buffered bodies (the common case) are sent synchronously; only streams need to be read first.
    const body = internals.takeBufferedBody(res);
    if (body === undefined) return internals.takeBody(res).then((b) => respondToHost(res, b, cb));
    respondToHost(res, body, cb);
    return undefined;
  }
  function respondToHost(res, body, cb) {
    const blob = headerBlob(res.headers);
    if (res.webSocket !== null) cb.webSocket(internals.webSocketToHost(res.webSocket));
    if (body === null) cb.respond(res.status, res.statusText, blob, null, 0, 0);
    else if (typeof body === 'string') cb.respond(res.status, res.statusText, blob, body, 0, body.length);
    else cb.respond(res.status, res.statusText, blob, body.buffer, body.byteOffset, body.byteLength);
  }
  function failToHost(e, cb) {
    try {
      const isError = e !== null && typeof e === 'object';
      cb.fail(isError && e.name ? String(e.name) : 'Error', isError ? String(e.message) : String(e), describeError(e));
    } catch (inner) {
      cb.fail('Error', String(e), String(e));
    }
  }
  /** Sends a Request to a host fetcher (service binding, outbound fetch) and resolves with its Response. */
  function fetchThroughHost(target, input, init) {
    return new Promise((resolve, reject) => {
      const req = input instanceof Request && init === undefined ? input : new Request(input, init);
      internals.takeBody(req).then((body) => {
        const blob = headerBlob(req.headers);
        const onResponse = (view) => { try { resolve(responseFromHost(view, req.url)); } catch (e) { reject(e); } };
        const onError = (name, message) => {
          const Ctor = { TypeError, RangeError }[name] || Error;
          reject(new Ctor(message));
        };
        if (body === null) target.fetch(req.method, req.url, blob, null, 0, 0, onResponse, onError);
        else if (typeof body === 'string') target.fetch(req.method, req.url, blob, body, 0, body.length, onResponse, onError);
        else target.fetch(req.method, req.url, blob, body.buffer, body.byteOffset, body.byteLength, onResponse, onError);
      }, reject);
    });
  }

  class Fetcher {
    #target;
    constructor(target) { this.#target = target; }
    fetch(input, init = undefined) {
      return fetchThroughHost(this.#target, input, init);
    }
    connect() { throw new Error('connect() is not supported by this simulator yet.'); }
    get [Symbol.toStringTag]() { return 'Fetcher'; }
  }
  internals.Fetcher = Fetcher;

  // A property read over RPC travels as the method name with this prefix ('#' never starts a callable method).
  const RPC_GET = '#get:';
  // What a property read answers when the property is a method: the caller then gets a callable stub.
  const RPC_METHOD_MARKER = 'F';

  /**
   * A member of an RPC stub, as on workerd: calling it calls the remote method; awaiting it reads the remote
   * property (a prototype getter's value, or a callable stub when it is a method).
   */
  function rpcMember(call, method) {
    const member = (...args) => call(method, args);
    Object.defineProperty(member, 'then', {
      value: (onFulfilled, onRejected) => call(RPC_GET + method, []).then((v) => (v === RPC_METHOD_MARKER
        ? (...args) => call(method, args) : v)).then(onFulfilled, onRejected),
    });
    return member;
  }
  internals.rpcMember = rpcMember;

  /**
   * The value behind an RPC property read of {@code name} on {@code receiver}: only members of its class (prototype
   * chain below Object.prototype) are exposed, never own fields, as workerd does; a method reads as a marker the
   * caller turns into a callable stub.
   */
  internals.rpcProperty = (receiver, name) => {
    for (let proto = Object.getPrototypeOf(receiver); proto !== null && proto !== Object.prototype;
      proto = Object.getPrototypeOf(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, name);
      if (d === undefined) continue;
      if (name === 'constructor') break;
      const value = d.get !== undefined ? d.get.call(receiver) : d.value;
      return { found: true, value: typeof value === 'function' ? RPC_METHOD_MARKER : value };
    }
    return { found: false };
  };
  internals.RPC_GET = RPC_GET;
  internals.RPC_METHOD_MARKER = RPC_METHOD_MARKER;

  /** Calls a method of another worker's entrypoint; arguments and result cross serialised (serialize.js). */
  function serviceRpc(target, method, args) {
    return new Promise((resolve, reject) => {
      let payload;
      try {
        target.prepareRpc(); // installs serialize.js in this isolate on first use
        payload = internals.serializeRpc(args);
      } catch (e) { reject(e); return; }
      target.rpc(method, payload,
        (result) => { try { resolve(result === RPC_METHOD_MARKER ? result : internals.deserialize(result)); } catch (e) { reject(e); } },
        (error) => { try { reject(internals.deserialize(error)); } catch (e) { reject(e); } });
    });
  }

  /**
   * A service binding. With JS RPC (compatibility date 2024-04-03 or the "rpc" flag) and a worker behind it, any
   * property other than the Fetcher's own is a method of the target's entrypoint, as on workerd.
   */
  function makeFetcher(target, rpc) {
    const fetcher = new Fetcher(target);
    if (!rpc) return fetcher;
    return new Proxy(fetcher, {
      get(t, prop) {
        if (typeof prop === 'symbol' || prop in t) {
          const v = Reflect.get(t, prop, t);
          return typeof v === 'function' ? v.bind(t) : v;
        }
        if (prop === 'then') return undefined;
        return rpcMember((method, args) => serviceRpc(target, method, args), prop);
      },
    });
  }

  function fetch(input, init = undefined) {
    try {
      const req = input instanceof Request && init === undefined ? input : new Request(input, init);
      if (!req.url.startsWith('http:') && !req.url.startsWith('https:')) {
        throw new TypeError(`Fetch API cannot load: ${req.url}`); // as workerd, before any outbound handler
      }
      return fetchThroughHost(host.outbound(), req);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  // --- execution context and events --------------------------------------------------------------------------
  class ExecutionContext {
    #onWaitUntil;
    constructor(onWaitUntil) { this.#onWaitUntil = onWaitUntil; }
    waitUntil(promise) {
      if (arguments.length < 1) throw new TypeError("Failed to execute 'waitUntil' on 'ExecutionContext': 1 argument required, but only 0 present.");
      this.#onWaitUntil(promise);
    }
    passThroughOnException() {}
    get props() { return {}; }
    get [Symbol.toStringTag]() { return 'ExecutionContext'; }
  }
  function trackWaitUntil(promise) {
    host.waitUntilStarted();
    Promise.resolve(promise).then(() => host.waitUntilSettled(), (e) => { reportError(e); host.waitUntilSettled(); });
  }

  // FetchEvent and ScheduledEvent extend Event (from the lazily loaded dom.js), so they are created on first use.
  let eventClasses = null;
  function events() {
    if (eventClasses !== null) return eventClasses;
    const EventBase = global.Event;
    class FetchEvent extends EventBase {
      #request;
      #response = undefined;
      #responded = false;
      constructor(type, init) {
        super(type);
        this.#request = init.request;
      }
      get request() { return this.#request; }
      respondWith(response) {
        if (this.#responded) throw new Error("FetchEvent.respondWith() has already been called; it can only be called once.");
        this.#responded = true;
        this.#response = response;
      }
      waitUntil(promise) { trackWaitUntil(promise); }
      passThroughOnException() {}
      get _response() { return this.#response; }
      get _responded() { return this.#responded; }
    }
    class ScheduledEvent extends EventBase {
      constructor(type, init) { super(type); this.scheduledTime = init.scheduledTime; this.cron = init.cron; }
      waitUntil(promise) { trackWaitUntil(promise); }
      noRetry() {}
    }
    eventClasses = { FetchEvent, ScheduledEvent };
    return eventClasses;
  }
  for (const name of ['FetchEvent', 'ScheduledEvent']) {
    Object.defineProperty(global, name, {
      configurable: true, enumerable: false,
      get() { return events()[name]; },
      set(v) { Object.defineProperty(global, name, { value: v, writable: true, configurable: true, enumerable: false }); },
    });
  }

  const listeners = new Map();
  function addEventListener(type, listener) {
    if (typeof listener !== 'function' && !(listener && typeof listener.handleEvent === 'function')) return;
    type = String(type);
    if (!listeners.has(type)) listeners.set(type, []);
    listeners.get(type).push(listener);
  }
  function removeEventListener(type, listener) {
    const list = listeners.get(String(type));
    if (!list) return;
    const i = list.indexOf(listener);
    if (i >= 0) list.splice(i, 1);
  }
  function dispatchEvent(event) {
    for (const l of listeners.get(event.type) || []) {
      if (typeof l === 'function') l.call(global, event); else l.handleEvent(event);
    }
    return true;
  }

  // --- the worker -----------------------------------------------------------------------------------------------
  let moduleExports = null;
  let env = null;

  internals.createEnv = (varsJson) => {
    env = varsJson ? JSON.parse(varsJson) : {};
    return env;
  };
  internals.bindFetcher = (name, target, rpc = false) => { env[name] = makeFetcher(target, rpc); };
  internals.bindValue = (name, value) => { env[name] = value; };
  internals.bindText = (name, text) => { env[name] = text; };
  internals.exposeEnvAsGlobals = () => {
    for (const key of Object.keys(env)) {
      Object.defineProperty(global, key, { value: env[key], writable: true, configurable: true, enumerable: true });
    }
  };
  internals.setModuleExports = (ns) => { moduleExports = ns; };

  /**
   * The object that handles an event for a module export: a class export (a WorkerEntrypoint subclass) is
   * instantiated per event with (ctx, env), as workerd does; an object export is used as it is.
   */
  function exportHandler(name, ctx) {
    const exported = moduleExports[name];
    if (typeof exported === 'function' && exported.prototype !== undefined) return new exported(ctx, env);
    return exported;
  }
  internals.exportHandler = exportHandler;
  internals.moduleExports = () => moduleExports;
  internals.env = () => env;
  internals.trackWaitUntil = trackWaitUntil;
  // For event kinds dispatched by on-demand runtime files (queues.js).
  internals.ExecutionContext = ExecutionContext;
  internals.dispatchEvent = dispatchEvent;
  internals.listenerCount = (type) => (listeners.get(type) || []).length;
  internals.reportError = reportError;
  internals.failToHost = failToHost;
  internals.sendToHost = (res, cb) => {
    const pending = sendToHost(res, cb);
    return pending === undefined ? Promise.resolve() : pending;
  };
  internals.fetchThroughHost = fetchThroughHost;
  internals.hasFetchHandler = () => {
    if (moduleExports !== null) {
      const d = moduleExports.default;
      if (typeof d === 'function' && d.prototype !== undefined) return typeof d.prototype.fetch === 'function';
      return d !== undefined && d !== null && typeof d.fetch === 'function';
    }
    return (listeners.get('fetch') || []).length > 0;
  };

  const RESPONSE_TYPE_ERROR = "Incorrect type for Promise: the Promise did not resolve to 'Response'.";

  internals.dispatchFetch = (view, cb, entrypoint = 'default') => {
    let result;
    try {
      const request = requestFromHost(view);
      if (moduleExports !== null) {
        const ctx = new ExecutionContext(trackWaitUntil);
        const handler = exportHandler(entrypoint, ctx);
        if (handler === undefined || handler === null || typeof handler.fetch !== 'function') {
          throw new Error("Handler does not export a fetch() function.");
        }
        result = typeof moduleExports[entrypoint] === 'function' ? handler.fetch(request) : handler.fetch(request, env, ctx);
      } else {
        const event = new (events().FetchEvent)('fetch', { request });
        dispatchEvent(event);
        if (!event._responded) {
          throw new Error('No event listener called FetchEvent.respondWith(); there is no upstream to proxy the request to.');
        }
        result = event._response;
      }
    } catch (e) {
      reportError(e);
      failToHost(e, cb);
      return;
    }
    if (result instanceof Response) {
      try {
        const pending = sendToHost(result, cb);
        if (pending !== undefined) pending.catch((e) => { reportError(e); failToHost(e, cb); });
      } catch (e) {
        reportError(e);
        failToHost(e, cb);
      }
      return;
    }
    Promise.resolve(result).then((res) => {
      if (!(res instanceof Response)) throw new TypeError(RESPONSE_TYPE_ERROR);
      return sendToHost(res, cb);
    }).catch((e) => {
      reportError(e);
      failToHost(e, cb);
    });
  };

  /** The controller of a scheduled handler: own cron and scheduledTime, noRetry() on its prototype, as workerd. */
  class ScheduledController {
    #onNoRetry;
    constructor(cron, scheduledTime, onNoRetry) {
      this.cron = cron;
      this.scheduledTime = scheduledTime;
      this.#onNoRetry = onNoRetry;
    }
    noRetry() { this.#onNoRetry(); }
  }

  /** Runs the worker's scheduled handler (cron trigger) and reports completion or the error. */
  internals.dispatchScheduled = (cron, scheduledTime, cb) => {
    let result;
    let noRetry = false;
    const controller = new ScheduledController(cron, scheduledTime, () => { noRetry = true; });
    try {
      if (moduleExports !== null) {
        const ctx = new ExecutionContext(trackWaitUntil);
        const handler = exportHandler('default', ctx);
        if (handler === undefined || handler === null || typeof handler.scheduled !== 'function') {
          throw new Error('Handler does not export a scheduled() function.');
        }
        result = typeof moduleExports.default === 'function' ? handler.scheduled(controller)
          : handler.scheduled(controller, env, ctx);
      } else {
        const event = new (events().ScheduledEvent)('scheduled', { scheduledTime, cron });
        if ((listeners.get('scheduled') || []).length === 0) throw new Error('No scheduled event listener registered.');
        dispatchEvent(event);
        result = undefined;
      }
    } catch (e) {
      reportError(e);
      failToHost(e, cb);
      return;
    }
    Promise.resolve(result).then(() => cb.resolveJson(JSON.stringify({ outcome: 'ok', noRetry })), (e) => {
      reportError(e);
      failToHost(e, cb);
    });
  };

  /**
   * Calls a module export (or a method of the default export, "default.name") for Java's Worker#module(): the
   * result is awaited; a Response crosses as a response, anything else as JSON text.
   */
  internals.callExport = (name, args, cb) => {
    let fn;
    let thisArg = moduleExports;
    try {
      if (moduleExports === null) throw new TypeError('The worker is not an ES module worker; it has no exports.');
      if (name.startsWith('default.')) {
        thisArg = exportHandler('default', new ExecutionContext(trackWaitUntil));
        fn = thisArg && thisArg[name.slice(8)];
      } else {
        fn = moduleExports[name];
      }
      if (typeof fn !== 'function') {
        const names = Object.keys(moduleExports).join(', ');
        throw new TypeError(`The worker has no exported function "${name}" (exports: ${names}).`);
      }
      Promise.resolve(fn.apply(thisArg, args)).then((v) => {
        if (v instanceof Response) return sendToHost(v, cb);
        const json = v === undefined ? undefined : JSON.stringify(v);
        cb.resolveJson(json === undefined ? null : json);
      }).catch((e) => failToHost(e, cb));
    } catch (e) {
      failToHost(e, cb);
    }
  };
  /** A JS RPC call from another worker's service binding to a method of this worker's entrypoint. */
  internals.entrypointRpc = (entrypoint, method, args, cb) => {
    const fail = (e) => cb.reject(internals.serialize(e instanceof Error ? e : new Error(String(e))));
    try {
      if (moduleExports === null) throw new TypeError('The RPC receiver does not implement the method "' + method + '".');
      const ctx = new ExecutionContext(trackWaitUntil);
      const handler = exportHandler(entrypoint, ctx);
      if (method.startsWith(RPC_GET) && typeof moduleExports[entrypoint] === 'function') {
        const property = internals.rpcProperty(handler, method.slice(RPC_GET.length));
        if (!property.found) throw new TypeError('The RPC receiver does not implement the method "' + method.slice(RPC_GET.length) + '".');
        Promise.resolve(property.value).then((v) => cb.resolve(v === RPC_METHOD_MARKER ? v : internals.serializeRpc(v)), fail);
        return;
      }
      const fn = handler === undefined || handler === null ? undefined : handler[method];
      if (typeof fn !== 'function' || method === 'constructor') {
        throw new TypeError('The RPC receiver does not implement the method "' + method + '".');
      }
      let list = internals.deserialize(args);
      if (typeof moduleExports[entrypoint] !== 'function') {
        // A plain object handler's methods are called like its fetch(): (argument, env, ctx), as workerd does.
        if (list.length !== 1) {
          throw new TypeError('Attempted to call RPC function "' + method + '" with the wrong number of arguments. '
            + 'When calling a top-level handler function that is not declared as part of a class, you must always '
            + 'send exactly one argument. In order to support variable numbers of arguments, the server must use '
            + 'class-based syntax (extending WorkerEntrypoint) instead.');
        }
        list = [list[0], env, ctx];
      }
      Promise.resolve(fn.apply(handler, list)).then((v) => cb.resolve(internals.serializeRpc(v)), fail);
    } catch (e) {
      fail(e);
    }
  };
  internals.newArray = () => [];
  internals.parseJson = (text) => JSON.parse(text);
  internals.requestFromHost = requestFromHost;
  /**
   * Runs the runtime's own hot paths once (URL parsing, headers, a request/response round trip) so the first real
   * event in a fresh isolate is fast. Touches no worker code and no worker-visible state.
   */
  internals.warmUp = () => {
    const h = new Headers({ 'content-type': 'text/plain' });
    h.append('x-warm', '1');
    for (const entry of h) void entry;
    const req = internals.makeRequest(internals.parseUrl('http://localhost/warm?x=1'), 'GET', h, null);
    void new URL(req.url).pathname;
    const res = new Response('warm', { status: 200, headers: { 'x-warm': '1' } });
    headerBlob(res.headers);
    internals.takeBufferedBody(res);
    void Response.json({ warm: true });
    void JSON.stringify({ a: [1, 'b'] });
    return Promise.resolve(1).then((x) => x);
  };
  internals.exportNames = () => (moduleExports === null ? [] : Object.keys(moduleExports));

  // TextDecoder is GraalJS's own; only its error messages are brought in line with workerd's.
  const NativeTextDecoder = global.TextDecoder;
  // The WHATWG legacy encodings GraalJS's decoder lacks, by label; decoded by the JDK's charsets in Java. The table
  // is built on the first label GraalJS does not know (a fresh isolate per test should not pay for it).
  const NATIVE_LABELS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8', 'utf-16le', 'utf-16', 'utf-16be']);
  let legacyEncodings = null;
  function legacyEncodingOf(label) {
    const l = String(label).trim().toLowerCase();
    if (NATIVE_LABELS.has(l)) return undefined;
    if (legacyEncodings === null) {
      legacyEncodings = new Map();
      const legacy = (name, labels) => { for (const x of labels.split(' ')) legacyEncodings.set(x, name); };
      legacy('windows-1252', 'ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1'
        + ' iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252');
      legacy('iso-8859-2', 'csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 iso_8859-2:1987 l2 latin2');
      legacy('iso-8859-3', 'csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 iso_8859-3:1988 l3 latin3');
      legacy('iso-8859-4', 'csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 iso_8859-4:1988 l4 latin4');
      legacy('iso-8859-5', 'csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 iso_8859-5 iso_8859-5:1988');
      legacy('iso-8859-6', 'arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 iso-8859-6 iso-8859-6-e'
        + ' iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 iso_8859-6:1987');
      legacy('iso-8859-7', 'csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 iso8859-7 iso88597'
        + ' iso_8859-7 iso_8859-7:1987 sun_eu_greek');
      legacy('iso-8859-8', 'csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 iso8859-8 iso88598'
        + ' iso_8859-8 iso_8859-8:1988 visual');
      legacy('iso-8859-8-i', 'csiso88598i iso-8859-8-i logical');
      legacy('iso-8859-10', 'csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6');
      legacy('iso-8859-13', 'iso-8859-13 iso8859-13 iso885913');
      legacy('iso-8859-14', 'iso-8859-14 iso8859-14 iso885914');
      legacy('iso-8859-15', 'csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9');
      legacy('iso-8859-16', 'iso-8859-16');
      legacy('koi8-r', 'cskoi8r koi koi8 koi8-r koi8_r');
      legacy('koi8-u', 'koi8-ru koi8-u');
      legacy('macintosh', 'csmacintosh mac macintosh x-mac-roman');
      legacy('windows-874', 'dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874');
      for (let n = 1250; n <= 1258; n++) if (n !== 1252) legacy(`windows-${n}`, `cp${n} windows-${n} x-cp${n}`);
      legacy('x-mac-cyrillic', 'x-mac-cyrillic x-mac-ukrainian');
      legacy('ibm866', '866 cp866 csibm866 ibm866');
      legacy('gbk', 'chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk');
      legacy('gb18030', 'gb18030');
      legacy('big5', 'big5 big5-hkscs cn-big5 csbig5 x-x-big5');
      legacy('euc-jp', 'cseucpkdfmtjapanese euc-jp x-euc-jp');
      legacy('iso-2022-jp', 'csiso2022jp iso-2022-jp');
      legacy('shift_jis', 'csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis');
      legacy('euc-kr', 'cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 ksc5601 ksc_5601 windows-949');
      legacy('x-user-defined', 'x-user-defined');
    }
    return legacyEncodings.get(l);
  }

  class TextDecoder extends NativeTextDecoder {
    #legacy = null;
    #legacyName = null;
    constructor(label = 'utf-8', options = undefined) {
      const name = legacyEncodingOf(label);
      try {
        super(name === undefined ? label : 'utf-8', options);
      } catch (e) {
        if (e instanceof RangeError) throw new RangeError(`"${String(label)}" is not a valid encoding.`);
        throw e;
      }
      if (name !== undefined) {
        this.#legacy = host.legacyDecoder(name, this.fatal);
        if (this.#legacy === null) throw new RangeError(`"${String(label)}" is not a valid encoding.`);
        this.#legacyName = name;
      }
    }
    get encoding() { return this.#legacyName ?? super.encoding; }
    decode(input = undefined, options = undefined) {
      const bytes = input === undefined ? new Uint8Array(0) : bufferSourceBytes(input);
      if (bytes === null) {
        throw new TypeError("Failed to execute 'decode' on 'TextDecoder': parameter 1 is not of type 'Array'.");
      }
      if (this.#legacy !== null) {
        const stream = options !== undefined && options !== null && Boolean(options.stream);
        const text = this.#legacy.decode(bytes.buffer, bytes.byteOffset, bytes.byteLength, stream);
        if (text === null) throw new TypeError('Failed to decode input.');
        return text;
      }
      try {
        return super.decode(input, options);
      } catch (e) {
        if (e instanceof TypeError && this.fatal) throw new TypeError('Failed to decode input.');
        throw e;
      }
    }
  }

  // performance and scheduler: plain objects whose prototypes list their members as workerd's do (the
  // constructors are not globals there). performance.now() is Date.now(): time since timeOrigin 0.
  const performanceProto = Object.create(Object.prototype, {
    timeOrigin: { get() { return 0; }, configurable: true, enumerable: true },
    now: { value: function now() { return Date.now(); }, writable: true, configurable: true, enumerable: true },
  });
  Object.defineProperty(performanceProto, 'constructor', { value: function Performance() {}, writable: true,
    configurable: true });
  const performance = Object.create(performanceProto);
  const schedulerProto = Object.create(Object.prototype, {
    wait: {
      value: function wait(delay = 0, options = undefined) {
        const signal = options === undefined || options === null ? undefined : options.signal;
        return new Promise((resolve, reject) => {
          if (signal !== undefined && signal !== null && signal.aborted) return reject(signal.reason);
          const id = addTimer(() => resolve(undefined), delay, [], false);
          if (signal !== undefined && signal !== null) {
            signal.addEventListener('abort', () => { clearTimer(id); reject(signal.reason); }, { once: true });
          }
        });
      },
      writable: true, configurable: true, enumerable: true,
    },
  });
  Object.defineProperty(schedulerProto.wait, 'length', { value: 0 });
  Object.defineProperty(schedulerProto, 'constructor', { value: function Scheduler() {}, writable: true,
    configurable: true });
  const scheduler = Object.create(schedulerProto);

  // Unhandled rejections become 'unhandledrejection' events on the global scope, as on workerd (not cancelable);
  // without a listener they are logged. GraalJS reports them (after the microtasks) to a handler set through its `Graal`
  // global, which is enabled only for this and removed before any worker code runs.
  const setRejectionHandler = global.Graal === undefined ? undefined : global.Graal.setUnhandledPromiseRejectionHandler;
  delete global.Graal;
  if (typeof setRejectionHandler === 'function') {
    setRejectionHandler((reason, promise) => {
      const list = listeners.get('unhandledrejection');
      if (list === undefined || list.length === 0) {
        host.log('error', 'Uncaught (in promise) ' + describeError(reason));
        return;
      }
      void global.PromiseRejectionEvent; // loads dom.js, which provides the constructor below
      try {
        dispatchEvent(internals.promiseRejectionEvent('unhandledrejection', promise, reason));
      } catch (e) {
        reportError(e);
      }
    });
  }

  // Contexts run in UTC; V8 names the zone "Coordinated Universal Time" where GraalJS prints "GMT".
  for (const name of ['toString', 'toTimeString']) {
    const original = Date.prototype[name];
    const patched = { [name]() {
      const text = Reflect.apply(original, this, []);
      return text.endsWith(' (GMT)') ? text.slice(0, -6) + ' (Coordinated Universal Time)' : text;
    } }[name];
    Object.defineProperty(Date.prototype, name, { value: patched, writable: true, configurable: true, enumerable: false });
  }

  // Globals GraalJS has and workerd does not: the engine's `arguments`, and WeakRef/FinalizationRegistry,
  // which workerd leaves out (garbage collection must not be observable).
  for (const name of ['arguments', 'WeakRef', 'FinalizationRegistry']) delete global[name];

  // Without unsafeEval the context refuses code generation from strings (EvalError) but GraalJS's eval still
  // returns non-string arguments as they are; workerd's eval throws for any argument, with its own message.
  const evalExport = host.allowEval() ? {} : {
    eval: { eval() { throw new EvalError('Code generation from strings disallowed for this context'); } }.eval,
  };

  class Navigator {
    get userAgent() { return 'Cloudflare-Workers'; }
    get language() { return 'en'; }
    get hardwareConcurrency() { return 1; }
    get [Symbol.toStringTag]() { return 'Navigator'; }
  }

  return {
    console, setTimeout: (cb, delay, ...args) => addTimer(cb, delay, args, false),
    setInterval: (cb, delay, ...args) => addTimer(cb, delay, args, true),
    clearTimeout: clearTimer, clearInterval: clearTimer,
    queueMicrotask: (cb) => {
      if (typeof cb !== 'function') throw new TypeError("Failed to execute 'queueMicrotask' on 'ServiceWorkerGlobalScope': parameter 1 is not of type 'function'.");
      Promise.resolve().then(() => { try { cb(); } catch (e) { reportError(e); } });
    },
    crypto, Crypto, navigator: new Navigator(), Navigator, self: global, TextDecoder, performance, scheduler,
    addEventListener, removeEventListener, dispatchEvent, fetch, reportError, origin: 'null', ...evalExport,
  };
})
