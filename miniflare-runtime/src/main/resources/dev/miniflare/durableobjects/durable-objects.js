(function (host, global, internals) {
  'use strict';
  // Durable Objects: the namespace binding and stubs a caller sees, and the objects themselves (state, storage,
  // input gate) living in the isolate of the worker that exports their class. Requests, RPC arguments and results
  // cross between isolates as data through Java.

  const { Response } = global;
  const HEX64 = /^[0-9a-f]{64}$/;

  function call(fn) {
    try { return fn(); } catch (e) { internals.rethrow(e); }
  }

  // --- ids, stubs and the namespace binding (caller side) -----------------------------------------------------

  class DurableObjectId {
    #hex;
    #name;
    constructor(hex, name) { this.#hex = hex; this.#name = name; }
    toString() { return this.#hex; }
    equals(other) { return other instanceof DurableObjectId && other.#hex === this.#hex; }
    get name() { return this.#name; }
    get [Symbol.toStringTag]() { return 'DurableObjectId'; }
  }

  function rpc(target, id, method, args) {
    return new Promise((resolve, reject) => {
      let payload;
      try { payload = internals.serializeRpc(args); } catch (e) { reject(e); return; }
      target.rpc(id.toString(), id.name ?? null, method, payload,
        (result) => { try { resolve(result === internals.RPC_METHOD_MARKER ? result : internals.deserialize(result)); } catch (e) { reject(e); } },
        (error) => { try { reject(internals.deserialize(error)); } catch (e) { reject(e); } });
    });
  }

  class DurableObjectStub {
    #target;
    #id;
    constructor(target, id) { this.#target = target; this.#id = id; }
    get id() { return this.#id; }
    get name() { return this.#id.name; }
    fetch(input, init = undefined) {
      const target = this.#target;
      const hex = this.#id.toString();
      const name = this.#id.name ?? null;
      return internals.fetchThroughHost({
        fetch: (m, u, h, b, o, l, onResponse, onError) => target.fetch(hex, name, m, u, h, b, o, l, onResponse, onError),
      }, input, init);
    }
    get [Symbol.toStringTag]() { return 'DurableObjectStub'; }
  }

  function makeStub(target, id, rpcEnabled) {
    const stub = new DurableObjectStub(target, id);
    // Before JS RPC (compatibility date 2024-04-03 or the "rpc" flag) a stub only has fetch.
    if (!rpcEnabled) return stub;
    // Any other property is a JS RPC method of the object's class.
    return new Proxy(stub, {
      get(t, prop) {
        if (typeof prop === 'symbol' || prop in t) {
          const v = Reflect.get(t, prop, t);
          return typeof v === 'function' ? v.bind(t) : v;
        }
        if (prop === 'then') return undefined;
        return internals.rpcMember((method, args) => rpc(target, id, method, args), prop);
      },
    });
  }

  class DurableObjectNamespace {
    #target;
    #rpc;
    constructor(target, rpcEnabled) { this.#target = target; this.#rpc = rpcEnabled; }
    idFromName(name) {
      if (arguments.length < 1) throw new TypeError("Failed to execute 'idFromName' on 'DurableObjectNamespace': parameter 1 is not of type 'string'.");
      name = String(name);
      return new DurableObjectId(call(() => this.#target.idFromName(name)), name);
    }
    newUniqueId(options = undefined) {
      return new DurableObjectId(call(() => this.#target.newUniqueId()), undefined);
    }
    idFromString(hex) {
      hex = String(hex);
      if (!HEX64.test(hex)) throw new TypeError('Invalid Durable Object ID: must be 64 hex digits');
      return new DurableObjectId(hex, undefined);
    }
    get(id, options = undefined) {
      if (!(id instanceof DurableObjectId)) throw new TypeError("Failed to execute 'get' on 'DurableObjectNamespace': parameter 1 is not of type 'DurableObjectId'.");
      return makeStub(this.#target, id, this.#rpc);
    }
    getByName(name, options = undefined) { return this.get(this.idFromName(name), options); }
    jurisdiction(j) { return this; }
    get [Symbol.toStringTag]() { return 'DurableObjectNamespace'; }
  }
  internals.makeDurableObjectNamespace = (target, rpcEnabled = true) => new DurableObjectNamespace(target, rpcEnabled);

  // --- storage (object side) ----------------------------------------------------------------------------------

  function keyOf(k) { return String(k); }
  const MAX_VALUE_BYTES = 128 * 1024;
  const encoder = new TextEncoder();
  // The limit applies to the serialised size (close to V8's serialisation for strings and numbers).
  function checkedSerialize(value) {
    const s = internals.serialize(value);
    const size = s.length > MAX_VALUE_BYTES / 3 ? encoder.encode(s).byteLength - 1 : 0;
    if (size > MAX_VALUE_BYTES) {
      throw new RangeError(`Values cannot be larger than ${MAX_VALUE_BYTES} bytes. A value of size ${size} was provided.`);
    }
    return s;
  }

  // --- SQL storage (SQLite-backed objects) ---------------------------------------------------------------------
  // Queries run to completion in Java; the cursor walks the materialised rows. Rows cross as JSON; blobs and
  // non-finite numbers are markers ({b: i} / {n: 'Infinity'}) whose bytes or values travel separately.

  function encodeBinding(v, blobs) {
    if (v === null || v === undefined) return null;
    switch (typeof v) {
      case 'number':
        return Number.isFinite(v) ? v : Number.isNaN(v) ? null : { n: String(v) };
      case 'string':
        return v;
      case 'bigint':
        throw new TypeError('Cannot convert a BigInt value to a number');
      case 'symbol':
        throw new TypeError('Cannot convert a Symbol value to a string');
      default:
        break;
    }
    if (v instanceof ArrayBuffer) {
      blobs.push(v);
      return { b: blobs.length - 1 };
    }
    if (ArrayBuffer.isView(v)) {
      blobs.push(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength));
      return { b: blobs.length - 1 };
    }
    return String(v); // workerd binds other values (booleans, objects) as their string form
  }

  function decodeValue(v, result) {
    if (v !== null && typeof v === 'object') {
      if (v.b !== undefined) return new Uint8Array(result.blob(v.b)).slice().buffer;
      return Number(v.n);
    }
    return v;
  }

  class Cursor {
    #columns;
    #rows;
    #result;
    #position = 0;
    #rowsRead;
    #rowsWritten;
    constructor(result) {
      this.#result = result;
      this.#columns = JSON.parse(result.columns());
      this.#rows = JSON.parse(result.rows());
      this.#rowsRead = result.rowsRead();
      this.#rowsWritten = result.rowsWritten();
    }
    #nextRaw() {
      if (this.#position >= this.#rows.length) return undefined;
      const row = this.#rows[this.#position];
      this.#rows[this.#position++] = undefined;
      for (let i = 0; i < row.length; i++) {
        if (row[i] !== null && typeof row[i] === 'object') row[i] = decodeValue(row[i], this.#result);
      }
      return row;
    }
    #nextObject() {
      const row = this.#nextRaw();
      if (row === undefined) return undefined;
      const out = {};
      const columns = this.#columns;
      for (let i = 0; i < columns.length; i++) out[columns[i]] = row[i];
      return out;
    }
    next() {
      const row = this.#nextObject();
      return row === undefined ? { done: true } : { done: false, value: row };
    }
    toArray() {
      const out = [];
      for (let row = this.#nextObject(); row !== undefined; row = this.#nextObject()) out.push(row);
      return out;
    }
    one() {
      const row = this.#nextObject();
      if (row === undefined) throw new Error('Expected exactly one result from SQL query, but got no results.');
      if (this.#position < this.#rows.length) throw new Error('Expected exactly one result from SQL query, but got multiple results.');
      return row;
    }
    raw() {
      const next = () => this.#nextRaw();
      return new RawIterator(next);
    }
    get columnNames() { return this.#columns.slice(); }
    get rowsRead() { return this.#rowsRead; }
    get rowsWritten() { return this.#rowsWritten; }
    [Symbol.iterator]() { return this; }
    get [Symbol.toStringTag]() { return 'Cursor'; }
  }

  class RawIterator {
    #next;
    constructor(next) { this.#next = next; }
    next() {
      const row = this.#next();
      return row === undefined ? { done: true } : { done: false, value: row };
    }
    toArray() {
      const out = [];
      for (let row = this.#next(); row !== undefined; row = this.#next()) out.push(row);
      return out;
    }
    [Symbol.iterator]() { return this; }
    get [Symbol.toStringTag]() { return 'RawIterator'; }
  }

  class SqlStorage {
    #host;
    constructor(host) { this.#host = host; }
    exec(query, ...bindings) {
      if (arguments.length < 1 || query === undefined) {
        throw new TypeError("Failed to execute 'exec' on 'SqlStorage': parameter 1 is not of type 'JsString'.");
      }
      const text = String(query);
      const blobs = [];
      const encoded = JSON.stringify(bindings.map((b) => encodeBinding(b, blobs)));
      const host = this.#host;
      return new Cursor(call(() => host.sqlExec(text, encoded, blobs)));
    }
    get databaseSize() {
      const host = this.#host;
      return call(() => host.sqlDatabaseSize());
    }
    get Cursor() { return Cursor; }
    get [Symbol.toStringTag]() { return 'SqlStorage'; }
  }

  class DurableObjectStorage {
    #host;
    #hasAlarmHandler;
    #sql;
    constructor(objectHost, hasAlarmHandler = () => true) {
      this.#host = objectHost;
      this.#hasAlarmHandler = hasAlarmHandler;
    }

    async get(keys, options = undefined) {
      const host = this.#host;
      if (Array.isArray(keys)) {
        const found = JSON.parse(call(() => host.getMany(JSON.stringify(keys.map(keyOf)))));
        const out = new Map();
        for (const [k, v] of found) out.set(k, internals.deserialize(v));
        return out;
      }
      const v = call(() => host.get(keyOf(keys)));
      return v === null || v === undefined ? undefined : internals.deserialize(v);
    }

    async put(keyOrEntries, value = undefined, options = undefined) {
      const host = this.#host;
      if (keyOrEntries !== null && typeof keyOrEntries === 'object') {
        const entries = [];
        for (const k of Object.keys(keyOrEntries)) {
          if (keyOrEntries[k] === undefined) throw new TypeError('put() called with undefined value.');
          entries.push([k, checkedSerialize(keyOrEntries[k])]);
        }
        call(() => host.putMany(JSON.stringify(entries)));
        return;
      }
      if (value === undefined) throw new TypeError('put() called with undefined value.');
      const k = keyOf(keyOrEntries);
      const s = checkedSerialize(value);
      call(() => host.put(k, s));
    }

    async delete(keys, options = undefined) {
      const host = this.#host;
      if (Array.isArray(keys)) return call(() => host.deleteMany(JSON.stringify(keys.map(keyOf))));
      return call(() => host.delete(keyOf(keys)));
    }

    async deleteAll(options = undefined) {
      call(() => this.#host.deleteAll());
    }

    async list(options = undefined) {
      const o = options || {};
      const str = (v) => (v === undefined || v === null ? null : String(v));
      const limit = o.limit === undefined || o.limit === null ? -1 : Number(o.limit);
      if (o.limit !== undefined && !(limit > 0)) throw new TypeError('List limit must be positive.');
      const found = JSON.parse(call(() => this.#host.list(str(o.start), str(o.startAfter), str(o.end), str(o.prefix),
        !!o.reverse, limit)));
      const out = new Map();
      for (const [k, v] of found) out.set(k, internals.deserialize(v));
      return out;
    }

    async transaction(closure) {
      const host = this.#host;
      const token = call(() => host.transactionBegin());
      const savepoint = call(() => host.sqlSavepoint());
      let rolledBack = false;
      const txn = new DurableObjectStorage(host, this.#hasAlarmHandler);
      txn.rollback = () => { rolledBack = true; };
      try {
        const result = await closure(txn);
        if (rolledBack) host.transactionRollback(token);
        host.sqlEndSavepoint(savepoint, !rolledBack);
        return result;
      } catch (e) {
        host.transactionRollback(token);
        host.sqlEndSavepoint(savepoint, false);
        throw e;
      }
    }

    // Runs `closure` synchronously as one transaction: if it throws, its key-value and SQL writes are undone.
    transactionSync(closure) {
      if (typeof closure !== 'function') {
        throw new TypeError("Failed to execute 'transactionSync' on 'DurableObjectStorage': parameter 1 is not of type 'Function'.");
      }
      const host = this.#host;
      const token = call(() => host.transactionBegin());
      const savepoint = call(() => host.sqlSavepoint());
      let result;
      try {
        result = closure();
      } catch (e) {
        host.transactionRollback(token);
        host.sqlEndSavepoint(savepoint, false);
        throw e;
      }
      call(() => host.sqlEndSavepoint(savepoint, true));
      return result;
    }

    async getAlarm(options = undefined) {
      const t = call(() => this.#host.getAlarm());
      return t < 0 ? null : t;
    }

    async setAlarm(scheduledTime, options = undefined) {
      // workerd's conversions: a Date or a number, nothing else (not even a numeric string)
      if (!(scheduledTime instanceof Date) && typeof scheduledTime !== 'number') {
        throw new TypeError("Failed to execute 'setAlarm' on 'DurableObjectStorage': parameter 1 is not of type 'date'.");
      }
      const t = scheduledTime instanceof Date ? scheduledTime.getTime() : scheduledTime;
      if (!Number.isFinite(t)) throw new TypeError('The value cannot be converted because it is not a valid Date.');
      if (!this.#hasAlarmHandler()) {
        throw new TypeError('Your Durable Object class must have an alarm() handler in order to call setAlarm()');
      }
      call(() => this.#host.setAlarm(t));
    }

    async deleteAlarm(options = undefined) {
      call(() => this.#host.deleteAlarm());
    }

    async sync() {}

    get sql() {
      // As in workerd, the getter works on every object; exec() on a key-value-backed object throws.
      if (this.#sql === undefined) this.#sql = new SqlStorage(this.#host);
      return this.#sql;
    }

    get [Symbol.toStringTag]() { return 'DurableObjectStorage'; }
  }

  // --- live objects (object side) ------------------------------------------------------------------------------

  const objects = new Map();

  class DurableObjectState {
    #id;
    #storage;
    #object;
    constructor(id, storage, object) { this.#id = id; this.#storage = storage; this.#object = object; }
    get id() { return this.#id; }
    get storage() { return this.#storage; }
    waitUntil(promise) { internals.trackWaitUntil(promise); }
    blockConcurrencyWhile(closure) {
      const o = this.#object;
      const run = Promise.resolve().then(() => closure());
      const gate = run.then(() => {}, () => {});
      o.gates++;
      gate.then(() => {
        o.gates--;
        drain(o);
      });
      return run;
    }
    abort(reason) { objects.delete(this.#object.key); }
    // WebSocket hibernation API: the object's webSocketMessage/webSocketClose handlers take the socket's events
    // (the object is never actually evicted here, so nothing needs restoring). Texts recorded on workerd.
    acceptWebSocket(ws, tags = undefined) {
      if (!internals.isWebSocket(ws)) {
        throw new TypeError("Failed to execute 'acceptWebSocket' on 'DurableObjectState': parameter 1 is not of type 'WebSocket'.");
      }
      const o = this.#object;
      const tagList = tags === undefined || tags === null ? [] : [...tags].map(String);
      const call = (name, args) => deliver(o, () => {
        try {
          const fn = o.instance[name];
          if (typeof fn !== 'function') return undefined;
          return Promise.resolve(fn.apply(o.instance, args)).catch((e) => internals.reportError(e));
        } catch (e) {
          internals.reportError(e);
        }
        return undefined;
      });
      internals.acceptWebSocketForHibernation(ws,
        (data) => call('webSocketMessage', [ws, data]),
        (code, reason, wasClean) => {
          call('webSocketClose', [ws, code, reason, wasClean]);
          deliver(o, () => o.sockets.delete(ws));
        });
      o.sockets.set(ws, tagList);
    }
    getWebSockets(tag = undefined) {
      const out = [];
      for (const [ws, tags] of this.#object.sockets) if (tag === undefined || tags.includes(String(tag))) out.push(ws);
      return out;
    }
    getTags(ws) {
      const tags = this.#object.sockets.get(ws);
      return tags === undefined ? [] : tags.slice();
    }
    get [Symbol.toStringTag]() { return 'DurableObjectState'; }
  }

  // Queued events are delivered one per macrotask: an event's storage calls complete as microtasks, so its
  // read-modify-write finishes before the next event starts (the input gate), as on Cloudflare.
  function drain(o) {
    if (o.gates > 0 || o.queue.length === 0 || o.draining) return;
    o.draining = true;
    global.setTimeout(() => {
      o.draining = false;
      if (o.gates > 0 || o.queue.length === 0) return;
      o.queue.shift()();
      drain(o);
    }, 0);
  }

  /** Runs `event` for the object now, or after the input gate (blockConcurrencyWhile) opens. */
  function deliver(o, event) {
    if (o.gates > 0 || o.queue.length > 0) o.queue.push(event);
    else event();
  }

  function objectFor(className, hex, name, objectHost) {
    const key = className + '/' + hex;
    let o = objects.get(key);
    if (o !== undefined) return o;
    const exports = internals.moduleExports();
    const Cls = exports === null ? undefined : exports[className];
    if (typeof Cls !== 'function') {
      throw new Error(`Durable Object class "${className}" is not exported by this worker (exports: ${exports === null ? 'none' : Object.keys(exports).join(', ')}).`);
    }
    o = { key, gates: 0, queue: [], instance: null, draining: false, sockets: new Map() };
    const hasAlarmHandler = () => typeof (o.instance ?? Cls.prototype).alarm === 'function';
    o.state = new DurableObjectState(new DurableObjectId(hex, name === null ? undefined : name),
      new DurableObjectStorage(objectHost, hasAlarmHandler), o);
    objects.set(key, o);
    try {
      o.instance = new Cls(o.state, internals.env());
    } catch (e) {
      objects.delete(key);
      throw e;
    }
    return o;
  }

  internals.objectFetch = (className, hex, name, objectHost, view, cb) => {
    let o;
    try {
      o = objectFor(className, hex, name, objectHost);
    } catch (e) {
      internals.reportError(e);
      internals.failToHost(e, cb);
      return;
    }
    deliver(o, () => {
      let result;
      try {
        if (typeof o.instance.fetch !== 'function') throw new TypeError('Handler does not export a fetch() function.');
        result = o.instance.fetch(internals.requestFromHost(view));
      } catch (e) {
        internals.reportError(e);
        internals.failToHost(e, cb);
        return;
      }
      Promise.resolve(result).then((res) => {
        if (!(res instanceof Response)) throw new TypeError("Incorrect type for Promise: the Promise did not resolve to 'Response'.");
        return internals.sendToHost(res, cb);
      }).catch((e) => {
        internals.reportError(e);
        internals.failToHost(e, cb);
      });
    });
  };

  internals.objectRpc = (className, hex, name, objectHost, method, args, cb) => {
    const fail = (e) => cb.reject(internals.serialize(e instanceof Error ? e : new Error(String(e))));
    let o;
    try {
      o = objectFor(className, hex, name, objectHost);
    } catch (e) {
      fail(e);
      return;
    }
    deliver(o, () => {
      try {
        if (method.startsWith(internals.RPC_GET)) {
          const name = method.slice(internals.RPC_GET.length);
          const property = internals.rpcProperty(o.instance, name);
          if (!property.found) throw new TypeError(`The RPC receiver does not implement the method "${name}".`);
          Promise.resolve(property.value).then((v) => cb.resolve(v === internals.RPC_METHOD_MARKER ? v
            : internals.serializeRpc(v)), fail);
          return;
        }
        const fn = o.instance[method];
        if (typeof fn !== 'function' || method === 'constructor' || method.startsWith('#')) {
          throw new TypeError(`The RPC receiver does not implement the method "${method}".`);
        }
        Promise.resolve(fn.apply(o.instance, internals.deserialize(args)))
          .then((v) => cb.resolve(internals.serializeRpc(v)), fail);
      } catch (e) {
        fail(e);
      }
    });
  };

  internals.objectAlarm = (className, hex, name, objectHost, retryCount, cb) => {
    const fail = (e) => { internals.reportError(e); cb.reject(internals.serialize(e instanceof Error ? e : new Error(String(e)))); };
    let o;
    try {
      o = objectFor(className, hex, name, objectHost);
    } catch (e) {
      fail(e);
      return;
    }
    deliver(o, () => {
      try {
        if (typeof o.instance.alarm !== 'function') throw new TypeError('Handler does not export an alarm() function.');
        Promise.resolve(o.instance.alarm({ retryCount, isRetry: retryCount > 0 }))
          .then(() => cb.resolve('Jnull'), fail);
      } catch (e) {
        fail(e);
      }
    });
  };

  /** Runs a test's callback with an object's instance and state (runInDurableObject). */
  internals.objectRun = (className, hex, name, objectHost, callback, cb) => {
    let o;
    try {
      o = objectFor(className, hex, name, objectHost);
    } catch (e) {
      cb.reject(internals.serialize(e));
      return;
    }
    deliver(o, () => {
      try {
        Promise.resolve(callback.run(o.instance, o.state)).then((v) => cb.resolve(internals.serialize(v === undefined ? null : v)),
          (e) => cb.reject(internals.serialize(e)));
      } catch (e) {
        cb.reject(internals.serialize(e));
      }
    });
  };

  internals.resetObjects = () => { objects.clear(); };
  internals.liveObjectIds = (className) => [...objects.keys()].filter((k) => k.startsWith(className + '/')).map((k) => k.slice(className.length + 1)).join(',');

  return {};
})
