(function (host, global) {
  'use strict';
  // structuredClone with the semantics of workerd (V8 ValueSerializer + jsg::Serializer), done in one pass.
  const objToString = Object.prototype.toString;
  const fnToString = Function.prototype.toString;
  const getProto = Object.getPrototypeOf;
  const getter = (proto, name) => Object.getOwnPropertyDescriptor(proto, name).get;
  const abByteLength = getter(ArrayBuffer.prototype, 'byteLength');
  const mapSize = getter(Map.prototype, 'size');
  const setSize = getter(Set.prototype, 'size');
  const reSource = getter(RegExp.prototype, 'source');
  const reFlags = getter(RegExp.prototype, 'flags');
  const ERRORS = { EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };
  const UNCLONEABLE = new Set(['WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry', 'Promise', 'Generator',
    'AsyncGenerator', 'Symbol']);
  // Runtime (host) classes: workerd's jsg objects that are not serializable.
  const RPC_ONLY = [['ReadableStream', 'ReadableStream can only be serialized for RPC.'],
    ['WritableStream', 'WritableStream can only be serialized for RPC.'],
    ['Response', 'ReadableStream can only be serialized for RPC.']];
  const AS_EMPTY_OBJECT = ['Request', 'Headers'];
  const HOST = ['File', 'Blob', 'EventTarget', 'Event', 'AbortController', 'ReadableStream',
    'WritableStream', 'TransformStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader',
    'WritableStreamDefaultWriter', 'URL', 'URLSearchParams', 'FormData', 'TextEncoder', 'TextDecoder', 'WebSocket',
    'Crypto', 'SubtleCrypto', 'CryptoKey', 'CompressionStream', 'DecompressionStream', 'Cache', 'CacheStorage',
    'HTMLRewriter', 'TextEncoderStream', 'TextDecoderStream'];

  const dataCloneError = (message) => new global.DOMException(message, 'DataCloneError');
  const brand = (fn, v) => {
    try { fn.call(v); return true; } catch (e) { return false; }
  };
  const isArrayBuffer = (v) => v instanceof ArrayBuffer && brand(abByteLength, v);
  const ctorName = (v, fallback) => {
    try {
      const c = getProto(v)?.constructor;
      if (typeof c === 'function' && typeof c.name === 'string' && c.name !== '') return c.name;
    } catch (e) { /* fall through */ }
    return fallback;
  };
  const put = (o, k, v) => {
    if (k === '__proto__') Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
    else o[k] = v;
  };
  const hide = (o, k, v) => Object.defineProperty(o, k, { value: v, writable: true, enumerable: false, configurable: true });

  function copyBuffer(buf) {
    if (buf.detached) throw dataCloneError('An ArrayBuffer is detached and could not be cloned.');
    if (!buf.resizable) return buf.slice(0);
    const out = new ArrayBuffer(buf.byteLength, { maxByteLength: buf.maxByteLength });
    new Uint8Array(out).set(new Uint8Array(buf));
    return out;
  }

  function structuredClone(value, options) {
    const memory = new Map();
    let transfers = null;
    if (options !== undefined && options !== null) {
      if (typeof options !== 'object' && typeof options !== 'function') {
        throw new TypeError("Failed to execute 'structuredClone' on 'ServiceWorkerGlobalScope': parameter 2 is not of type 'StructuredCloneOptions'.");
      }
      const list = options.transfer;
      if (list !== undefined) {
        if (!Array.isArray(list)) {
          throw new TypeError("Incorrect type for the 'transfer' field on 'StructuredCloneOptions': the provided value is not of type 'Array'.");
        }
        transfers = [];
        for (let i = 0; i < list.length; i++) {
          const item = list[i];
          const buf = ArrayBuffer.isView(item) ? item.buffer : item;
          if (!isArrayBuffer(buf)) {
            if (typeof SharedArrayBuffer === 'function' && buf instanceof SharedArrayBuffer) {
              throw dataCloneError('Object is not transferable.');
            }
            throw new TypeError('Object is not transferable');
          }
          if (memory.has(buf)) continue;
          memory.set(buf, buf.detached ? new ArrayBuffer(0) : copyBuffer(buf));
          transfers.push(buf);
        }
      }
    }
    const result = clone(value, memory);
    if (transfers !== null) {
      // Detach after serializing, as workerd does. Without a way to hand over the backing store, the data was copied.
      for (const buf of transfers) if (!buf.detached && typeof buf.transfer === 'function') buf.transfer(0);
    }
    return result;
  }

  function clone(v, memory) {
    const t = typeof v;
    if (t !== 'object' && t !== 'function') {
      if (t === 'symbol') throw dataCloneError(`${String(v)} could not be cloned.`);
      return v;
    }
    if (v === null) return v;
    let out = memory.get(v);
    if (out !== undefined) return out;
    if (t === 'function') throw dataCloneError(`${fnToString.call(v)} could not be cloned.`);
    if (Array.isArray(v)) {
      out = new Array(v.length);
      memory.set(v, out);
      return copyProps(v, out, memory);
    }
    const proto = getProto(v);
    if (proto === Object.prototype || proto === null) return plain(v, memory);
    const tag = objToString.call(v).slice(8, -1);
    switch (tag) {
      case 'Object': case 'Arguments': break;
      case 'Date':
        if (brand(Date.prototype.getTime, v)) return remember(memory, v, new Date(Date.prototype.getTime.call(v)));
        break;
      case 'RegExp':
        if (brand(reSource, v)) return remember(memory, v, new RegExp(reSource.call(v), reFlags.call(v)));
        break;
      case 'Boolean': case 'Number': case 'String': case 'BigInt': {
        const valueOf = global[tag].prototype.valueOf;
        if (brand(valueOf, v)) return remember(memory, v, Object(valueOf.call(v)));
        break;
      }
      case 'ArrayBuffer':
        if (isArrayBuffer(v)) return remember(memory, v, copyBuffer(v));
        break;
      case 'SharedArrayBuffer':
        return v;
      case 'Map':
        if (brand(mapSize, v)) {
          out = remember(memory, v, new Map());
          const entries = Array.from(Map.prototype.entries.call(v));
          for (const [k, val] of entries) out.set(clone(k, memory), clone(val, memory));
          return out;
        }
        break;
      case 'Set':
        if (brand(setSize, v)) {
          out = remember(memory, v, new Set());
          const values = Array.from(Set.prototype.values.call(v));
          for (const val of values) out.add(clone(val, memory));
          return out;
        }
        break;
      case 'Error':
        if (typeof Error.isError !== 'function' || Error.isError(v)) return cloneError(v, memory);
        break;
      case 'DOMException':
        if (v instanceof global.DOMException) {
          out = remember(memory, v, new global.DOMException(v.message, v.name));
          Object.defineProperty(out, 'stack', { value: v.stack, writable: true, enumerable: true, configurable: true });
          return out;
        }
        break;
      default:
        if (ArrayBuffer.isView(v)) {
          const buf = clone(v.buffer, memory);
          const ctor = tag === 'DataView' || tag === 'Object' ? DataView : global[tag];
          const len = ctor === DataView ? v.byteLength : v.length;
          return remember(memory, v, new ctor(buf, v.byteOffset, len));
        }
        if (UNCLONEABLE.has(tag) || tag.endsWith(' Iterator')) {
          throw dataCloneError(`#<${ctorName(v, tag)}> could not be cloned.`);
        }
    }
    // workerd: streams (and a Response, whose body is one) only cross RPC; Request and Headers come out as {}
    for (const [name, message] of RPC_ONLY) {
      const c = global[name];
      if (typeof c === 'function' && v instanceof c) throw dataCloneError(message);
    }
    for (const name of AS_EMPTY_OBJECT) {
      const c = global[name];
      if (typeof c === 'function' && v instanceof c) return remember(memory, v, {});
    }
    for (let i = 0; i < HOST.length; i++) {
      const c = global[HOST[i]];
      if (typeof c === 'function' && v instanceof c) {
        throw dataCloneError(`Could not serialize object of type "${ctorName(v, HOST[i])}". This type does not support serialization.`);
      }
    }
    return plain(v, memory);
  }

  function remember(memory, v, out) {
    memory.set(v, out);
    return out;
  }

  function plain(v, memory) {
    const out = {};
    memory.set(v, out);
    return copyProps(v, out, memory);
  }

  function copyProps(v, out, memory) {
    const keys = Object.keys(v);
    for (let i = 0; i < keys.length; i++) put(out, keys[i], clone(v[keys[i]], memory));
    return out;
  }

  // V8's error serialization: the prototype follows `name` (known native errors only), own `message`, `stack`, `cause`.
  function cloneError(v, memory) {
    const ctor = ERRORS[String(v.name)] || Error;
    const desc = Object.getOwnPropertyDescriptor(v, 'message');
    const out = desc !== undefined && 'value' in desc ? new ctor(String(desc.value)) : new ctor();
    memory.set(v, out);
    const stack = v.stack;
    if (typeof stack === 'string') hide(out, 'stack', stack);
    else delete out.stack;
    const cause = Object.getOwnPropertyDescriptor(v, 'cause');
    if (cause !== undefined && 'value' in cause) hide(out, 'cause', clone(cause.value, memory));
    return out;
  }

  return { structuredClone };
})
