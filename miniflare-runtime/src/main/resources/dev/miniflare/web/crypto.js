(function (host, global, internals) {
  'use strict';
  // Web Crypto's SubtleCrypto and CryptoKey as workerd has them (including its non-standard timingSafeEqual and
  // crypto.DigestStream). Loaded lazily on the first access to `crypto.subtle`, `CryptoKey` or `SubtleCrypto`.
  // This file does the WebIDL-level work (normalising algorithms, checking usages and key types, key metadata,
  // JWK assembly) with workerd's error names and wording; `host` (dev.miniflare.web.CryptoHost) computes with
  // the JDK. Secret keys are kept here as bytes; asymmetric keys are opaque host handles.

  const DOMException = global.DOMException;
  const domError = (name, message) => new DOMException(message, name);
  const fail = (name, message) => { throw domError(name, message); };
  const typeError = (message) => { throw new TypeError(message); };

  // Errors thrown by the host carry the JS name to throw: a constructor name or a DOMException name.
  function call(fn) {
    try {
      return fn();
    } catch (e) {
      if (e !== null && typeof e === 'object' && typeof e.jsName === 'function') {
        const name = e.jsName();
        const Ctor = { TypeError, RangeError, SyntaxError, Error }[name];
        throw Ctor ? new Ctor(e.jsMessage()) : domError(name, e.jsMessage());
      }
      throw e;
    }
  }
  const buf = (b) => new Uint8Array(b).slice(); // a host ByteBuffer as a fresh JS byte array
  const ab = (u8) => u8.slice().buffer; // bytes for the host (it reads ArrayBuffers)

  // --- argument conversion ------------------------------------------------------------------------------------
  function bufferSource(data, method, position) {
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    // workerd's type names, as its bindings print them
    const type = method === 'timingSafeEqual' ? 'JsBufferSource' : 'Array';
    throw new TypeError(`Failed to execute '${method}' on 'SubtleCrypto': parameter ${position} is not of type '${type}'.`);
  }
  function optionalBytes(data, field) {
    if (data === undefined) return undefined;
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    throw new TypeError(`Incorrect type for the "${field}" field on "algorithm": the provided value is not of type "ArrayBuffer or ArrayBufferView".`);
  }
  // A WebIDL `(DOMString or Algorithm)`: a string is shorthand for { name }.
  function algorithmParam(algorithm) {
    if (typeof algorithm === 'string') return { name: algorithm };
    if (algorithm === null || typeof algorithm !== 'object') {
      typeError('Incorrect type: the provided value is not of type "Algorithm".');
    }
    if (algorithm.name === undefined) typeError('Missing field "name" in "algorithm".');
    return { ...algorithm, name: String(algorithm.name) };
  }
  const hashName = (hash) => (typeof hash === 'string' ? hash : hash !== null && typeof hash === 'object' ? String(hash.name) : String(hash));

  const DIGESTS = { 'SHA-1': 'SHA-1', 'SHA-256': 'SHA-256', 'SHA-384': 'SHA-384', 'SHA-512': 'SHA-512', MD5: 'MD5' };
  function digestName(name) {
    const normalized = DIGESTS[String(name).toUpperCase()];
    if (normalized === undefined) fail('NotSupportedError', 'Unrecognized or unimplemented digest algorithm requested.');
    return normalized;
  }
  function requiredHash(algorithm) {
    if (algorithm.hash === undefined) typeError('Missing field "hash" in "algorithm".');
    return digestName(hashName(algorithm.hash));
  }
  function required(algorithm, field) {
    if (algorithm[field] === undefined) typeError(`Missing field "${field}" in "algorithm".`);
    return algorithm[field];
  }
  // HMAC's default key length is the hash's block size.
  const BLOCK_BITS = { 'SHA-1': 512, 'SHA-256': 512, 'SHA-384': 1024, 'SHA-512': 1024, MD5: 512 };

  // --- usages -----------------------------------------------------------------------------------------------
  // workerd lists a key's usages in this order, whatever order they were given in.
  const USAGES = ['encrypt', 'decrypt', 'sign', 'verify', 'deriveKey', 'deriveBits', 'wrapKey', 'unwrapKey'];
  function validateUsages(name, context, usages, allowed) {
    const set = new Set();
    for (const u of usages) {
      const usage = String(u);
      if (!USAGES.includes(usage) || !allowed.includes(usage)) {
        fail('SyntaxError', `Attempt to ${context} ${name} key with invalid usage "${usage}".`);
      }
      set.add(usage);
    }
    return USAGES.filter((u) => set.has(u));
  }
  function sequence(usages) {
    if (usages === null || typeof usages !== 'object' || typeof usages[Symbol.iterator] !== 'function') {
      typeError('Failed to execute on \'SubtleCrypto\': keyUsages is not a sequence.');
    }
    return [...usages];
  }

  // --- algorithms -------------------------------------------------------------------------------------------
  const ALGORITHMS = ['AES-CTR', 'AES-CBC', 'AES-GCM', 'AES-KW', 'HMAC', 'PBKDF2', 'HKDF', 'RSASSA-PKCS1-v1_5', 'RSA-PSS',
    'RSA-OAEP', 'ECDSA', 'ECDH', 'NODE-ED25519', 'Ed25519', 'X25519'];
  const GENERATABLE = new Set(['AES-CTR', 'AES-CBC', 'AES-GCM', 'AES-KW', 'HMAC', 'RSASSA-PKCS1-v1_5', 'RSA-PSS', 'RSA-OAEP',
    'ECDSA', 'ECDH', 'NODE-ED25519', 'Ed25519', 'X25519']);
  const canonical = (name) => ALGORITHMS.find((a) => a.toUpperCase() === String(name).toUpperCase());
  const isAes = (name) => name.startsWith('AES-');
  const isRsa = (name) => name.startsWith('RSA');
  const isOkp = (name) => name === 'Ed25519' || name === 'NODE-ED25519' || name === 'X25519';
  const kindOf = (name) => (isRsa(name) ? 'RSA' : name === 'ECDSA' || name === 'ECDH' ? 'EC' : name === 'X25519' ? 'X25519' : 'Ed25519');
  // [private key usages, public key usages] of the asymmetric algorithms
  function asymmetricUsages(name) {
    if (name === 'RSA-OAEP') return [['decrypt', 'unwrapKey'], ['encrypt', 'wrapKey']];
    if (name === 'ECDH' || name === 'X25519') return [['deriveKey', 'deriveBits'], []];
    return [['sign'], ['verify']];
  }

  // --- CryptoKey --------------------------------------------------------------------------------------------
  const SLOTS = new WeakMap();
  let constructing = false;
  class CryptoKey {
    constructor() {
      if (!constructing) typeError('Illegal constructor');
    }
    get type() { return slot(this).type; }
    get extractable() { return slot(this).extractable; }
    // a fresh copy on every read, as in workerd, so callers cannot change the key's own record
    get algorithm() { return copyAlgorithm(slot(this).algorithm); }
    get usages() { return [...slot(this).usages]; }
    get [Symbol.toStringTag]() { return 'CryptoKey'; }
  }
  function copyAlgorithm(a) {
    const copy = { ...a };
    if (a.hash !== undefined) copy.hash = { ...a.hash };
    if (a.publicExponent !== undefined) copy.publicExponent = a.publicExponent.slice();
    return copy;
  }
  function slot(key) {
    const s = SLOTS.get(key);
    if (s === undefined) typeError('Illegal invocation');
    return s;
  }
  function newKey(type, extractable, algorithm, usages, material) {
    constructing = true;
    let key;
    try { key = new CryptoKey(); } finally { constructing = false; }
    SLOTS.set(key, { type, extractable: !!extractable, algorithm, usages, ...material });
    return key;
  }
  function keySlot(key, method, position) {
    const s = key !== null && typeof key === 'object' ? SLOTS.get(key) : undefined;
    if (s === undefined) {
      typeError(`Failed to execute '${method}' on 'SubtleCrypto': parameter ${position} is not of type 'CryptoKey'.`);
    }
    return s;
  }
  // workerd's preamble for key operations: the requested algorithm must be the key's and allow the usage.
  function validateOperation(s, requestedName, usage) {
    if (requestedName.toUpperCase() !== s.algorithm.name.toUpperCase()) {
      fail('InvalidAccessError', `Requested algorithm "${requestedName}" does not match this CryptoKey's algorithm "${s.algorithm.name}".`);
    }
    if (!s.usages.includes(usage)) {
      fail('InvalidAccessError', `Requested key usage "${usage}" does not match any usage listed in this CryptoKey.`);
    }
  }

  // --- base64url (JWK) ----------------------------------------------------------------------------------------
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  function toBase64Url(bytes) {
    let out = '';
    for (let i = 0; i < bytes.length; i += 3) {
      const n = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8) | (bytes[i + 2] || 0);
      out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
      if (i + 1 < bytes.length) out += B64[(n >> 6) & 63];
      if (i + 2 < bytes.length) out += B64[n & 63];
    }
    return out;
  }
  function fromBase64Url(text, message) {
    if (typeof text !== 'string') fail('DataError', message);
    const s = text.replace(/=+$/, '');
    const out = new Uint8Array(Math.floor((s.length * 3) / 4));
    let bits = 0, acc = 0, o = 0;
    for (let i = 0; i < s.length; i++) {
      let v = B64.indexOf(s[i]);
      if (v < 0) v = '+/'.indexOf(s[i]) + 62; // tolerate standard base64 too, like workerd's decoder
      if (v < 62 && B64.indexOf(s[i]) < 0) fail('DataError', message);
      acc = (acc << 6) | v; bits += 6;
      if (bits >= 8) { bits -= 8; out[o++] = (acc >> bits) & 0xff; }
    }
    return out.subarray(0, o);
  }
  // A JWK in workerd's member order (kty, use, key_ops, alg, ext, crv, x, y, d, n, e, p, q, dp, dq, qi, k).
  function jwk(fields) {
    const out = {};
    for (const k of ['kty', 'use', 'key_ops', 'alg', 'ext', 'crv', 'x', 'y', 'd', 'n', 'e', 'p', 'q', 'dp', 'dq', 'qi', 'k']) {
      if (fields[k] !== undefined) out[k] = fields[k];
    }
    return out;
  }

  // --- import -----------------------------------------------------------------------------------------------
  function importSecretJwk(name, keyData, extractable, usages, prefix) {
    if (keyData.use !== undefined && keyData.use !== 'enc' && isAes(name)) {
      fail('DataError', `Symmetric "jwk" key must have a "use" of "enc", not "${keyData.use}".`);
    }
    if (keyData.key_ops !== undefined) {
      const ops = [...keyData.key_ops].map(String);
      const dup = ops.find((op, i) => ops.indexOf(op) !== i);
      if (dup !== undefined) fail('DataError', `${prefix} "jwk" key contains duplicate value "${dup}", in "key_op".`);
      for (const u of usages) {
        if (!ops.includes(u)) fail('DataError', `"jwk" key missing usage "${u}", in "key_ops".`);
      }
    }
    if (keyData.ext === false && extractable) {
      fail('DataError', `"jwk" key has value "false", for "ext" that is incompatible with import extractability value "true".`);
    }
  }

  function importAes(name, format, keyData, algorithm, extractable, usages) {
    usages = validateUsages(name, 'import secret', usages, name === 'AES-KW' ? ['wrapKey', 'unwrapKey'] : ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey']);
    let raw;
    const mode = name.slice(4);
    if (format === 'raw') {
      raw = keyData.slice();
      if (![16, 24, 32].includes(raw.length)) {
        fail('DataError', `Imported AES key length must be 128, 192, or 256 bits but provided ${raw.length * 8}.`);
      }
    } else if (format === 'jwk') {
      if (keyData.kty !== 'oct') {
        fail('DataError', `Symmetric "jwk" key import requires a JSON Web Key with Key Type parameter "kty" equal to "oct" (encountered "${keyData.kty}").`);
      }
      raw = fromBase64Url(keyData.k, 'Symmetric "jwk" key import requires a base64Url encoding of the key.');
      if (![16, 24, 32].includes(raw.length)) {
        fail('DataError', `Imported AES key length must be 128, 192, or 256 bits but provided ${raw.length * 8}.`);
      }
      const expected = `A${raw.length * 8}${mode}`;
      if (keyData.alg !== undefined && keyData.alg !== expected) {
        fail('DataError', `Symmetric "jwk" key contains invalid "alg" value "${keyData.alg}", expected "${expected}".`);
      }
      importSecretJwk(name, keyData, extractable, usages, 'Symmetric');
    } else {
      fail('NotSupportedError', `Unrecognized key import format "${format}".`);
    }
    return newKey('secret', extractable, { name, length: raw.length * 8 }, usages, { secret: raw });
  }

  function importHmac(name, format, keyData, algorithm, extractable, usages) {
    usages = validateUsages(name, 'import secret', usages, ['sign', 'verify']);
    if (algorithm.hash === undefined) typeError('Missing field "hash" in "algorithm".');
    const hash = hashName(algorithm.hash);
    let raw;
    if (format === 'raw') {
      raw = keyData.slice();
    } else if (format === 'jwk') {
      if (keyData.kty !== 'oct') {
        fail('DataError', `HMAC "jwk" key import requires a JSON Web Key with Key Type parameter ("kty") equal to "oct" (encountered "${keyData.kty}").`);
      }
      raw = fromBase64Url(keyData.k, 'HMAC "jwk" key import requires a base64Url encoding of the key');
      if (keyData.alg !== undefined) {
        if (!hash.startsWith('SHA-')) fail('NotSupportedError', `Unrecognized or unimplemented hash algorithm requested${keyData.alg}`);
        const expected = `HS${hash.slice(4)}`;
        if (keyData.alg !== expected) {
          fail('DataError', `HMAC "jwk" key import specifies "alg" that is incompatible with the hash name (encountered "${keyData.alg}", expected "${expected}").`);
        }
      }
      importSecretJwk(name, keyData, extractable, usages, 'HMAC');
    } else {
      fail('NotSupportedError', `Unrecognized key import format "${format}".`);
    }
    const keySize = raw.length * 8;
    const length = algorithm.length === undefined ? keySize : Number(algorithm.length);
    if (length === 0 || length > keySize || length <= keySize - 8) {
      fail('DataError', `Imported HMAC key length (${length}) must be a non-zero value up to 7 bits less than, and no greater than, the bit length of the raw key data (${keySize}).`);
    }
    zeroTrailingBits(raw, length);
    return newKey('secret', extractable, { name, hash: { name: digestName(hash) }, length }, usages, { secret: raw });
  }
  function zeroTrailingBits(bytes, bits) {
    if (bits % 8 !== 0) bytes[bytes.length - 1] &= 0xff << (8 - (bits % 8));
  }

  function importKdf(name, format, keyData, algorithm, extractable, usages) {
    usages = validateUsages(name, 'import secret', usages, ['deriveKey', 'deriveBits']);
    if (extractable) fail('SyntaxError', `${name} key cannot be extractable.`);
    if (format !== 'raw') {
      fail('NotSupportedError', name === 'PBKDF2' ? `PBKDF2 key must be imported in "raw" format (requested "${format}").`
        : `HKDF key must be imported in "raw" format (requested "${format}")`);
    }
    return newKey('secret', false, { name }, usages, { secret: keyData.slice() });
  }

  const CURVES = ['P-256', 'P-384', 'P-521'];
  // Curve names match case-insensitively, like algorithm names.
  function namedCurve(algorithm) {
    const requested = String(required(algorithm, 'namedCurve'));
    const curve = CURVES.find((c) => c === requested.toUpperCase());
    if (curve === undefined) fail('NotSupportedError', `Unrecognized or unimplemented EC curve "${requested}" requested.`);
    return curve;
  }
  function importAsymmetric(name, format, keyData, algorithm, extractable, usages) {
    const kind = kindOf(name);
    let curve = null;
    if (kind === 'EC') {
      curve = namedCurve(algorithm);
    }
    let hash;
    if (kind === 'RSA') hash = requiredHash(algorithm);
    let isPrivate;
    let handle;
    if (format === 'jwk') {
      isPrivate = keyData.d !== undefined;
      checkAsymmetricJwk(name, kind, curve, hash, keyData);
      validateJwkUsages(name, keyData, extractable, usages);
    } else if (format === 'spki' || format === 'raw') {
      if (format === 'raw' && kind === 'RSA') fail('NotSupportedError', `Unrecognized key import format "${format}".`);
      isPrivate = false;
    } else if (format === 'pkcs8') {
      isPrivate = true;
    } else {
      fail('NotSupportedError', `Unrecognized key import format "${format}".`);
    }
    const [privateUsages, publicUsages] = asymmetricUsages(name);
    usages = validateUsages(name, isPrivate ? 'import private' : 'import public', usages, isPrivate ? privateUsages : publicUsages);
    handle = call(() => (format === 'jwk' ? host.importJwk(kind, curve ?? name.replace('NODE-ED25519', 'Ed25519'), keyData)
      : host.importKey(kind, format, curve ?? '', ab(keyData))));
    return asymmetricKey(name, handle, hash, algorithm, extractable, usages);
  }
  function asymmetricKey(name, handle, hash, algorithm, extractable, usages) {
    const kind = kindOf(name);
    let keyAlgorithm;
    if (kind === 'EC') keyAlgorithm = { name, namedCurve: handle.curve() };
    else if (kind === 'RSA') {
      keyAlgorithm = { name, modulusLength: handle.modulusLength(), publicExponent: buf(handle.publicExponent()), hash: { name: hash } };
    } else if (name === 'NODE-ED25519') keyAlgorithm = { name, namedCurve: 'NODE-ED25519' };
    else keyAlgorithm = { name };
    return newKey(handle.type(), extractable, keyAlgorithm, usages, { handle });
  }
  function checkAsymmetricJwk(name, kind, curve, hash, keyData) {
    if (kind === 'EC') {
      if (keyData.kty !== 'EC') {
        fail('DataError', `Elliptic curve "jwk" key import requires a JSON Web Key with Key Type parameter "kty" ("${keyData.kty}") equal to "EC".`);
      }
    } else if (kind === 'RSA') {
      if (keyData.kty !== 'RSA') {
        fail('DataError', `${name} "jwk" key import requires a JSON Web Key with Key Type parameter "kty" ("${keyData.kty}") equal to "RSA".`);
      }
      if (keyData.alg !== undefined) {
        const bits = hash.slice(4);
        const expected = name === 'RSASSA-PKCS1-v1_5' ? `RS${bits}` : name === 'RSA-PSS' ? `PS${bits}`
          : hash === 'SHA-1' ? 'RSA-OAEP' : `RSA-OAEP-${bits}`;
        if (keyData.alg !== expected) {
          // (workerd names the JWK's own "alg" twice here)
          fail('DataError', `JSON Web Key Algorithm parameter "alg" ("${keyData.alg}") does not match requested hash algorithm "${keyData.alg}".`);
        }
      }
    } else {
      const crv = name === 'X25519' ? 'X25519' : 'Ed25519';
      if (keyData.kty !== 'OKP') {
        fail('DataError', `${name} "jwk" key imports requires a JSON Web Key with Key Type parameter "kty" ("${keyData.kty}") equal to "OKP".`);
      }
      if (keyData.crv !== crv) fail('NotSupportedError', `Only ${crv} is supported but "${keyData.crv}" was requested.`);
      if (crv === 'Ed25519' && keyData.alg !== undefined && keyData.alg !== 'EdDSA') {
        fail('DataError', `JSON Web Key Algorithm parameter "alg" ("${keyData.alg}") does not match requested Ed25519 curve.`);
      }
    }
  }
  function validateJwkUsages(name, keyData, extractable, usages) {
    if (keyData.key_ops !== undefined) {
      const ops = [...keyData.key_ops].map(String);
      if (!usages.every((u) => ops.includes(String(u)))) {
        fail('DataError', 'All specified key usages must be present in the JSON Web Key\'s Key Operations parameter ("key_ops").');
      }
    }
    if (keyData.ext === false && extractable) {
      fail('DataError', `"jwk" key has value "false", for "ext" that is incompatible with import extractability value "true".`);
    }
  }

  function importKeySync(format, keyData, algorithm, extractable, usages) {
    format = String(format);
    if (keyData === null || (typeof keyData !== 'object' && typeof keyData !== 'function')) {
      typeError("Failed to execute 'importKey' on 'SubtleCrypto': parameter 2 is not of type 'ArrayBuffer or ArrayBufferView or JsonWebKey'.");
    }
    if (format === 'raw' || format === 'pkcs8' || format === 'spki') {
      if (!(keyData instanceof ArrayBuffer) && !ArrayBuffer.isView(keyData)) {
        typeError('Import data provided for "raw", "pkcs8", or "spki" import formats must be a buffer source.');
      }
      keyData = bufferSource(keyData, 'importKey', 2).slice();
    } else if (format === 'jwk') {
      if (keyData === null || typeof keyData !== 'object' || ArrayBuffer.isView(keyData) || keyData instanceof ArrayBuffer) {
        typeError('Import data provided for "jwk" import format must be a JsonWebKey.');
      }
      if (keyData.kty === undefined) typeError('Missing field "kty" in "keyData".');
      if (keyData.ext === false && extractable) {
        fail('DataError', `JWK ext field for "${algorithm.name}" is set to false but extractable is true`);
      }
    } else {
      fail('NotSupportedError', `Unrecognized key import format "${format}".`);
    }
    const name = canonical(algorithm.name);
    if (name === undefined) fail('NotSupportedError', `Unrecognized key import algorithm "${algorithm.name}" requested.`);
    let key;
    if (isAes(name)) key = importAes(name, format, keyData, algorithm, extractable, usages);
    else if (name === 'HMAC') key = importHmac(name, format, keyData, algorithm, extractable, usages);
    else if (name === 'PBKDF2' || name === 'HKDF') key = importKdf(name, format, keyData, algorithm, extractable, usages);
    else key = importAsymmetric(name, format, keyData, algorithm, extractable, usages);
    const s = SLOTS.get(key);
    if (s.usages.length === 0 && (s.type === 'secret' || s.type === 'private')) {
      fail('SyntaxError', 'Secret/private CryptoKeys must have at least one usage.');
    }
    return key;
  }

  // --- export -----------------------------------------------------------------------------------------------
  function exportKeySync(format, s) {
    format = String(format);
    if (!s.extractable) fail('InvalidAccessError', `Attempt to export non-extractable ${s.algorithm.name} key.`);
    const name = s.algorithm.name;
    if (s.secret !== undefined) {
      if (isAes(name)) {
        if (format !== 'raw' && format !== 'jwk') {
          fail('NotSupportedError', `${name} key only supports exporting "raw" & "jwk", not "${format}".`);
        }
        if (format === 'raw') return s.secret.slice().buffer;
        return jwk({ kty: 'oct', key_ops: [...s.usages], alg: `A${s.secret.length * 8}${name.slice(4)}`, ext: true, k: toBase64Url(s.secret) });
      }
      if (format !== 'raw' && format !== 'jwk') fail('NotSupportedError', `Unimplemented key export format "${format}".`);
      if (format === 'raw') return s.secret.slice().buffer;
      return jwk({ kty: 'oct', key_ops: [...s.usages], alg: `HS${s.algorithm.hash.name.slice(4)}`, ext: true, k: toBase64Url(s.secret) });
    }
    const kind = kindOf(name);
    if (format === 'jwk') {
      const fields = JSON.parse(call(() => host.exportJwk(s.handle)));
      let alg;
      if (kind === 'RSA') {
        const bits = s.algorithm.hash.name.slice(4);
        alg = name === 'RSASSA-PKCS1-v1_5' ? `RS${bits}` : name === 'RSA-PSS' ? `PS${bits}` : bits === '1' ? 'RSA-OAEP' : `RSA-OAEP-${bits}`;
      }
      if (name === 'Ed25519' || name === 'NODE-ED25519') alg = 'EdDSA';
      const crv = kind === 'EC' ? s.algorithm.namedCurve : kind === 'RSA' ? undefined : kind;
      return jwk({ kty: kind === 'EC' ? 'EC' : kind === 'RSA' ? 'RSA' : 'OKP', key_ops: [...s.usages], alg, ext: true, crv, ...fields });
    }
    if (format === 'spki' || format === 'pkcs8') {
      const wanted = format === 'spki' ? 'public' : 'private';
      if (s.type !== wanted) {
        fail('InvalidAccessError', `Asymmetric ${format} export requires ${wanted} key (not "${s.type}").`);
      }
      return buf(call(() => host.exportKey(s.handle, format))).buffer;
    }
    if (format === 'raw') {
      if (kind === 'RSA') fail('InvalidAccessError', `Cannot export "${name}" in "raw" format.`);
      if (s.type !== 'public') {
        fail('InvalidAccessError', kind === 'EC' ? 'Raw export of elliptic curve keys is only allowed for public keys.'
          : `Raw export of ${name} keys is only allowed for public keys.`);
      }
      return buf(call(() => host.exportKey(s.handle, 'raw'))).buffer;
    }
    fail('NotSupportedError', `Unrecognized export format "${format}".`);
  }

  // --- generate ---------------------------------------------------------------------------------------------
  function generateKeySync(algorithm, extractable, keyUsages) {
    const name = canonical(algorithm.name);
    if (name === undefined || !GENERATABLE.has(name)) {
      fail('NotSupportedError', `Unrecognized key generation algorithm "${algorithm.name}" requested.`);
    }
    if (isAes(name)) {
      const usages = validateUsages(name, 'generate', keyUsages, name === 'AES-KW' ? ['wrapKey', 'unwrapKey'] : ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey']);
      const length = Number(required(algorithm, 'length'));
      if (![128, 192, 256].includes(length)) {
        fail('OperationError', `Generated AES key length must be 128, 192, or 256 bits but requested ${length}.`);
      }
      return checkSecretUsages(newKey('secret', extractable, { name, length }, usages, { secret: buf(host.randomBytes(length / 8)) }));
    }
    if (name === 'HMAC') {
      const hash = requiredHash(algorithm);
      const usages = validateUsages(name, 'generate', keyUsages, ['sign', 'verify']);
      const length = algorithm.length === undefined ? BLOCK_BITS[hash] : Number(algorithm.length);
      if (!(length > 0)) {
        fail('OperationError', `HMAC key length must be a non-zero unsigned long integer (requested ${length}).`);
      }
      const secret = buf(host.randomBytes(Math.ceil(length / 8)));
      zeroTrailingBits(secret, length);
      return checkSecretUsages(newKey('secret', extractable, { name, hash: { name: hash }, length }, usages, { secret }));
    }
    const kind = kindOf(name);
    const [privateMask, publicMask] = asymmetricUsages(name);
    const usages = validateUsages(name, 'generate', keyUsages, [...privateMask, ...publicMask]);
    let curve = '', modulusLength = 0, exponent = new Uint8Array(0), hash;
    if (kind === 'EC') {
      curve = namedCurve(algorithm);
    } else if (kind === 'RSA') {
      const e = required(algorithm, 'publicExponent');
      hash = requiredHash(algorithm);
      modulusLength = Number(required(algorithm, 'modulusLength'));
      if (!(modulusLength > 0)) fail('OperationError', `modulusLength must be greater than zero (requested ${modulusLength}).`);
      if (modulusLength % 8 !== 0 || modulusLength < 256 || modulusLength > 16384) {
        fail('OperationError', `The modulus length must be a multiple of 8 and between 256 and 16k, but ${modulusLength} was requested.`);
      }
      exponent = optionalBytes(e, 'publicExponent');
      let value = 0;
      for (const b of exponent) value = value * 256 + b;
      if (value > 0xffffffff) fail('OperationError', 'The "publicExponent" must be either 3 or 65537, but got a number larger than 2^32.');
      if (value !== 3 && value !== 65537) fail('OperationError', `The "publicExponent" must be either 3 or 65537, but got ${value}.`);
    }
    const pair = call(() => host.generateKeyPair(kind, curve, modulusLength, ab(exponent)));
    const privateUsages = usages.filter((u) => privateMask.includes(u));
    if (privateUsages.length === 0) fail('SyntaxError', 'Attempt to generate asymmetric keys with no valid private key usages.');
    return {
      publicKey: asymmetricKey(name, pair.publicKey(), hash, algorithm, true, usages.filter((u) => publicMask.includes(u))),
      privateKey: asymmetricKey(name, pair.privateKey(), hash, algorithm, extractable, privateUsages),
    };
  }
  function checkSecretUsages(key) {
    if (SLOTS.get(key).usages.length === 0) fail('SyntaxError', 'Secret/private CryptoKeys must have at least one usage.');
    return key;
  }

  // --- encrypt / decrypt ------------------------------------------------------------------------------------
  const GCM_TAGS = [32, 64, 96, 104, 112, 120, 128];
  function cipher(encrypt, algorithm, s, data) {
    const name = s.algorithm.name;
    if (name === 'AES-GCM') {
      const iv = optionalBytes(algorithm.iv, 'iv');
      if (iv === undefined) typeError('Missing field "iv" in "algorithm".');
      if (iv.length === 0) fail('OperationError', 'AES-GCM IV must not be empty.');
      const tagLength = algorithm.tagLength === undefined ? 128 : Number(algorithm.tagLength);
      if (!GCM_TAGS.includes(tagLength)) fail('OperationError', `Invalid AES-GCM tag length ${tagLength}.`);
      if (!encrypt && data.length < tagLength / 8) {
        fail('OperationError', `Ciphertext length of ${data.length * 8} bits must be greater than or equal to the size of the AES-GCM tag length of ${tagLength} bits.`);
      }
      const aad = optionalBytes(algorithm.additionalData, 'additionalData');
      return call(() => host.aesGcm(encrypt, ab(s.secret), ab(iv), aad === undefined ? null : ab(aad), tagLength, ab(data)));
    }
    if (name === 'AES-CBC') {
      const iv = optionalBytes(algorithm.iv, 'iv');
      if (iv === undefined) typeError('Missing field "iv" in "algorithm".');
      if (iv.length !== 16) {
        fail('OperationError', `AES-CBC IV must be 16 bytes long (provided ${iv.length}${encrypt ? ' bytes' : ''}).`);
      }
      return call(() => host.aesCbc(encrypt, ab(s.secret), ab(iv), ab(data)));
    }
    if (name === 'AES-CTR') {
      const counter = optionalBytes(algorithm.counter, 'counter');
      if (counter === undefined) typeError('Missing "counter" member in "algorithm".');
      if (counter.length !== 16) fail('OperationError', `Counter must have length of 16 bytes (provided ${counter.length}).`);
      if (algorithm.length === undefined) typeError('Missing "length" member in "algorithm".');
      const length = Number(algorithm.length);
      if (!(length > 0 && length <= 128)) fail('OperationError', `Invalid counter of ${length} bits length provided.`);
      return call(() => host.aesCtr(ab(s.secret), ab(counter), length, ab(data)));
    }
    if (name === 'RSA-OAEP') {
      if (encrypt && s.type !== 'public') {
        fail('InvalidAccessError', `Encryption/key wrapping only works with public keys, not "${s.type}".`);
      }
      if (!encrypt && s.type !== 'private') {
        fail('InvalidAccessError', `Decryption/key unwrapping only works with private keys, not "${s.type}".`);
      }
      const label = optionalBytes(algorithm.label, 'label');
      return call(() => host.rsaOaep(encrypt, s.algorithm.hash.name, label === undefined ? null : ab(label), s.handle, ab(data)));
    }
    fail('NotSupportedError', `The ${encrypt ? 'encrypt' : 'decrypt'} operation is not implemented for "${name}".`);
  }

  // --- sign / verify ----------------------------------------------------------------------------------------
  function signatureParams(algorithm, s) {
    const name = s.algorithm.name;
    if (name === 'ECDSA') {
      if (algorithm.hash === undefined) {
        typeError('Missing "hash" in AlgorithmIdentifier. (ECDSA requires that the hash algorithm be specified at call time rather than on the key. This differs from other WebCrypto algorithms for historical reasons.)');
      }
      return [digestName(hashName(algorithm.hash)), 0];
    }
    if (name === 'RSA-PSS') {
      if (algorithm.saltLength === undefined) fail('DataError', 'Failed to provide salt for RSA-PSS key operation which requires a salt');
      const salt = Number(algorithm.saltLength);
      if (salt < 0) fail('DataError', `SaltLength for RSA-PSS must be non-negative (provided ${salt}).`);
      return [s.algorithm.hash.name, salt];
    }
    if (name === 'RSASSA-PKCS1-v1_5') return [s.algorithm.hash.name, 0];
    if (name === 'Ed25519' || name === 'NODE-ED25519') return ['', 0];
    fail('NotSupportedError', `The sign and verify operations are not implemented for "${name}".`);
  }
  const jdkSignatureName = (name) => (name === 'NODE-ED25519' ? 'Ed25519' : name);

  // --- derive -----------------------------------------------------------------------------------------------
  function deriveBitsSync(algorithm, s, length) {
    const name = s.algorithm.name;
    if (name === 'PBKDF2') {
      const hash = requiredHash(algorithm);
      const salt = optionalBytes(required(algorithm, 'salt'), 'salt');
      const iterations = Number(required(algorithm, 'iterations'));
      if (length === null) fail('OperationError', 'PBKDF2 cannot derive a key with null length.');
      if (length % 8 !== 0) fail('OperationError', `PBKDF2 requires a derived key length that is a multiple of eight (requested ${length}).`);
      if (!(iterations > 0)) fail('OperationError', `PBKDF2 requires a positive iteration count (requested ${iterations}).`);
      return call(() => host.pbkdf2(hash, ab(s.secret), ab(salt), iterations, length / 8));
    }
    if (name === 'HKDF') {
      const hash = requiredHash(algorithm);
      const salt = optionalBytes(required(algorithm, 'salt'), 'salt');
      const info = optionalBytes(required(algorithm, 'info'), 'info');
      if (length === null) fail('OperationError', 'HKDF cannot derive a key with null length.');
      if (length % 8 !== 0) fail('OperationError', `HKDF requires a derived key length that is a multiple of eight (requested ${length}).`);
      return call(() => host.hkdf(hash, ab(s.secret), ab(salt), ab(info), length / 8));
    }
    if (name === 'ECDH' || name === 'X25519') {
      if (s.type !== 'private') fail('InvalidAccessError', `The deriveBits operation is only valid for a private key, not "${s.type}".`);
      const peer = algorithm.public;
      if (peer === undefined) typeError('Missing field "public" in "derivedKeyParams".');
      const p = keySlot(peer, 'deriveBits', 1);
      if (p.type !== 'public') fail('InvalidAccessError', `The provided key has type "${p.type}", not "public"`);
      if (p.algorithm.name !== name) {
        fail('InvalidAccessError', `Private key for derivation is using "${name}" while public key is using "${p.algorithm.name}".`);
      }
      if (name === 'ECDH' && p.algorithm.namedCurve !== s.algorithm.namedCurve) {
        fail('InvalidAccessError', `Private key for derivation is using curve "${s.algorithm.namedCurve}" while public key is using "${p.algorithm.namedCurve}".`);
      }
      const secret = buf(call(() => host.agree(s.handle, p.handle)));
      if (length === null) return secret;
      if (length > secret.length * 8) {
        fail('OperationError', `Derived key length (${length} bits) is too long (should be at most ${secret.length * 8} bits).`);
      }
      const out = secret.slice(0, Math.ceil(length / 8));
      zeroTrailingBits(out, length);
      return out;
    }
    fail('NotSupportedError', `The deriveBits operation is not implemented for "${name}".`);
  }
  // The "get key length" operation of deriveKey's derived key algorithm.
  function derivedKeyLength(algorithm) {
    const name = canonical(algorithm.name);
    if (!['AES-CTR', 'AES-CBC', 'AES-GCM', 'AES-KW', 'HMAC', 'HKDF', 'PBKDF2'].includes(name)) {
      fail('NotSupportedError', `Unrecognized derived key type "${algorithm.name}" requested.`);
    }
    if (isAes(name)) {
      if (algorithm.length === undefined) typeError('Missing field "length" in "derivedKeyParams".');
      const length = Number(algorithm.length);
      if (![128, 192, 256].includes(length)) {
        fail('OperationError', `Derived AES key must be 128, 192, or 256 bits in length but provided ${length}.`);
      }
      return length;
    }
    if (name === 'HMAC') {
      if (algorithm.length !== undefined) {
        const length = Number(algorithm.length);
        if (length > 0) return length;
        typeError('HMAC key length must be a non-zero unsigned long integer.');
      }
      if (algorithm.hash === undefined) typeError('Missing field "hash" in "derivedKeyParams".');
      return BLOCK_BITS[digestName(hashName(algorithm.hash))];
    }
    return null;
  }

  // --- SubtleCrypto -----------------------------------------------------------------------------------------
  // Every method runs synchronously (as in workerd) and reports failures as a rejected promise.
  const promised = (fn) => new Promise((resolve) => resolve(fn()));
  const toBuffer = (b) => (b instanceof ArrayBuffer ? b : buf(b).buffer);
  function exportedBytes(format, s) {
    const exported = exportKeySync(format, s);
    return exported instanceof ArrayBuffer ? new Uint8Array(exported) : new TextEncoder().encode(JSON.stringify(exported));
  }

  let constructingSubtle = false;
  class SubtleCrypto {
    constructor() {
      if (!constructingSubtle) typeError('Illegal constructor');
    }

    digest(algorithm, data) {
      return promised(() => {
        const name = digestName(algorithmParam(algorithm).name);
        const bytes = bufferSource(data, 'digest', 2);
        return toBuffer(host.digest(name, ab(bytes)));
      });
    }

    encrypt(algorithm, key, data) {
      return promised(() => {
        algorithm = algorithmParam(algorithm);
        const s = keySlot(key, 'encrypt', 2);
        const bytes = bufferSource(data, 'encrypt', 3);
        validateOperation(s, algorithm.name, 'encrypt');
        return toBuffer(cipher(true, algorithm, s, bytes));
      });
    }

    decrypt(algorithm, key, data) {
      return promised(() => {
        algorithm = algorithmParam(algorithm);
        const s = keySlot(key, 'decrypt', 2);
        const bytes = bufferSource(data, 'decrypt', 3);
        validateOperation(s, algorithm.name, 'decrypt');
        return toBuffer(cipher(false, algorithm, s, bytes));
      });
    }

    sign(algorithm, key, data) {
      return promised(() => {
        algorithm = algorithmParam(algorithm);
        const s = keySlot(key, 'sign', 2);
        const bytes = bufferSource(data, 'sign', 3);
        validateOperation(s, algorithm.name, 'sign');
        if (s.algorithm.name === 'HMAC') return toBuffer(host.hmac(s.algorithm.hash.name, ab(s.secret), ab(bytes)));
        const [hash, salt] = signatureParams(algorithm, s);
        if (s.type !== 'private') fail('InvalidAccessError', 'Asymmetric signing requires a private key.');
        return toBuffer(call(() => host.sign(jdkSignatureName(s.algorithm.name), hash, salt, s.handle, ab(bytes))));
      });
    }

    verify(algorithm, key, signature, data) {
      return promised(() => {
        algorithm = algorithmParam(algorithm);
        const s = keySlot(key, 'verify', 2);
        const sig = bufferSource(signature, 'verify', 3);
        const bytes = bufferSource(data, 'verify', 4);
        validateOperation(s, algorithm.name, 'verify');
        if (s.algorithm.name === 'HMAC') {
          const expected = buf(host.hmac(s.algorithm.hash.name, ab(s.secret), ab(bytes)));
          return expected.length === sig.length && host.timingSafeEqual(ab(expected), ab(sig));
        }
        const [hash, salt] = signatureParams(algorithm, s);
        if (s.type !== 'public') fail('InvalidAccessError', 'Asymmetric verification requires a public key.');
        return call(() => host.verify(jdkSignatureName(s.algorithm.name), hash, salt, s.handle, ab(sig), ab(bytes)));
      });
    }

    generateKey(algorithm, extractable, keyUsages) {
      return promised(() => generateKeySync(algorithmParam(algorithm), !!extractable, sequence(keyUsages)));
    }

    importKey(format, keyData, algorithm, extractable, keyUsages) {
      return promised(() => importKeySync(format, keyData, algorithmParam(algorithm), !!extractable, sequence(keyUsages)));
    }

    exportKey(format, key) {
      return promised(() => exportKeySync(format, keySlot(key, 'exportKey', 2)));
    }

    deriveBits(algorithm, baseKey, length) {
      return promised(() => {
        algorithm = algorithmParam(algorithm);
        const s = keySlot(baseKey, 'deriveBits', 2);
        let bits = null;
        if (length !== undefined && length !== null) {
          bits = Number(length);
          if (!(bits >= 0)) typeError('deriveBits length must be an unsigned long integer.');
        }
        validateOperation(s, algorithm.name, 'deriveBits');
        return toBuffer(deriveBitsSync(algorithm, s, bits));
      });
    }

    deriveKey(algorithm, baseKey, derivedKeyAlgorithm, extractable, keyUsages) {
      return promised(() => {
        algorithm = algorithmParam(algorithm);
        const derived = algorithmParam(derivedKeyAlgorithm);
        const s = keySlot(baseKey, 'deriveKey', 2);
        const usages = sequence(keyUsages);
        validateOperation(s, algorithm.name, 'deriveKey');
        const length = derivedKeyLength(derived);
        const secret = deriveBitsSync(algorithm, s, length);
        return importKeySync('raw', secret instanceof Uint8Array ? secret : buf(secret), derived, !!extractable, usages);
      });
    }

    wrapKey(format, key, wrappingKey, wrapAlgorithm) {
      return promised(() => {
        const s = keySlot(key, 'wrapKey', 2);
        const w = keySlot(wrappingKey, 'wrapKey', 3);
        const algorithm = algorithmParam(wrapAlgorithm);
        validateOperation(w, algorithm.name, 'wrapKey');
        if (!s.extractable) fail('InvalidAccessError', `Attempt to export non-extractable ${s.algorithm.name} key.`);
        const bytes = exportedBytes(format, s);
        if (w.algorithm.name === 'AES-KW') return toBuffer(wrapKw(true, w, bytes));
        return toBuffer(cipher(true, algorithm, w, bytes));
      });
    }

    unwrapKey(format, wrappedKey, unwrappingKey, unwrapAlgorithm, unwrappedKeyAlgorithm, extractable, keyUsages) {
      return promised(() => {
        const data = bufferSource(wrappedKey, 'unwrapKey', 2);
        const w = keySlot(unwrappingKey, 'unwrapKey', 3);
        const algorithm = algorithmParam(unwrapAlgorithm);
        const keyAlgorithm = algorithmParam(unwrappedKeyAlgorithm);
        const usages = sequence(keyUsages);
        validateOperation(w, algorithm.name, 'unwrapKey');
        const bytes = buf(w.algorithm.name === 'AES-KW' ? wrapKw(false, w, data) : cipher(false, algorithm, w, data));
        let keyData = bytes;
        if (String(format) === 'jwk') {
          try {
            keyData = JSON.parse(new TextDecoder().decode(bytes));
          } catch (e) {
            fail('DataError', 'Missing "kty" field or corrupt JSON unwrapping key?');
          }
          if (keyData === null || typeof keyData !== 'object') fail('DataError', 'Missing "kty" field or corrupt JSON unwrapping key?');
        }
        return importKeySync(format, keyData, keyAlgorithm, !!extractable, usages);
      });
    }

    // workerd extension: constant-time comparison of two equally long buffers.
    timingSafeEqual(a, b) {
      const x = bufferSource(a, 'timingSafeEqual', 1);
      const y = bufferSource(b, 'timingSafeEqual', 2);
      if (x.byteLength !== y.byteLength) typeError('Input buffers must have the same byte length.');
      return host.timingSafeEqual(ab(x), ab(y));
    }

    get [Symbol.toStringTag]() { return 'SubtleCrypto'; }
  }
  function wrapKw(wrap, w, bytes) {
    if (wrap) {
      if (bytes.length % 8 !== 0) {
        fail('OperationError', `Unwrapped key bit length must be a multiple of 64 bits but unwrapped key has a length of ${bytes.length * 8} bits.`);
      }
      if (bytes.length < 16) {
        fail('OperationError', `Unwrapped key has length ${bytes.length} bytes but it should be greater than or equal to 16 and less than or equal to ${Number.MAX_SAFE_INTEGER}`);
      }
    } else {
      if (bytes.length % 8 !== 0) {
        fail('OperationError', `Provided a wrapped key to unwrap that is ${bytes.length * 8} bits which isn't a multiple of 64 bits.`);
      }
      if (bytes.length < 24) {
        fail('OperationError', `Provided a wrapped key to unwrap this is ${bytes.length * 8} bits that is less than the minimal length of 192 bits.`);
      }
    }
    return call(() => host.aesKw(wrap, ab(w.secret), ab(bytes)));
  }
  for (const name of Object.getOwnPropertyNames(SubtleCrypto.prototype)) {
    if (name !== 'constructor') Object.defineProperty(SubtleCrypto.prototype, name, { enumerable: true });
  }
  constructingSubtle = true;
  const subtle = new SubtleCrypto();
  constructingSubtle = false;
  internals.subtle = subtle;

  // --- crypto.DigestStream ------------------------------------------------------------------------------------
  // A WritableStream whose `digest` promise resolves to the hash of everything written. Created on first access
  // so that using crypto.subtle does not load the streams implementation.
  let DigestStreamClass = null;
  internals.digestStream = () => {
    if (DigestStreamClass === null) {
      const encoder = new TextEncoder();
      DigestStreamClass = class DigestStream extends global.WritableStream {
        #digest;
        #bytesWritten = 0;
        constructor(algorithm) {
          const hasher = host.hasher(digestName(algorithmParam(algorithm).name));
          let resolve, reject;
          const digest = new Promise((res, rej) => { resolve = res; reject = rej; });
          let self;
          super({
            write(chunk) {
              let bytes;
              if (typeof chunk === 'string') bytes = encoder.encode(chunk);
              else if (chunk instanceof ArrayBuffer) bytes = new Uint8Array(chunk);
              else if (ArrayBuffer.isView(chunk)) bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
              else throw new TypeError('DigestStream is a byte stream but received an object of non-ArrayBuffer/ArrayBufferView/string type on its writable side.');
              if (bytes.length === 0) return;
              hasher.update(ab(bytes));
              self.#bytesWritten += bytes.length;
            },
            close() { resolve(toBuffer(hasher.finish())); },
            abort(reason) { reject(reason); },
          });
          self = this;
          digest.catch(() => {});
          this.#digest = digest;
        }
        get digest() { return this.#digest; }
        get bytesWritten() { return this.#bytesWritten; }
      };
    }
    return DigestStreamClass;
  };

  return { SubtleCrypto, CryptoKey };
});
