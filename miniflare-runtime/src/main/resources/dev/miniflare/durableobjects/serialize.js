(function (host, global, internals) {
  'use strict';
  // Serialisation of structured-cloneable values to text, for Durable Object storage and RPC arguments (values
  // cross isolates and live in the snapshot-able store as data). Plain JSON values are stored as "J" + JSON so
  // Java can read and write them with Jackson; anything else as "S" + a tagged JSON tree with back-references
  // (cycles and shared references survive).

  const TYPED = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
    'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array'];

  function cloneError(v) {
    const E = global.DOMException;
    const what = typeof v === 'symbol' ? v.toString() : typeof v === 'function' ? String(v) : Object.prototype.toString.call(v);
    return new E(`${what} could not be cloned.`, 'DataCloneError');
  }

  function isPlainJson(v, depth) {
    if (depth > 64) return false;
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
    if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) { if (!(i in v) || !isPlainJson(v[i], depth + 1)) return false; }
      return true;
    }
    if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      for (const k of Object.keys(v)) { if (!isPlainJson(v[k], depth + 1)) return false; }
      return true;
    }
    return false;
  }

  function bytesToBase64(u8) {
    let s = '';
    for (let i = 0; i < u8.length; i++) s += String.fromCharCode(u8[i]);
    return global.btoa(s);
  }
  function base64ToBytes(b64) {
    const s = global.atob(b64);
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }

  function encode(v, seen) {
    switch (typeof v) {
      case 'undefined': return { $: 'u' };
      case 'boolean': case 'string': return v;
      case 'number':
        if (Number.isFinite(v) && !Object.is(v, -0)) return v;
        return { $: 'n', v: Object.is(v, -0) ? '-0' : String(v) };
      case 'bigint': return { $: 'bi', v: v.toString() };
      case 'function': case 'symbol': throw cloneError(v);
    }
    if (v === null) return null;
    const ref = seen.get(v);
    if (ref !== undefined) return { $: 'r', i: ref };
    seen.set(v, seen.size);
    if (Array.isArray(v)) {
      const items = [];
      for (let i = 0; i < v.length; i++) items.push(i in v ? encode(v[i], seen) : { $: 'h' });
      return { $: 'a', v: items };
    }
    if (v instanceof Date) return { $: 'd', v: v.getTime() };
    if (v instanceof RegExp) return { $: 're', s: v.source, f: v.flags };
    if (v instanceof Map) {
      const entries = [];
      for (const [k, val] of v) entries.push([encode(k, seen), encode(val, seen)]);
      return { $: 'm', v: entries };
    }
    if (v instanceof Set) {
      const items = [];
      for (const x of v) items.push(encode(x, seen));
      return { $: 's', v: items };
    }
    if (v instanceof ArrayBuffer) return { $: 'ab', v: bytesToBase64(new Uint8Array(v)) };
    if (ArrayBuffer.isView(v)) {
      const type = v instanceof DataView ? 'DataView' : TYPED.find((t) => v instanceof global[t]);
      const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      return { $: 'ta', t: type, v: bytesToBase64(bytes) };
    }
    if (v instanceof Error) return { $: 'e', n: v.name, m: v.message, st: v.stack };
    if (v instanceof Boolean || v instanceof Number || v instanceof String) return { $: 'w', v: encode(v.valueOf(), seen) };
    if (v instanceof Promise || v instanceof WeakMap || v instanceof WeakSet) throw cloneError(v);
    const proto = Object.getPrototypeOf(v);
    if (seen.rpc && proto !== Object.prototype && proto !== null) {
      // workerd's RPC serialiser takes plain objects only (a V8 structured clone, as for queue bodies, would copy
      // the own properties of any object)
      const type = typeof v.constructor === 'function' && v.constructor.name ? v.constructor.name : 'Object';
      throw new global.DOMException(`Could not serialize object of type "${type}". This type does not support serialization.`,
        'DataCloneError');
    }
    const out = {};
    for (const k of Object.keys(v)) out[k] = encode(v[k], seen);
    return { $: 'o', v: out };
  }

  const ERRORS = { Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError };

  function decode(t, refs) {
    if (t === null || typeof t !== 'object') return t;
    switch (t.$) {
      case 'u': return undefined;
      case 'n': return t.v === '-0' ? -0 : Number(t.v);
      case 'bi': return BigInt(t.v);
      case 'r': return refs[t.i];
      case 'a': {
        const out = [];
        refs.push(out);
        out.length = t.v.length;
        t.v.forEach((x, i) => { if (!(x && x.$ === 'h')) out[i] = decode(x, refs); });
        return out;
      }
      case 'd': { const d = new Date(t.v); refs.push(d); return d; }
      case 're': { const r = new RegExp(t.s, t.f); refs.push(r); return r; }
      case 'm': { const m = new Map(); refs.push(m); for (const [k, v] of t.v) m.set(decode(k, refs), decode(v, refs)); return m; }
      case 's': { const s = new Set(); refs.push(s); for (const x of t.v) s.add(decode(x, refs)); return s; }
      case 'ab': { const b = base64ToBytes(t.v).buffer; refs.push(b); return b; }
      case 'ta': {
        const bytes = base64ToBytes(t.v);
        const v = t.t === 'DataView' ? new DataView(bytes.buffer)
          : new global[t.t](bytes.buffer, 0, bytes.byteLength / global[t.t].BYTES_PER_ELEMENT);
        refs.push(v);
        return v;
      }
      case 'e': {
        const E = ERRORS[t.n] || Error;
        const e = new E(t.m);
        if (!(t.n in ERRORS)) e.name = t.n;
        if (t.st !== undefined) e.stack = t.st;
        refs.push(e);
        return e;
      }
      case 'w': { const w = Object(decode(t.v, refs)); refs.push(w); return w; }
      case 'o': {
        const o = {};
        refs.push(o);
        for (const k of Object.keys(t.v)) o[k] = decode(t.v[k], refs);
        return o;
      }
    }
    throw new TypeError('Corrupt serialized value.');
  }

  internals.serialize = (v) => (isPlainJson(v, 0) ? 'J' + JSON.stringify(v) : 'S' + JSON.stringify(encode(v, new Map())));
  /** As serialize, with workerd's RPC rules: instances of classes are refused (DataCloneError). */
  internals.serializeRpc = (v) => {
    if (isPlainJson(v, 0)) return 'J' + JSON.stringify(v);
    const seen = new Map();
    seen.rpc = true; // read by encode at every level
    return 'S' + JSON.stringify(encode(v, seen));
  };
  internals.deserialize = (s) => (s.charCodeAt(0) === 74 /* J */ ? JSON.parse(s.slice(1)) : decode(JSON.parse(s.slice(1)), []));
  return {};
})
