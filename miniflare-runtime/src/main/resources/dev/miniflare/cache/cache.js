(function (host, global, internals) {
  'use strict';
  // The Cache API (`caches.default`, `caches.open(name)`) over the isolate's Java CacheBinding, which the worker
  // instance leaves on `internals.cacheHost`. Argument checks and workerd's messages live here; what may be
  // stored, expiry and range/conditional matching live in Java (shared with the Java Cache API).
  const { Request, Response, Headers } = global;
  const CONSTRUCT = Symbol('construct');
  const USED_MESSAGE = 'Body has already been used. It can only be used once. Use tee() first if you need to read it twice.';

  function binding() {
    const b = internals.cacheHost;
    if (b === undefined || b === null) throw new Error('The Cache API is not available in this isolate.');
    return b;
  }
  function call(fn) {
    try { return fn(); } catch (e) { internals.rethrow(e); }
  }
  function notImplemented(what, on) {
    return Promise.reject(new Error(`Failed to execute '${what}' on '${on}': the method is not implemented.`));
  }
  function headerBlob(headers) {
    let out = '';
    for (const [name, values] of internals.headersList(headers)) {
      for (const v of values) out += (out.length ? '\n' : '') + name + '\n' + v;
    }
    return out;
  }
  /** A Request for a `Request or string` argument; strings are parsed as absolute URLs, as workerd does. */
  function toRequest(input, what, count) {
    if (count < 1 || input === undefined) {
      throw new TypeError(`Failed to execute '${what}' on 'Cache': parameter 1 is not of type 'Request or string'.`);
    }
    if (input instanceof Request) return input;
    const s = String(input);
    let url;
    try { url = internals.parseUrl(s); } catch (e) { throw new TypeError(`Invalid URL: ${s}`); }
    return new Request(url);
  }
  /** The cache key: `cf.cacheKey` when the request sets one, else its URL without fragment. */
  function keyOf(req) {
    const cf = req.cf;
    if (cf !== null && typeof cf === 'object' && cf.cacheKey) return String(cf.cacheKey);
    const url = req.url;
    const hash = url.indexOf('#');
    return hash < 0 ? url : url.slice(0, hash);
  }
  function fromHit(hit) {
    const headers = new Headers();
    const blob = hit.headers();
    if (blob.length > 0) {
      const parts = blob.split('\n');
      for (let i = 0; i + 1 < parts.length; i += 2) headers.append(parts[i], parts[i + 1]);
    }
    const buffer = hit.body();
    const res = new Response(null, { status: hit.status(), headers });
    if (buffer !== null && buffer !== undefined) res._setBody(new Uint8Array(buffer).slice());
    internals.setHeadersGuard(res.headers, 'immutable');
    return res;
  }

  class Cache {
    #name;
    constructor(token, name) {
      if (token !== CONSTRUCT) throw new TypeError('Illegal constructor');
      this.#name = name;
    }

    add(request) { return notImplemented('add', 'Cache'); }
    addAll(requests) { return notImplemented('addAll', 'Cache'); }

    async delete(request, options = undefined) {
      const req = toRequest(request, 'delete', arguments.length);
      const ignoreMethod = options !== undefined && options !== null && !!options.ignoreMethod;
      if (req.method !== 'GET' && !ignoreMethod) return false;
      const b = binding();
      return call(() => b.delete(this.#name, keyOf(req)));
    }

    async match(request, options = undefined) {
      const req = toRequest(request, 'match', arguments.length);
      const ignoreMethod = options !== undefined && options !== null && !!options.ignoreMethod;
      if (req.method !== 'GET' && !ignoreMethod) return undefined;
      const b = binding();
      const hit = call(() => b.match(this.#name, keyOf(req), headerBlob(req.headers)));
      return hit === null || hit === undefined ? undefined : fromHit(hit);
    }

    async put(request, response) {
      const req = toRequest(request, 'put', arguments.length);
      if (!(response instanceof Response)) {
        throw new TypeError("Failed to execute 'put' on 'Cache': parameter 2 is not of type 'Response'.");
      }
      if (req.method !== 'GET') throw new TypeError('Cannot cache response to non-GET request.');
      if (response.status === 206) throw new TypeError('Cannot cache response to a range request (206 Partial Content).');
      const vary = response.headers.get('vary');
      if (vary !== null && vary.split(',').some((v) => v.trim() === '*')) {
        throw new TypeError("Cannot cache response with 'Vary: *' header.");
      }
      if (response.type === 'error') throw new TypeError('Cache is unable to store an error response');
      if (response.bodyUsed) throw new TypeError(USED_MESSAGE);
      const src = internals.bodySource(response);
      // A streamed body reaches the cache without Content-Length (workerd sends it chunked).
      const lengthKnown = src === null || typeof src === 'string' || src instanceof Uint8Array;
      const key = keyOf(req);
      const reqHeaders = headerBlob(req.headers);
      const resHeaders = headerBlob(response.headers);
      const body = await internals.takeBody(response);
      const b = binding();
      const name = this.#name;
      if (body === null) call(() => b.put(name, key, reqHeaders, response.status, resHeaders, null, 0, 0, lengthKnown));
      else if (typeof body === 'string') call(() => b.put(name, key, reqHeaders, response.status, resHeaders, body, 0, 0, lengthKnown));
      else call(() => b.put(name, key, reqHeaders, response.status, resHeaders, body.buffer, body.byteOffset, body.byteLength, lengthKnown));
    }

    matchAll(request = undefined, options = undefined) { return notImplemented('matchAll', 'Cache'); }
    keys(request = undefined, options = undefined) { return notImplemented('keys', 'Cache'); }
  }

  class CacheStorage {
    constructor(token) {
      if (token !== CONSTRUCT) throw new TypeError('Illegal constructor');
      // An own property of the instance, as in workerd (its prototype has only the methods).
      let defaultCache = null;
      Object.defineProperty(this, 'default', {
        get() { return defaultCache === null ? (defaultCache = new Cache(CONSTRUCT, null)) : defaultCache; },
        enumerable: true, configurable: false,
      });
    }
    async open(cacheName) {
      if (arguments.length < 1) {
        throw new TypeError("Failed to execute 'open' on 'CacheStorage': parameter 1 is not of type 'string'.");
      }
      const name = String(cacheName);
      if (name.length >= 1024) throw new TypeError('Cache name is too long.');
      return new Cache(CONSTRUCT, name);
    }
    delete(cacheName) { return notImplemented('delete', 'CacheStorage'); }
    match(request, options = undefined) { return notImplemented('match', 'CacheStorage'); }
    has(cacheName) { return notImplemented('has', 'CacheStorage'); }
    keys() { return notImplemented('keys', 'CacheStorage'); }
  }

  return { caches: new CacheStorage(CONSTRUCT), Cache, CacheStorage };
})
