(function (host, global, internals) {
  'use strict';
  // Headers, Request and Response per the Fetch standard, with workerd's error messages. Bodies are buffered
  // (string or Uint8Array) unless built from a ReadableStream; the runtime reads them straight off these objects.

  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const BAD_VALUE = /[\0\r\n]/;
  const NULL_BODY_STATUS = new Set([101, 204, 205, 304]);
  const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
  const STATUS_TEXT = {
    100: 'Continue', 101: 'Switching Protocols', 200: 'OK', 201: 'Created', 202: 'Accepted',
    203: 'Non-Authoritative Information', 204: 'No Content', 205: 'Reset Content', 206: 'Partial Content',
    300: 'Multiple Choices', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 304: 'Not Modified',
    307: 'Temporary Redirect', 308: 'Permanent Redirect', 400: 'Bad Request', 401: 'Unauthorized',
    402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable',
    407: 'Proxy Authentication Required', 408: 'Request Timeout', 409: 'Conflict', 410: 'Gone',
    411: 'Length Required', 412: 'Precondition Failed', 413: 'Payload Too Large', 414: 'URI Too Long',
    415: 'Unsupported Media Type', 416: 'Range Not Satisfiable', 417: 'Expectation Failed', 418: "I'm a teapot",
    421: 'Misdirected Request', 422: 'Unprocessable Entity', 423: 'Locked', 424: 'Failed Dependency',
    425: 'Too Early', 426: 'Upgrade Required', 428: 'Precondition Required', 429: 'Too Many Requests',
    431: 'Request Header Fields Too Large', 451: 'Unavailable For Legal Reasons', 500: 'Internal Server Error',
    501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
    505: 'HTTP Version Not Supported', 507: 'Insufficient Storage', 508: 'Loop Detected',
    511: 'Network Authentication Required',
  };
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  // Request URLs and redirect locations are parsed (and so normalised) by the WHATWG URL parser. Parsing costs
  // tens of microseconds in the interpreter and tests hit the same few URLs, so results are memoised.
  const parsedUrls = new Map();
  internals.parseUrl = (s) => {
    let href = parsedUrls.get(s);
    if (href === undefined) {
      href = new global.URL(s).href;
      if (parsedUrls.size >= 512) parsedUrls.clear();
      parsedUrls.set(s, href);
    }
    return href;
  };

  // Names seen before skip validation: a handful of header names make up almost all traffic.
  const validNames = new Map();
  function headerName(name) {
    name = String(name);
    let lower = validNames.get(name);
    if (lower === undefined) {
      if (!TOKEN.test(name)) throw new TypeError('Invalid header name.');
      lower = name.toLowerCase();
      if (validNames.size < 1024) validNames.set(name, lower);
    }
    return lower;
  }
  function headerValue(value) {
    value = String(value);
    let start = 0;
    let end = value.length;
    while (start < end && isHttpWhitespace(value.charCodeAt(start))) start++;
    while (end > start && isHttpWhitespace(value.charCodeAt(end - 1))) end--;
    if (start > 0 || end < value.length) value = value.slice(start, end);
    if (BAD_VALUE.test(value)) throw new TypeError('Invalid header value.');
    return value;
  }
  function isHttpWhitespace(c) { return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d; }

  let headersList;     // (headers) => Map<lowerName, string[]>
  let setHeadersGuard; // (headers, guard) => void

  class Headers {
    #map = new Map();
    #guard = 'none';

    constructor(init = undefined) {
      if (init === undefined || init === null) return;
      if (init instanceof Headers) {
        for (const [k, v] of init.#map) this.#map.set(k, v.slice());
      } else if (typeof init === 'object' && typeof init[Symbol.iterator] === 'function') {
        for (const pair of init) {
          const entry = [...pair];
          if (entry.length !== 2) {
            throw new TypeError('To initialize a Headers object from a sequence, each inner sequence must have exactly two elements.');
          }
          this.append(entry[0], entry[1]);
        }
      } else if (typeof init === 'object' || typeof init === 'function') {
        for (const key of Object.keys(init)) this.append(key, init[key]);
      } else {
        throw new TypeError("Failed to construct 'Headers': The provided value is not of type '(record<ByteString, ByteString> or sequence<sequence<ByteString>>)'.");
      }
    }

    #check() {
      if (this.#guard === 'immutable') throw new TypeError("Can't modify immutable headers.");
    }
    append(name, value) {
      if (arguments.length < 2) throw new TypeError("Failed to execute 'append' on 'Headers': 2 arguments required.");
      const n = headerName(name);
      const v = headerValue(value);
      this.#check();
      const list = this.#map.get(n);
      if (list) list.push(v); else this.#map.set(n, [v]);
    }
    set(name, value) {
      if (arguments.length < 2) throw new TypeError("Failed to execute 'set' on 'Headers': 2 arguments required.");
      const n = headerName(name);
      const v = headerValue(value);
      this.#check();
      this.#map.set(n, [v]);
    }
    delete(name) {
      const n = headerName(name);
      this.#check();
      this.#map.delete(n);
    }
    get(name) {
      const list = this.#map.get(headerName(name));
      return list === undefined ? null : list.join(', ');
    }
    getAll(name) {
      const n = headerName(name);
      if (n !== 'set-cookie') throw new TypeError('getAll() can only be used with the header name "Set-Cookie".');
      return (this.#map.get(n) || []).slice();
    }
    getSetCookie() { return (this.#map.get('set-cookie') || []).slice(); }
    has(name) { return this.#map.has(headerName(name)); }
    forEach(callback, thisArg = undefined) {
      for (const [k, v] of this) callback.call(thisArg, v, k, this);
    }
    *entries() {
      // A snapshot, as workerd iterates: changes made while iterating are not seen.
      const pairs = [];
      for (const name of [...this.#map.keys()].sort()) {
        const list = this.#map.get(name);
        if (name === 'set-cookie') { for (const v of list) pairs.push([name, v]); } else pairs.push([name, list.join(', ')]);
      }
      yield* pairs;
    }
    *keys() { for (const [k] of this.entries()) yield k; }
    *values() { for (const [, v] of this.entries()) yield v; }
    [Symbol.iterator]() { return this.entries(); }
    get [Symbol.toStringTag]() { return 'Headers'; }

    static {
      headersList = (h) => h.#map;
      setHeadersGuard = (h, guard) => { h.#guard = guard; };
    }
  }

  // --- bodies -------------------------------------------------------------------------------------------------

  const USED_MESSAGE = 'Body has already been used. It can only be used once. Use tee() first if you need to read it twice.';

  /** Converts a BodyInit into [source, contentType]; source is null, a string, a Uint8Array or a ReadableStream. */
  function extractBody(body) {
    if (body === undefined || body === null) return [null, null];
    if (typeof body === 'string') return [body, 'text/plain;charset=UTF-8'];
    if (body instanceof ArrayBuffer) return [new Uint8Array(body.slice(0)), null];
    if (ArrayBuffer.isView(body)) {
      return [new Uint8Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength)), null];
    }
    const Blob = global.Blob;
    if (Blob && body instanceof Blob) return [Blob.__bytes(body), body.type || null];
    const USP = global.URLSearchParams;
    if (USP && body instanceof USP) return [body.toString(), 'application/x-www-form-urlencoded;charset=UTF-8'];
    if (typeof body === 'object' && Object.prototype.toString.call(body) === '[object FormData]') {
      return internals.encodeFormData(body);
    }
    const RS = global.ReadableStream;
    if (RS && body instanceof RS) return [body, null];
    if (typeof body === 'object' && typeof body.getReader === 'function') return [body, null];
    return [String(body), 'text/plain;charset=UTF-8'];
  }

  function concat(chunks, total) {
    if (chunks.length === 1) return chunks[0];
    const out = new Uint8Array(total);
    let off = 0;
    for (const c of chunks) { out.set(c, off); off += c.byteLength; }
    return out;
  }

  async function readStream(stream) {
    const reader = stream.getReader();
    const chunks = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      let chunk;
      if (value instanceof Uint8Array) chunk = value;
      else if (ArrayBuffer.isView(value)) chunk = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      else if (value instanceof ArrayBuffer) chunk = new Uint8Array(value);
      else throw new TypeError('This ReadableStream did not return bytes.');
      chunks.push(chunk);
      total += chunk.byteLength;
    }
    return concat(chunks, total);
  }

  function streamOf(bytes) {
    return new global.ReadableStream({
      type: 'bytes',
      start(controller) {
        if (bytes.byteLength > 0) controller.enqueue(bytes.slice());
        controller.close();
      },
    });
  }

  let bodySource;  // (obj) => current source without consuming (for the runtime)
  let takeBody;    // (obj) => Promise<string|Uint8Array|null>, marks used

  class Body {
    #src = null;
    #used = false;
    #stream = null;

    _setBody(src) { this.#src = src; }

    get body() {
      if (this.#src === null) return null;
      if (this.#stream === null) {
        this.#stream = typeof this.#src === 'string' ? streamOf(encoder.encode(this.#src))
          : this.#src instanceof Uint8Array ? streamOf(this.#src) : this.#src;
        this.#src = this.#stream;
      }
      return this.#stream;
    }
    get bodyUsed() {
      if (this.#used) return true;
      const s = this.#stream;
      return s !== null && (s.locked || (internals.isDisturbed ? internals.isDisturbed(s) : false));
    }
    /** The error for a body that cannot be read: workerd names a stream locked by a reader specially. */
    _usedError() {
      const s = this.#stream;
      return new TypeError(!this.#used && s !== null && s.locked ? 'This ReadableStream is currently locked to a reader.'
        : USED_MESSAGE);
    }
    async #consume() {
      if (this.bodyUsed) throw this._usedError();
      this.#used = true;
      const src = this.#src;
      if (src === null || typeof src === 'string' || src instanceof Uint8Array) return src;
      return readStream(src);
    }
    async text() {
      const v = await this.#consume();
      if (v === null) return '';
      return typeof v === 'string' ? v : decoder.decode(v);
    }
    async arrayBuffer() {
      const v = await this.#consume();
      if (v === null) return new ArrayBuffer(0);
      if (typeof v === 'string') return encoder.encode(v).buffer;
      return v.slice().buffer;
    }
    async bytes() {
      const v = await this.#consume();
      if (v === null) return new Uint8Array(0);
      return typeof v === 'string' ? encoder.encode(v) : v.slice();
    }
    async json() {
      return JSON.parse(await this.text());
    }
    async blob() {
      const bytes = await this.bytes();
      return new global.Blob([bytes], { type: this.headers.get('content-type') || '' });
    }
    async formData() {
      void global.FormData; // loads the codec on first use
      const type = this.headers.get('content-type') || '';
      return internals.decodeFormData(await this.bytes(), type);
    }
    _cloneBody() {
      // workerd's text for cloning a consumed body, trailing comma included
      if (this.bodyUsed) throw new TypeError('This ReadableStream is currently locked to a reader,');
      const src = this.#src;
      if (src === null || typeof src === 'string' || src instanceof Uint8Array) return src;
      const [a, b] = src.tee();
      this.#src = a;
      this.#stream = a;
      return b;
    }
    static {
      bodySource = (o) => o.#src;
      internals.takeBufferedBody = (o) => {
        // The body if it is buffered (marking it used), undefined when it is a stream to read asynchronously.
        const src = o.#src;
        if (src !== null && typeof src !== 'string' && !(src instanceof Uint8Array)) return undefined;
        if (o.bodyUsed) throw o._usedError();
        o.#used = true;
        return src;
      };
      takeBody = async (o) => {
        if (o.bodyUsed) throw o._usedError();
        o.#used = true;
        const src = o.#src;
        if (src === null || typeof src === 'string' || src instanceof Uint8Array) return src;
        return readStream(src);
      };
    }
  }

  // --- Request ------------------------------------------------------------------------------------------------

  // workerd accepts the methods its HTTP layer knows: the six of the Fetch standard in any case, the rest only
  // as written in upper case; anything else (CONNECT, M-SEARCH, custom tokens) is rejected.
  const NORMALIZED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);
  const OTHER_METHODS = new Set(['PATCH', 'PURGE', 'TRACE', 'COPY', 'LOCK', 'MKCOL', 'MOVE', 'PROPFIND', 'PROPPATCH',
    'SEARCH', 'UNLOCK', 'ACL', 'REPORT', 'MKACTIVITY', 'CHECKOUT', 'MERGE', 'NOTIFY', 'SUBSCRIBE', 'UNSUBSCRIBE',
    'QUERY']);
  function normalizeMethod(m) {
    m = String(m);
    const upper = m.toUpperCase();
    if (NORMALIZED_METHODS.has(upper)) return upper;
    if (!OTHER_METHODS.has(m)) throw new TypeError(`Invalid HTTP method string: ${m}`);
    return m;
  }

  const FROM_HOST = Symbol('from host');
  const DEFAULT_CF = Symbol('default cf');
  let initRequest;
  // Incoming requests carry a `cf` object as on Cloudflare; locally its values are fixed placeholders (as in
  // Miniflare), built on first access.
  function defaultCf() {
    // Miniflare 4's placeholder values, in its order
    return {
      asOrganization: '', asn: 395747, colo: 'DFW', city: 'Austin', region: 'Texas', regionCode: 'TX',
      metroCode: '635', postalCode: '78701', country: 'US', continent: 'NA', timezone: 'America/Chicago',
      latitude: '30.27130', longitude: '-97.74260', clientTcpRtt: 0, httpProtocol: 'HTTP/1.1',
      requestPriority: 'weight=192;exclusive=0', tlsCipher: 'AEAD-AES128-GCM-SHA256', tlsVersion: 'TLSv1.3',
      tlsClientAuth: {
        certPresented: '0', certVerified: 'NONE', certRevoked: '0', certIssuerDN: '', certSubjectDN: '',
        certIssuerDNRFC2253: '', certSubjectDNRFC2253: '', certIssuerDNLegacy: '', certSubjectDNLegacy: '',
        certSerial: '', certIssuerSerial: '', certSKI: '', certIssuerSKI: '', certFingerprintSHA1: '',
        certFingerprintSHA256: '', certNotBefore: '', certNotAfter: '',
      },
      edgeRequestKeepAliveStatus: 0, clientTrustScore: 99,
      botManagement: {
        corporateProxy: false, verifiedBot: false, ja3Hash: '25b4882c2bcb50cd6b469ff28c596742', staticResource: false,
        detectionIds: [], score: 99,
      },
      clientAcceptEncoding: 'gzip, deflate',
    };
  }

  class Request extends Body {
    #method = 'GET';
    #url = '';
    #headers;
    #redirect = 'follow';
    #cache = undefined;
    #signal = null;
    #cf = undefined;

    constructor(input, init = undefined) {
      super();
      if (arguments.length < 1) throw new TypeError("Failed to construct 'Request': 1 argument required, but only 0 present.");
      if (input === FROM_HOST) return;
      init = init === undefined || init === null ? {} : init;
      let src = null;
      if (input instanceof Request) {
        this.#method = input.#method;
        this.#url = input.#url;
        this.#headers = new Headers(input.#headers);
        this.#redirect = input.#redirect;
        this.#cache = input.#cache;
        this.#signal = input.#signal;
        this.#cf = input.cf;
        if (init.body === undefined && bodySource(input) !== null) src = input._cloneBody();
      } else {
        const url = String(input);
        try {
          this.#url = internals.parseUrl(url);
        } catch (e) {
          throw new TypeError(`Invalid URL: ${url}`);
        }
        this.#headers = new Headers();
      }
      if (init.method !== undefined) this.#method = normalizeMethod(init.method);
      if (init.cache !== undefined) {
        // a compatibility-date feature (2024-11-11); then only "no-store" is supported
        if (internals.requestCacheOption === false) {
          throw new Error("The 'cache' field on 'RequestInitializerDict' is not implemented.");
        }
        const mode = String(init.cache);
        if (mode !== 'no-store') throw new TypeError(`Unsupported cache mode: ${mode}`);
        this.#cache = mode;
      }
      if (init.integrity !== undefined && String(init.integrity) !== '') {
        throw new TypeError('Subrequest integrity checking is not implemented. The integrity option must be either'
          + ' undefined or an empty string.');
      }
      if (init.headers !== undefined) this.#headers = new Headers(init.headers);
      if (init.redirect !== undefined) {
        const r = String(init.redirect);
        if (r !== 'follow' && r !== 'manual') {
          throw new TypeError('Invalid redirect value, must be one of "follow" or "manual" ("error" won\'t be'
            + ' implemented since it does not make sense at the edge; use "manual" and check the response status code).');
        }
        this.#redirect = r;
      }
      if (init.signal !== undefined) this.#signal = init.signal;
      if (init.cf !== undefined) this.#cf = init.cf;
      if (init.body !== undefined && init.body !== null) {
        const [s, type] = extractBody(init.body);
        src = s;
        if (type !== null && !this.#headers.has('content-type')) this.#headers.set('content-type', type);
      }
      if (src !== null && (this.#method === 'GET' || this.#method === 'HEAD')) {
        throw new TypeError('Request with a GET or HEAD method cannot have a body.');
      }
      this._setBody(src);
    }
    get method() { return this.#method; }
    get url() { return this.#url; }
    get headers() { return this.#headers; }
    get redirect() { return this.#redirect; }
    get cache() { return this.#cache; }
    get signal() {
      if (this.#signal === null && global.AbortController) this.#signal = new global.AbortController().signal;
      return this.#signal;
    }
    get cf() {
      if (this.#cf === DEFAULT_CF) this.#cf = defaultCf();
      return this.#cf;
    }
    get fetcher() { return null; }
    get integrity() { return ''; }
    get keepalive() { return false; }
    clone() {
      const copy = new Request(this.#url, { method: this.#method, headers: this.#headers, redirect: this.#redirect, cache: this.#cache, cf: this.cf });
      copy._setBody(this._cloneBody());
      return copy;
    }
    get [Symbol.toStringTag]() { return 'Request'; }
    static {
      initRequest = (r, url, method, headers) => {
        r.#url = url;
        r.#method = method;
        r.#headers = headers;
        r.#redirect = 'manual'; // as workerd gives requests arriving at a worker
        r.#cf = DEFAULT_CF;
      };
    }
  }

  // --- Response -----------------------------------------------------------------------------------------------

  class Response extends Body {
    #status = 200;
    #statusText = 'OK';
    #headers;
    #type = 'default';
    #url = '';
    #webSocket = null;

    constructor(body = null, init = undefined) {
      super();
      init = init === undefined || init === null ? {} : init;
      const webSocket = init.webSocket === undefined || init.webSocket === null ? null : init.webSocket;
      if (webSocket !== null) {
        // messages recorded on workerd (Miniflare 4)
        if (!internals.isWebSocket(webSocket)) {
          throw new TypeError("Incorrect type for the 'webSocket' field on 'InitializerDict': the provided value is not of type 'WebSocket'.");
        }
        if (init.status === undefined || (Number(init.status) | 0) !== 101) {
          throw new RangeError('Responses with a WebSocket must have status code 101.');
        }
      }
      if (init.status !== undefined) {
        const status = Number(init.status) | 0;
        if ((status < 200 || status > 599) && !(status === 101 && webSocket !== null)) {
          throw new RangeError('Responses may only be constructed with status codes in the range 200 to 599, inclusive.');
        }
        this.#status = status;
        this.#statusText = STATUS_TEXT[status] || '';
      }
      if (init.statusText !== undefined) {
        const text = String(init.statusText);
        // the reason-phrase of HTTP: tabs, spaces, visible ASCII and obs-text
        for (let i = 0; i < text.length; i++) {
          const c = text.charCodeAt(i);
          if (!(c === 9 || (c >= 0x20 && c !== 0x7f && c <= 0xff))) throw new TypeError('Invalid statusText');
        }
        this.#statusText = text;
      }
      this.#headers = new Headers(init.headers);
      this.#webSocket = webSocket;
      const [src, type] = extractBody(body);
      // workerd lets an empty string or buffer through: only content is refused.
      if (src !== null && NULL_BODY_STATUS.has(this.#status) && !(typeof src === 'string' || src instanceof Uint8Array
        ? src.length === 0 : false)) {
        throw new TypeError('Response with null body status (101, 204, 205, or 304) cannot have a body.');
      }
      if (type !== null) {
        const list = headersList(this.#headers);
        if (!list.has('content-type')) list.set('content-type', [type]);
      }
      this._setBody(src);
    }
    get status() { return this.#status; }
    get statusText() { return this.#statusText; }
    get ok() { return this.#status >= 200 && this.#status <= 299; }
    get headers() { return this.#headers; }
    get type() { return this.#type; }
    get url() { return this.#url; }
    get redirected() { return false; }
    get webSocket() { return this.#webSocket; }
    get cf() { return undefined; }
    clone() {
      if (this.#webSocket !== null) throw new TypeError('Cannot clone a response to a WebSocket handshake.');
      const copy = new Response(null, { status: this.#status, statusText: this.#statusText, headers: this.#headers });
      copy._setBody(this._cloneBody());
      copy.#url = this.#url;
      return copy;
    }
    static redirect(url, status = 302) {
      let location;
      try {
        location = internals.parseUrl(String(url));
      } catch (e) {
        throw new TypeError(`Unable to parse URL: ${url}`);
      }
      status = Number(status);
      if (!REDIRECT_STATUS.has(status)) {
        throw new RangeError(`${status} is not a redirect status code. It must be one of: 301, 302, 303, 307, or 308.`);
      }
      const r = new Response(null, { status, headers: { location } });
      setHeadersGuard(r.#headers, 'immutable');
      return r;
    }
    static json(data, init = undefined) {
      // workerd serialises undefined (and functions, symbols) to the text "undefined" rather than refusing
      const text = String(JSON.stringify(data));
      const r = new Response(null, init);
      const list = headersList(r.#headers);
      if (!list.has('content-type')) list.set('content-type', ['application/json']);
      r._setBody(text);
      return r;
    }
    static error() {
      // workerd leaves these headers mutable (and makes a redirect's immutable)
      const r = new Response(null, { status: 200 });
      r.#status = 0;
      r.#statusText = '';
      r.#type = 'error';
      return r;
    }
    get [Symbol.toStringTag]() { return 'Response'; }
    static {
      internals.setResponseUrl = (r, url) => { r.#url = url; };
    }
  }

  Object.defineProperty(Body, 'name', { value: 'Body' });
  internals.headersList = headersList;
  internals.setHeadersGuard = setHeadersGuard;
  /** A Request for the runtime's own use: URL already absolute and normalised, headers already a Headers. */
  internals.makeRequest = (url, method, headers, src) => {
    const r = new Request(FROM_HOST);
    initRequest(r, url, method, headers);
    r._setBody(src);
    return r;
  };
  internals.takeBody = takeBody;
  internals.bodySource = bodySource;
  internals.readStream = readStream;
  internals.extractBody = extractBody;
  internals.statusText = (s) => STATUS_TEXT[s] || '';
  internals.headerName = headerName;
  internals.headerValue = headerValue;
  return { Headers, Request, Response };
})
