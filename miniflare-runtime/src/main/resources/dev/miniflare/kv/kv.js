(function (host, global, internals) {
  'use strict';
  // The KVNamespace binding class over a Java KvBinding. Argument conversion and option parsing happen here, the
  // limits and error messages in Java (shared with the Java KVNamespace API).
  const TYPES = new Set(['text', 'json', 'arrayBuffer', 'stream']);
  const TYPE_ERROR = 'Unknown response type. Possible types are "text", "arrayBuffer", "json", and "stream".';
  const encoder = new TextEncoder();

  function call(fn) {
    try { return fn(); } catch (e) { internals.rethrow(e); }
  }
  function readOptions(options) {
    let type = 'text';
    let cacheTtl;
    if (typeof options === 'string') type = options;
    else if (options !== undefined && options !== null && typeof options === 'object') {
      if (options.type !== undefined) type = String(options.type);
      cacheTtl = options.cacheTtl;
    } else if (options !== undefined && options !== null) {
      type = String(options);
    }
    return { type, cacheTtl };
  }
  function decode(entry, type) {
    if (entry === null || entry === undefined) return null;
    // workerd only looks at the type once there is a value to convert: a missing key is null whatever the type
    if (!TYPES.has(type)) throw new TypeError(TYPE_ERROR);
    switch (type) {
      case 'text': return entry.text();
      case 'json': return JSON.parse(entry.text());
      case 'arrayBuffer': return new Uint8Array(entry.buffer()).slice().buffer;
      case 'stream': {
        const bytes = new Uint8Array(entry.buffer()).slice();
        return new global.ReadableStream({
          type: 'bytes',
          start(c) { if (bytes.byteLength > 0) c.enqueue(bytes); c.close(); },
        });
      }
    }
    return null;
  }
  /**
   * A bulk read (an array of keys) as workerd answers it: only "text" and "json", 1 to 100 keys, and its
   * GET_BULK errors. {@code read(key)} gives the stored entry or null; {@code shape(entry, value)} what the Map
   * holds for a key that exists.
   */
  function bulk(keys, type, read, shape) {
    const fail = (message) => { throw new Error(`KV GET_BULK failed: 400 ${message}`); };
    if (type !== 'text' && type !== 'json') fail(`"${type}" is not a valid type. Use "json" or "text"`);
    if (keys.length === 0) fail('You must request a minimum of 1 key');
    if (keys.length > 100) fail('You can request a maximum of 100 keys');
    const names = keys.map(String);
    if (names.includes('')) fail('Key names must not be empty');
    const out = new Map();
    for (const name of names) {
      const entry = read(name);
      let value = null;
      if (entry !== null && entry !== undefined) {
        try {
          value = decode(entry, type);
        } catch (e) {
          if (e instanceof SyntaxError) fail('At least one of the requested keys corresponds to a non-json value');
          throw e;
        }
      }
      out.set(name, value === null ? null : shape(entry, value));
    }
    return out;
  }
  function metadataOf(entry) {
    const m = entry.metadata();
    return m === null || m === undefined ? null : JSON.parse(m);
  }

  class KVNamespace {
    #binding;
    constructor(binding) { this.#binding = binding; }

    async get(key, options = undefined) {
      const { type, cacheTtl } = readOptions(options);
      if (cacheTtl !== undefined) call(() => this.#binding.checkCacheTtl(Number(cacheTtl)));
      if (Array.isArray(key)) {
        return bulk(key, type, (k) => call(() => this.#binding.entry(k)), (entry, value) => value);
      }
      const k = String(key);
      return decode(call(() => this.#binding.entry(k)), type);
    }

    async getWithMetadata(key, options = undefined) {
      const { type, cacheTtl } = readOptions(options);
      if (cacheTtl !== undefined) call(() => this.#binding.checkCacheTtl(Number(cacheTtl)));
      const one = (k) => {
        const entry = call(() => this.#binding.entry(k));
        if (entry === null || entry === undefined) return { value: null, metadata: null, cacheStatus: null };
        return { value: decode(entry, type), metadata: metadataOf(entry), cacheStatus: null };
      };
      if (Array.isArray(key)) {
        return bulk(key, type, (k) => call(() => this.#binding.entry(k)),
          (entry, value) => ({ value, metadata: metadataOf(entry) }));
      }
      return one(String(key));
    }

    async put(key, value, options = undefined) {
      if (arguments.length < 2) throw new TypeError("Failed to execute 'put' on 'KvNamespace': parameter 2 is not of type 'ReadableStream or ArrayBuffer or ArrayBufferView or string'.");
      const k = String(key);
      let expiration = NaN;
      let expirationTtl = NaN;
      let metadata = null;
      if (options !== undefined && options !== null) {
        if (options.expiration !== undefined && options.expiration !== null) {
          expiration = Number(options.expiration);
          if (Number.isNaN(expiration)) expiration = 0;
        }
        if (options.expirationTtl !== undefined && options.expirationTtl !== null) {
          expirationTtl = Number(options.expirationTtl);
          if (Number.isNaN(expirationTtl)) expirationTtl = 0;
        }
        if (options.metadata !== undefined && options.metadata !== null) metadata = JSON.stringify(options.metadata);
      }
      let data = value;
      if (value !== null && typeof value === 'object' && typeof value.getReader === 'function') {
        data = await internals.readStream(value);
      } else if (value instanceof ArrayBuffer) {
        data = new Uint8Array(value);
      } else if (ArrayBuffer.isView(value)) {
        data = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      } else if (value !== null && (typeof value === 'object' || typeof value === 'function')) {
        throw new TypeError('KV put() accepts only strings, ArrayBuffers, ArrayBufferViews, and ReadableStreams as values.');
      } else {
        data = String(value);
      }
      if (typeof data === 'string') call(() => this.#binding.put(k, data, 0, 0, expiration, expirationTtl, metadata));
      else call(() => this.#binding.put(k, data.buffer, data.byteOffset, data.byteLength, expiration, expirationTtl, metadata));
    }

    async delete(key) {
      const k = String(key);
      call(() => this.#binding.delete(k));
    }

    async list(options = undefined) {
      let prefix = null;
      let limit = NaN;
      let cursor = null;
      if (options !== undefined && options !== null) {
        if (options.prefix !== undefined && options.prefix !== null) prefix = String(options.prefix);
        if (options.limit !== undefined && options.limit !== null) limit = Number(options.limit);
        if (options.cursor !== undefined && options.cursor !== null) cursor = String(options.cursor);
      }
      const result = JSON.parse(call(() => this.#binding.list(prefix, limit, cursor)));
      result.cacheStatus = null;
      return result;
    }

    get [Symbol.toStringTag]() { return 'KvNamespace'; }
  }

  internals.makeKvNamespace = (binding) => new KVNamespace(binding);
  return {};
})
