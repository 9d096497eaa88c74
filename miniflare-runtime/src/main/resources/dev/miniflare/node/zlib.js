(function (host, global, internals) {
  'use strict';
  // node:zlib: gzip, deflate and raw deflate on the JDK's zlib (NodeZlibHost), in the sync, callback and stream
  // forms. Streams collect their input and (de)compress it when it ends. Brotli is missing (the JDK has no
  // brotli): its functions throw ERR_METHOD_NOT_IMPLEMENTED. Of the options, `level` is honoured.
  const { Buffer } = internals.nodeModule('buffer');
  const { Transform } = internals.nodeModule('stream');
  const { nodeError, invalidArgType } = internals.nodeErrors;
  const codec = host.zlib();

  const toBytes = (data) => {
    if (typeof data === 'string') return Buffer.from(data);
    const bytes = internals.bufferSourceBytes(data);
    if (bytes === null) throw invalidArgType('buffer', 'of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer', data);
    return bytes;
  };
  const ab = (view) => view.slice().buffer;
  const fromHost = (b) => Buffer.from(new Uint8Array(b));
  function compress(format, data, options) {
    const level = options && typeof options.level === 'number' ? options.level : -1;
    if (level < -1 || level > 9) {
      throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "options.level" is out of range. It must be >= -1 and <= 9. Received ${level}`);
    }
    return fromHost(codec.compress(format, level, ab(toBytes(data))));
  }
  function decompress(format, data) {
    const result = codec.decompress(format, ab(toBytes(data)));
    if (result === null) throw new Error(codec.lastError()); // workerd: a plain Error with zlib's message
    return fromHost(result);
  }
  const sync = {
    gzipSync: (d, o) => compress('gzip', d, o), deflateSync: (d, o) => compress('deflate', d, o),
    deflateRawSync: (d, o) => compress('deflateRaw', d, o), gunzipSync: (d) => decompress('gunzip', d),
    inflateSync: (d) => decompress('inflate', d), inflateRawSync: (d) => decompress('inflateRaw', d),
    unzipSync: (d) => decompress('unzip', d),
  };
  const callbackForm = (fn) => (data, options, callback) => {
    if (typeof options === 'function') { callback = options; options = {}; }
    if (typeof callback !== 'function') throw invalidArgType('callback', 'of type function', callback);
    let result; let error = null;
    try { result = fn(data, options); } catch (e) { error = e; }
    queueMicrotask(() => (error ? callback(error) : callback(null, result)));
  };
  const callbacks = {};
  for (const name of Object.keys(sync)) callbacks[name.slice(0, -4)] = callbackForm(sync[name]);

  function streamClass(name, fn) {
    const C = class extends Transform {
      #chunks = [];
      #options;
      constructor(options) { super(options); this.#options = options; }
      _transform(chunk, encoding, cb) { this.#chunks.push(Buffer.from(chunk, encoding)); cb(); }
      _flush(cb) {
        try { cb(null, fn(Buffer.concat(this.#chunks), this.#options)); } catch (e) { cb(e); }
      }
    };
    Object.defineProperty(C, 'name', { value: name });
    return C;
  }
  const classes = {
    Gzip: streamClass('Gzip', sync.gzipSync), Gunzip: streamClass('Gunzip', sync.gunzipSync),
    Deflate: streamClass('Deflate', sync.deflateSync), Inflate: streamClass('Inflate', sync.inflateSync),
    DeflateRaw: streamClass('DeflateRaw', sync.deflateRawSync), InflateRaw: streamClass('InflateRaw', sync.inflateRawSync),
    Unzip: streamClass('Unzip', sync.unzipSync),
  };
  const creators = {};
  for (const [name, C] of Object.entries(classes)) creators['create' + name] = (options) => new C(options);

  function crc32(data, value = 0) {
    const bytes = typeof data === 'string' ? Buffer.from(data) : internals.bufferSourceBytes(data);
    if (bytes === null) throw invalidArgType('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
    return codec.crc32(ab(bytes), value);
  }
  const notImplemented = (name) => () => {
    throw nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', `The ${name} method is not implemented (no brotli in the JDK)`);
  };
  const brotli = {};
  for (const name of ['brotliCompress', 'brotliCompressSync', 'brotliDecompress', 'brotliDecompressSync',
    'createBrotliCompress', 'createBrotliDecompress', 'BrotliCompress', 'BrotliDecompress']) brotli[name] = notImplemented(name);

  const constants = Object.freeze({
    Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5, Z_OK: 0,
    Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3, Z_MEM_ERROR: -4,
    Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6, Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9,
    Z_DEFAULT_COMPRESSION: -1, Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3, Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0,
    ZLIB_VERNUM: 4865, DEFLATE: 1, INFLATE: 2, GZIP: 3, GUNZIP: 4, DEFLATERAW: 5, INFLATERAW: 6, UNZIP: 7,
    Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15, Z_DEFAULT_WINDOWBITS: 15, Z_MIN_CHUNK: 64, Z_MAX_CHUNK: Infinity,
    Z_DEFAULT_CHUNK: 16384, Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9, Z_DEFAULT_MEMLEVEL: 8, Z_MIN_LEVEL: -1,
    Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1,
  });
  const exports = { ...sync, ...callbacks, ...classes, ...creators, ...brotli, crc32, constants, codes: Object.freeze({}) };
  return { default: { ...exports }, ...exports };
})
