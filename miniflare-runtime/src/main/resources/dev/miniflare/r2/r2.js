(function (host, global, internals) {
  'use strict';
  // The R2Bucket binding class over a Java R2Binding. Argument conversion and the checks workerd does before
  // talking to R2 (with its messages) live here; the R2 service's semantics (limits, conditions, ranges, checksums,
  // listing, multipart uploads) live in Java, shared with the Java R2Bucket API. Installed only in isolates that
  // bind a bucket.
  const CONSTRUCT = Symbol('construct');
  const USED = 'Body has already been used. It can only be used once. Use tee() first if you need to read it twice.';
  const VALUE_TYPES = 'ReadableStream or ArrayBuffer or ArrayBufferView or string or Blob';
  const HTTP_FIELDS = ['contentType', 'contentLanguage', 'contentDisposition', 'contentEncoding', 'cacheControl'];
  const HASHES = [['md5', 'MD5', 16], ['sha1', 'SHA-1', 20], ['sha256', 'SHA-256', 32], ['sha384', 'SHA-384', 48],
    ['sha512', 'SHA-512', 64]];
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();

  function call(fn) {
    try { return fn(); } catch (e) { internals.rethrow(e); }
  }
  function isHeaders(v) { return v instanceof global.Headers; }
  function hexOf(bytes) {
    let s = '';
    for (let i = 0; i < bytes.length; i++) s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    return s;
  }
  function bufferOfHex(hex) {
    const out = new Uint8Array(hex.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
    return out.buffer;
  }
  function bytesOf(v) {
    return v instanceof ArrayBuffer ? new Uint8Array(v) : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  }

  /** A put/uploadPart value as [data, offset, length]: a string or an ArrayBuffer range. */
  async function valueOf(value, method, cls) {
    if (value === undefined || value === null) return ['', 0, 0];
    if (typeof value === 'string') return [value, 0, 0];
    let bytes;
    if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) bytes = bytesOf(value);
    else if (typeof value === 'object' && typeof value.getReader === 'function') {
      // workerd also insists on a stream of known length; any byte stream is accepted here.
      bytes = await internals.readStream(value);
    } else if (typeof value === 'object' && global.Blob && value instanceof global.Blob) bytes = global.Blob.__bytes(value);
    else throw new TypeError(`Failed to execute '${method}' on '${cls}': parameter 2 is not of type '${VALUE_TYPES}'.`);
    return [bytes.buffer, bytes.byteOffset, bytes.byteLength];
  }

  function dateField(v, field, type) {
    if (!(v instanceof Date)) {
      throw new TypeError(`Incorrect type for the '${field}' field on '${type}': the provided value is not of type 'date'.`);
    }
    return v.getTime();
  }
  function stringField(v, field, type) {
    if (typeof v !== 'string') {
      throw new TypeError(`Incorrect type for the '${field}' field on '${type}': the provided value is not of type 'string'.`);
    }
    return v;
  }

  /** An onlyIf option (R2Conditional or Headers) as the JSON the Java side reads; dates as strings of ms. */
  function conditional(onlyIf) {
    if (onlyIf === undefined || onlyIf === null) return undefined;
    const c = {};
    if (isHeaders(onlyIf)) {
      c.secondsGranularity = true;
      const im = onlyIf.get('if-match');
      if (im !== null) c.ifMatch = im;
      const inm = onlyIf.get('if-none-match');
      if (inm !== null) c.ifNoneMatch = inm;
      const ims = onlyIf.get('if-modified-since');
      if (ims !== null) c.uploadedAfter = String(Date.parse(ims));
      const ius = onlyIf.get('if-unmodified-since');
      if (ius !== null) c.uploadedBefore = String(Date.parse(ius));
      return c;
    }
    if (typeof onlyIf !== 'object') {
      throw new TypeError("Incorrect type for the 'onlyIf' field: the provided value is not of type 'Conditional or Headers'.");
    }
    if (onlyIf.etagMatches !== undefined) c.etagMatches = stringField(onlyIf.etagMatches, 'etagMatches', 'Conditional');
    if (onlyIf.etagDoesNotMatch !== undefined) {
      c.etagDoesNotMatch = stringField(onlyIf.etagDoesNotMatch, 'etagDoesNotMatch', 'Conditional');
    }
    if (onlyIf.uploadedBefore !== undefined) c.uploadedBefore = String(dateField(onlyIf.uploadedBefore, 'uploadedBefore', 'Conditional'));
    if (onlyIf.uploadedAfter !== undefined) c.uploadedAfter = String(dateField(onlyIf.uploadedAfter, 'uploadedAfter', 'Conditional'));
    if (onlyIf.secondsGranularity !== undefined) c.secondsGranularity = !!onlyIf.secondsGranularity;
    return c;
  }

  function checkRangeNumber(n, what, label) {
    if (!(n >= 0)) {
      throw new RangeError(what === 'Suffix' ? `Invalid suffix. Suffix (${n}) must be greater than or equal to 0.`
        : `Invalid range. ${label} (${n}) must be greater than or equal to 0.`);
    }
    if (!Number.isInteger(n)) throw new RangeError(`Invalid range. ${label} (${n}) must be an integer, not floating point.`);
    return n;
  }
  function rangeOptions(range, out) {
    if (range === undefined || range === null) return;
    if (isHeaders(range)) {
      const r = range.get('range');
      if (r !== null) out.rangeHeader = r;
      return;
    }
    const r = {};
    if (range.offset !== undefined) r.offset = checkRangeNumber(Number(range.offset), 'Offset', 'Starting offset');
    if (range.length !== undefined) r.length = checkRangeNumber(Number(range.length), 'Length', 'Length');
    if (range.suffix !== undefined) {
      if (range.offset !== undefined) throw new TypeError('Suffix is incompatible with offset.');
      if (range.length !== undefined) throw new TypeError('Suffix is incompatible with length.');
      r.suffix = checkRangeNumber(Number(range.suffix), 'Suffix', 'Suffix');
    }
    out.range = r;
  }

  function httpMetadataOption(m, out) {
    if (m === undefined || m === null) return;
    const h = {};
    if (isHeaders(m)) {
      const pairs = [['content-type', 'contentType'], ['content-language', 'contentLanguage'],
        ['content-disposition', 'contentDisposition'], ['content-encoding', 'contentEncoding'],
        ['cache-control', 'cacheControl']];
      for (const [header, field] of pairs) {
        const v = m.get(header);
        if (v !== null) h[field] = v;
      }
      const expires = m.get('expires');
      if (expires !== null) h.cacheExpiry = Date.parse(expires);
    } else {
      for (const f of HTTP_FIELDS) if (m[f] !== undefined) h[f] = String(m[f]);
      if (m.cacheExpiry !== undefined) h.cacheExpiry = dateField(m.cacheExpiry, 'cacheExpiry', 'HttpMetadata');
    }
    out.httpMetadata = h;
  }
  function customMetadataOption(m, out, type) {
    if (m === undefined) return;
    if (m === null || typeof m !== 'object') {
      throw new TypeError(`Incorrect type for the 'customMetadata' field on '${type}': the provided value is not of type 'object'.`);
    }
    const c = {};
    for (const k of Object.keys(m)) c[k] = String(m[k]);
    out.customMetadata = c;
  }
  function hashOptions(options, out) {
    let specified = false;
    for (const [field, name, length] of HASHES) {
      const v = options[field];
      if (v === undefined) continue;
      if (specified) throw new TypeError('You cannot specify multiple hashing algorithms.');
      specified = true;
      if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) {
        const bytes = bytesOf(v);
        if (bytes.length !== length) throw new TypeError(`${name} is ${length} bytes, not ${bytes.length}`);
        out[field] = hexOf(bytes);
      } else {
        const s = String(v);
        if (s.length !== length * 2) throw new TypeError(`${name} is ${length * 2} hex characters, not ${s.length}`);
        if (!/^[0-9a-fA-F]*$/.test(s)) throw new TypeError(`Provided ${name} wasn't a valid hex string`);
        out[field] = s.toLowerCase();
      }
    }
  }

  class Checksums {
    constructor(token, sums) {
      if (token !== CONSTRUCT) throw new TypeError('Illegal constructor');
      for (const [field] of HASHES.slice().reverse()) {
        this[field] = sums[field] === undefined ? undefined : bufferOfHex(sums[field]);
      }
    }
    toJSON() {
      const out = {};
      for (const [field] of HASHES) {
        const v = this[field];
        if (v !== undefined) out[field] = hexOf(new Uint8Array(v));
      }
      return out;
    }
  }

  function httpMetadataOf(m) {
    const out = {};
    for (const f of HTTP_FIELDS) if (m[f] !== undefined) out[f] = m[f];
    if (m.cacheExpiry !== undefined) out.cacheExpiry = new Date(m.cacheExpiry);
    return out;
  }

  // Named as workerd names them (`constructor.name`); the Workers types call them R2Object and R2ObjectBody.
  class HeadResult {
    constructor(token, m) {
      if (token !== CONSTRUCT) throw new TypeError('Illegal constructor');
      // Own properties in workerd's order, so JSON.stringify and Object.keys print the same.
      this.ssecKeyMd5 = undefined;
      this.storageClass = '';
      this.range = m.range;
      this.customMetadata = m.customMetadata;
      this.httpMetadata = httpMetadataOf(m.httpMetadata);
      this.uploaded = new Date(m.uploaded);
      this.checksums = new Checksums(CONSTRUCT, m.checksums);
      this.httpEtag = `"${m.etag}"`;
      this.etag = m.etag;
      this.size = m.size;
      this.version = m.version;
      this.key = m.key;
    }
    writeHttpMetadata(headers) {
      if (this.httpMetadata === undefined) {
        throw new TypeError(`HTTP metadata unknown for key \`${this.key}\`. Did you forget to add 'httpMetadata' to \`include\` when listing?`);
      }
      const m = this.httpMetadata;
      if (m.contentType !== undefined) headers.set('content-type', m.contentType);
      if (m.contentLanguage !== undefined) headers.set('content-language', m.contentLanguage);
      if (m.contentDisposition !== undefined) headers.set('content-disposition', m.contentDisposition);
      if (m.contentEncoding !== undefined) headers.set('content-encoding', m.contentEncoding);
      if (m.cacheControl !== undefined) headers.set('cache-control', m.cacheControl);
      if (m.cacheExpiry !== undefined) headers.set('expires', m.cacheExpiry.toUTCString());
    }
  }

  class GetResult extends HeadResult {
    #bytes;
    #stream = null;
    #used = false;
    constructor(token, m, bytes) {
      super(token, m);
      this.#bytes = bytes;
    }
    get body() {
      if (this.#stream === null) {
        const bytes = this.#bytes;
        this.#stream = new global.ReadableStream({
          type: 'bytes',
          start(c) { if (bytes.byteLength > 0) c.enqueue(bytes.slice()); c.close(); },
        });
      }
      return this.#stream;
    }
    get bodyUsed() {
      if (this.#used) return true;
      const s = this.#stream;
      return s !== null && (s.locked || internals.isDisturbed(s));
    }
    async #consume() {
      if (this.bodyUsed) throw new TypeError(USED);
      this.#used = true;
      return this.#stream === null ? this.#bytes : internals.readStream(this.#stream);
    }
    async arrayBuffer() { return (await this.#consume()).slice().buffer; }
    async bytes() { return (await this.#consume()).slice(); }
    async text() { return decoder.decode(await this.#consume()); }
    async json() { return JSON.parse(await this.text()); }
    async blob() {
      const bytes = await this.#consume();
      return new global.Blob([bytes], { type: this.httpMetadata.contentType || '' });
    }
  }

  function headResult(json) {
    return json === null || json === undefined ? null : new HeadResult(CONSTRUCT, JSON.parse(json));
  }

  class R2MultipartUpload {
    #binding;
    constructor(token, binding, key, uploadId) {
      if (token !== CONSTRUCT) throw new TypeError('Illegal constructor');
      this.#binding = binding;
      Object.defineProperty(this, 'key', { value: key, enumerable: true });
      Object.defineProperty(this, 'uploadId', { value: uploadId, enumerable: true });
    }
    async uploadPart(partNumber, value, options = undefined) {
      if (arguments.length < 2) {
        throw new TypeError(`Failed to execute 'uploadPart' on 'R2MultipartUpload': parameter 2 is not of type '${VALUE_TYPES}'.`);
      }
      const n = Number(partNumber);
      if (!(n >= 1 && n <= 10000)) {
        throw new TypeError(`Part number must be between 1 and 10000 (inclusive). Actual value was: ${partNumber}`);
      }
      const [data, offset, length] = await valueOf(value, 'uploadPart', 'R2MultipartUpload');
      const etag = call(() => this.#binding.uploadPart(this.key, this.uploadId, Math.trunc(n), data, offset, length));
      return { partNumber: Math.trunc(n), etag };
    }
    async abort() {
      call(() => this.#binding.abortMultipartUpload(this.key, this.uploadId));
    }
    async complete(uploadedParts) {
      if (!Array.isArray(uploadedParts)) {
        throw new TypeError("Failed to execute 'complete' on 'R2MultipartUpload': parameter 1 is not of type 'Array'.");
      }
      const parts = uploadedParts.map((p) => ({ partNumber: Number(p.partNumber), etag: String(p.etag) }));
      return headResult(call(() => this.#binding.completeMultipartUpload(this.key, this.uploadId, JSON.stringify(parts))));
    }
  }

  class R2Bucket {
    #binding;
    constructor(token, binding) {
      if (token !== CONSTRUCT) throw new TypeError('Illegal constructor');
      this.#binding = binding;
    }

    async head(key) {
      if (key === undefined) throw new TypeError("Failed to execute 'head' on 'R2Bucket': parameter 1 is not of type 'string'.");
      const k = String(key);
      return headResult(call(() => this.#binding.head(k)));
    }

    async get(key, options = undefined) {
      if (key === undefined) throw new TypeError("Failed to execute 'get' on 'R2Bucket': parameter 1 is not of type 'string'.");
      const k = String(key);
      const o = {};
      if (options !== undefined && options !== null) {
        if (typeof options !== 'object') {
          throw new TypeError("Failed to execute 'get' on 'R2Bucket': parameter 2 is not of type 'GetOptions'.");
        }
        const c = conditional(options.onlyIf);
        if (c !== undefined) o.onlyIf = c;
        rangeOptions(options.range, o);
      }
      const reply = call(() => this.#binding.get(k, JSON.stringify(o)));
      if (reply === null || reply === undefined) return null;
      const meta = JSON.parse(reply.meta());
      if (reply.preconditionFailed()) return new HeadResult(CONSTRUCT, meta);
      return new GetResult(CONSTRUCT, meta, new Uint8Array(reply.body()).slice());
    }

    async put(key, value, options = undefined) {
      if (arguments.length < 2) {
        throw new TypeError(`Failed to execute 'put' on 'R2Bucket': parameter 2 is not of type '${VALUE_TYPES}'.`);
      }
      const k = String(key);
      const [data, offset, length] = await valueOf(value, 'put', 'R2Bucket');
      const o = {};
      if (options !== undefined && options !== null) {
        const c = conditional(options.onlyIf);
        if (c !== undefined) o.onlyIf = c;
        customMetadataOption(options.customMetadata, o, 'PutOptions');
        httpMetadataOption(options.httpMetadata, o);
        hashOptions(options, o);
      }
      return headResult(call(() => this.#binding.put(k, data, offset, length, JSON.stringify(o))));
    }

    async delete(keys) {
      const list = Array.isArray(keys) ? keys.map(String) : [String(keys)];
      call(() => this.#binding.delete(JSON.stringify(list)));
    }

    async list(options = undefined) {
      const o = {};
      if (options !== undefined && options !== null) {
        if (options.limit !== undefined) {
          const n = Math.trunc(Number(options.limit));
          o.limit = Number.isNaN(n) ? 0 : n;
        }
        for (const f of ['prefix', 'cursor', 'delimiter', 'startAfter']) {
          if (options[f] !== undefined) o[f] = String(options[f]);
        }
        if (options.include !== undefined) {
          o.include = [];
          for (const v of options.include) {
            const s = String(v);
            if (s !== 'httpMetadata' && s !== 'customMetadata') throw new RangeError(`Unsupported include value ${s}`);
            o.include.push(s);
          }
        }
      }
      const result = JSON.parse(call(() => this.#binding.list(JSON.stringify(o))));
      const out = { objects: result.objects.map((m) => new HeadResult(CONSTRUCT, m)), truncated: result.truncated };
      if (result.cursor !== undefined) out.cursor = result.cursor;
      out.delimitedPrefixes = result.delimitedPrefixes;
      return out;
    }

    async createMultipartUpload(key, options = undefined) {
      if (key === undefined) {
        throw new TypeError("Failed to execute 'createMultipartUpload' on 'R2Bucket': parameter 1 is not of type 'string'.");
      }
      const k = String(key);
      const o = {};
      if (options !== undefined && options !== null) {
        customMetadataOption(options.customMetadata, o, 'MultipartOptions');
        httpMetadataOption(options.httpMetadata, o);
      }
      const id = call(() => this.#binding.createMultipartUpload(k, JSON.stringify(o)));
      return new R2MultipartUpload(CONSTRUCT, this.#binding, k, id);
    }

    resumeMultipartUpload(key, uploadId) {
      if (arguments.length < 2) {
        throw new TypeError("Failed to execute 'resumeMultipartUpload' on 'R2Bucket': parameter 2 is not of type 'string'.");
      }
      return new R2MultipartUpload(CONSTRUCT, this.#binding, String(key), String(uploadId));
    }
  }

  internals.makeR2Bucket = (binding) => new R2Bucket(CONSTRUCT, binding);
  return {};
})
