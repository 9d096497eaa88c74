(function (host, global, internals) {
  'use strict';
  // node:crypto, first part: hashes, HMACs, random values, timingSafeEqual, PBKDF2, HKDF, webcrypto and the
  // AES-GCM/CBC/CTR ciphers, on the JDK's JCA (NodeCryptoHost, and web/CryptoHost for what crypto.subtle shares).
  // Sign/verify, KeyObject, scrypt and the Diffie-Hellman family are not here yet: they throw
  // ERR_METHOD_NOT_IMPLEMENTED.
  const { Buffer } = internals.nodeModule('buffer');
  const { nodeError, invalidArgType } = internals.nodeErrors;
  const jca = host.crypto();
  const web = host.webCrypto();

  const toBytes = (data, encoding, name = 'data') => {
    if (typeof data === 'string') return Buffer.from(data, encoding === 'buffer' ? 'utf8' : encoding);
    const bytes = internals.bufferSourceBytes(data);
    if (bytes === null) throw invalidArgType(name, 'of type string or an instance of Buffer, TypedArray, or DataView', data);
    return bytes;
  };
  // host calls take whole ArrayBuffers (a view's range is copied out)
  const ab = (view) => (view.byteOffset === 0 && view.byteLength === view.buffer.byteLength ? view.buffer : view.slice().buffer);
  const output = (bytes, encoding) => {
    const buf = Buffer.from(new Uint8Array(bytes));
    return encoding === undefined || encoding === 'buffer' ? buf : buf.toString(encoding);
  };
  const finalized = () => nodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');

  class Hash {
    #state; #done = false;
    constructor(algorithm, state) {
      if (state === undefined) {
        if (typeof algorithm !== 'string') throw invalidArgType('algorithm', 'of type string', algorithm);
        state = jca.hash(algorithm);
        if (state === null) throw new Error('Digest method not supported');
      }
      this.#state = state;
    }
    update(data, encoding) {
      if (this.#done) throw finalized();
      this.#state.update(ab(toBytes(data, encoding)));
      return this;
    }
    digest(encoding) {
      if (this.#done) throw finalized();
      this.#done = true;
      return output(this.#state.finish(), encoding);
    }
    copy() {
      if (this.#done) throw finalized();
      return new Hash(undefined, this.#state.copy());
    }
  }
  class Hmac {
    #state; #done = false;
    constructor(algorithm, key) {
      if (typeof algorithm !== 'string') throw invalidArgType('hmac', 'of type string', algorithm);
      this.#state = jca.hmac(algorithm, ab(toBytes(key, 'utf8', 'key')));
      if (this.#state === null) throw new Error('Digest method not supported');
    }
    update(data, encoding) {
      if (this.#done) throw finalized();
      this.#state.update(ab(toBytes(data, encoding)));
      return this;
    }
    digest(encoding) {
      // Node returns an empty result for a second digest() of an Hmac (a Hash throws)
      if (this.#done) return output(new ArrayBuffer(0), encoding);
      this.#done = true;
      return output(this.#state.finish(), encoding);
    }
  }
  const createHash = (algorithm, options) => new Hash(algorithm);
  const createHmac = (algorithm, key, options) => new Hmac(algorithm, key);
  const hash = (algorithm, data, outputEncoding = 'hex') => createHash(algorithm).update(data).digest(outputEncoding);

  const MAX_SIZE = 2147483647;
  function checkSize(size, name = 'size') {
    if (typeof size !== 'number') throw invalidArgType(name, 'of type number', size);
    if (!(size >= 0 && size <= MAX_SIZE)) {
      throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be >= 0 && <= ${MAX_SIZE}. Received ${size}`);
    }
  }
  function randomBytes(size, callback) {
    checkSize(size);
    const buf = Buffer.alloc(size);
    for (let off = 0; off < size; off += 65536) global.crypto.getRandomValues(buf.subarray(off, Math.min(size, off + 65536)));
    if (typeof callback === 'function') { queueMicrotask(() => callback(null, buf)); return undefined; }
    return buf;
  }
  function randomFillSync(buf, offset = 0, size) {
    const view = internals.bufferSourceBytes(buf);
    if (view === null) throw invalidArgType('buf', 'an instance of ArrayBuffer or ArrayBufferView', buf);
    const end = size === undefined ? view.length : offset + size;
    for (let off = offset; off < end; off += 65536) global.crypto.getRandomValues(view.subarray(off, Math.min(end, off + 65536)));
    return buf;
  }
  function randomFill(buf, offset, size, callback) {
    if (typeof offset === 'function') { callback = offset; offset = 0; size = undefined; }
    else if (typeof size === 'function') { callback = size; size = undefined; }
    randomFillSync(buf, offset, size);
    queueMicrotask(() => callback(null, buf));
  }
  function randomInt(min, max, callback) {
    if (max === undefined || typeof max === 'function') { callback = max; max = min; min = 0; }
    if (!Number.isSafeInteger(min)) throw invalidArgType('min', 'a safe integer', min);
    if (!Number.isSafeInteger(max)) throw invalidArgType('max', 'a safe integer', max);
    if (max <= min) {
      throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "max" is out of range. It must be greater than the value of "min" (${min}). Received ${max}`);
    }
    const range = max - min;
    // rejection sampling over 48 random bits, as Node does
    const limit = 2 ** 48 - (2 ** 48 % range);
    let x;
    do {
      const b = randomBytes(6);
      x = b.readUIntBE(0, 6);
    } while (x >= limit);
    const n = min + (x % range);
    if (typeof callback === 'function') { queueMicrotask(() => callback(null, n)); return undefined; }
    return n;
  }
  function timingSafeEqual(a, b) {
    const x = internals.bufferSourceBytes(a);
    const y = internals.bufferSourceBytes(b);
    if (x === null) throw invalidArgType('buf1', 'an instance of ArrayBuffer, Buffer, TypedArray, or DataView', a);
    if (y === null) throw invalidArgType('buf2', 'an instance of ArrayBuffer, Buffer, TypedArray, or DataView', b);
    // workerd's text and class (Node: RangeError ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH)
    if (x.byteLength !== y.byteLength) throw new TypeError('Input buffers must have the same byte length.');
    return web.timingSafeEqual(ab(x), ab(y));
  }

  const WEB_HASHES = { md5: 'MD5', sha1: 'SHA-1', 'sha-1': 'SHA-1', sha256: 'SHA-256', 'sha-256': 'SHA-256',
    sha384: 'SHA-384', 'sha-384': 'SHA-384', sha512: 'SHA-512', 'sha-512': 'SHA-512' };
  const webHash = (digest, what) => {
    const name = typeof digest === 'string' ? WEB_HASHES[digest.toLowerCase()] : undefined;
    if (name === undefined) throw new TypeError(`Invalid ${what} digest: ${digest}.`);
    return name;
  };
  function pbkdf2Sync(password, salt, iterations, keylen, digest) {
    const pw = toBytes(password, 'utf8', 'password');
    const s = toBytes(salt, 'utf8', 'salt');
    if (!Number.isInteger(iterations) || iterations < 1) {
      throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "iterations" is out of range. It must be >= 1 && <= ${MAX_SIZE}. Received ${iterations}`);
    }
    checkSize(keylen, 'keylen');
    return output(web.pbkdf2(webHash(digest, 'Pbkdf2'), ab(pw), ab(s), iterations, keylen));
  }
  function pbkdf2(password, salt, iterations, keylen, digest, callback) {
    if (typeof callback !== 'function') throw invalidArgType('callback', 'of type function', callback);
    const key = pbkdf2Sync(password, salt, iterations, keylen, digest);
    queueMicrotask(() => callback(null, key));
  }
  function hkdfSync(digest, ikm, salt, info, keylen) {
    const key = toBytes(ikm, 'utf8', 'ikm');
    checkSize(keylen, 'keylen');
    // an ArrayBuffer, as in Node
    return new Uint8Array(web.hkdf(webHash(digest, 'Hkdf'), ab(key), ab(toBytes(salt, 'utf8', 'salt')), ab(toBytes(info, 'utf8', 'info')), keylen)).slice().buffer;
  }
  function hkdf(digest, ikm, salt, info, keylen, callback) {
    if (typeof callback !== 'function') throw invalidArgType('callback', 'of type function', callback);
    const key = hkdfSync(digest, ikm, salt, info, keylen);
    queueMicrotask(() => callback(null, key));
  }

  // --- AES ciphers (GCM, CBC, CTR): buffered, the work is done by web/CryptoHost at final() ------------------
  const CIPHERS = {};
  for (const bits of [128, 192, 256]) for (const mode of ['gcm', 'cbc', 'ctr']) CIPHERS[`aes-${bits}-${mode}`] = { bytes: bits / 8, mode };
  class CipherBase {
    #spec; #key; #iv; #encrypt; #chunks = []; #aad = new Uint8Array(0); #tag = null; #authTagLength; #done = false;
    constructor(encrypt, algorithm, key, iv, options) {
      const spec = CIPHERS[String(algorithm).toLowerCase()];
      // workerd's errors here are plain Errors without a code
      if (spec === undefined) throw new Error(`Unknown or unsupported cipher: ${algorithm}`);
      const k = toBytes(key, 'utf8', 'key');
      if (k.byteLength !== spec.bytes) throw new Error('Invalid key length');
      const v = toBytes(iv, 'utf8', 'iv');
      if (spec.mode === 'gcm' ? v.byteLength === 0 : v.byteLength !== 16) throw new Error('Invalid initialization vector');
      this.#spec = spec; this.#key = k; this.#iv = v; this.#encrypt = encrypt;
      this.#authTagLength = options && options.authTagLength !== undefined ? options.authTagLength : 16;
    }
    update(data, inputEncoding, outputEncoding) {
      if (this.#done) throw new Error('Cipher final() has already been called');
      this.#chunks.push(Buffer.from(toBytes(data, inputEncoding)));
      return output(new ArrayBuffer(0), outputEncoding); // everything comes out of final()
    }
    final(outputEncoding) {
      if (this.#done) throw new Error('Cipher final() has already been called');
      this.#done = true;
      const data = Buffer.concat(this.#chunks);
      const { mode } = this.#spec;
      let result;
      try {
        if (mode === 'ctr') {
          result = new Uint8Array(web.aesCtr(ab(this.#key), ab(this.#iv), 128, ab(data)));
        } else if (mode === 'cbc') {
          result = new Uint8Array(web.aesCbc(this.#encrypt, ab(this.#key), ab(this.#iv), ab(data)));
        } else if (this.#encrypt) {
          const sealed = new Uint8Array(web.aesGcm(true, ab(this.#key), ab(this.#iv), ab(this.#aad), this.#authTagLength * 8, ab(data)));
          result = sealed.subarray(0, sealed.length - this.#authTagLength);
          this.#tag = Buffer.from(sealed.subarray(sealed.length - this.#authTagLength));
        } else {
          if (this.#tag === null) throw new Error('Authentication failed');
          const sealed = Buffer.concat([data, this.#tag]);
          result = new Uint8Array(web.aesGcm(false, ab(this.#key), ab(this.#iv), ab(this.#aad), this.#tag.length * 8, ab(sealed)));
        }
      } catch (e) {
        if (!this.#encrypt) throw new Error('Authentication failed'); // bad tag or padding: workerd's text
        throw e;
      }
      return output(result.slice().buffer, outputEncoding);
    }
    setAAD(buffer) { this.#aad = new Uint8Array(toBytes(buffer, 'utf8', 'buffer')); return this; }
    getAuthTag() {
      if (!this.#encrypt || this.#tag === null) throw new Error('Attempting to get auth tag in unsupported state');
      return this.#tag;
    }
    setAuthTag(tag) { this.#tag = Buffer.from(toBytes(tag, 'utf8', 'buffer')); return this; }
    setAutoPadding(autoPadding = true) {
      if (!autoPadding) throw nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The setAutoPadding(false) method is not implemented');
      return this;
    }
  }
  class Cipheriv extends CipherBase { constructor(algorithm, key, iv, options) { super(true, algorithm, key, iv, options); } }
  class Decipheriv extends CipherBase { constructor(algorithm, key, iv, options) { super(false, algorithm, key, iv, options); } }
  const createCipheriv = (algorithm, key, iv, options) => new Cipheriv(algorithm, key, iv, options);
  const createDecipheriv = (algorithm, key, iv, options) => new Decipheriv(algorithm, key, iv, options);
  const getCiphers = () => Object.keys(CIPHERS).sort();

  const getHashes = () => ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha512-224', 'sha512-256',
    'sha3-224', 'sha3-256', 'sha3-384', 'sha3-512'];
  const notImplemented = (name) => () => {
    throw nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', `The ${name} method is not implemented`);
  };
  const missing = {};
  for (const name of ['createSign', 'createVerify', 'sign', 'verify',
    'createPrivateKey', 'createPublicKey', 'createSecretKey', 'generateKeyPair', 'generateKeyPairSync',
    'generateKey', 'generateKeySync', 'scrypt', 'scryptSync', 'createDiffieHellman', 'createECDH',
    'diffieHellman', 'publicEncrypt', 'privateDecrypt', 'privateEncrypt', 'publicDecrypt', 'generatePrime',
    'generatePrimeSync', 'checkPrime', 'checkPrimeSync', 'getCurves']) missing[name] = notImplemented(name);

  const exports = {
    ...missing,
    Hash, Hmac, createHash, createHmac, Cipheriv, Decipheriv, createCipheriv, createDecipheriv, getCiphers, hash, getHashes, randomBytes, pseudoRandomBytes: randomBytes, prng: randomBytes, rng: randomBytes,
    randomFill, randomFillSync, randomInt, randomUUID: () => global.crypto.randomUUID(), timingSafeEqual,
    pbkdf2, pbkdf2Sync, hkdf, hkdfSync,
    getRandomValues: (array) => global.crypto.getRandomValues(array),
    webcrypto: global.crypto, subtle: global.crypto.subtle,
    constants: {}, getFips: () => 0, setFips: notImplemented('setFips'),
  };
  return { default: { ...exports }, ...exports };
})
