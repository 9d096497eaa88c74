(function (host, global, internals) {
  'use strict';
  // node:buffer: Buffer from the `buffer` npm package (Node's Buffer for browsers, by feross), with what workerd's
  // Buffer adds over it: the base64url encoding and Node's ERR_* codes on the errors code checks for.
  const lib = internals.nodeLibrary('buffer');
  const { Buffer } = lib;
  const { nodeError, describeReceived } = internals.nodeErrors;

  // --- base64url (Node >= 15): decoding is base64's (the library already accepts '-' and '_'), encoding is
  // base64's with the URL alphabet and no padding.
  const isBase64Url = (encoding) => typeof encoding === 'string' && encoding.toLowerCase() === 'base64url';
  const toUrl = (b64) => b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const { toString, write } = Buffer.prototype;
  Buffer.prototype.toString = function (encoding, start, end) {
    if (isBase64Url(encoding)) return toUrl(toString.call(this, 'base64', start, end));
    return toString.apply(this, arguments);
  };
  Buffer.prototype.write = function (string, offset, length, encoding) {
    const args = Array.from(arguments);
    for (let i = 1; i < args.length; i++) if (isBase64Url(args[i])) args[i] = 'base64';
    return write.apply(this, args);
  };
  const { from, byteLength, isEncoding, alloc } = Buffer;
  const validSources = 'The first argument must be of type string or an instance of Buffer, TypedArray, ArrayBuffer, SharedArrayBuffer, or Array or an Array-like Object.';
  Buffer.from = function (value, encodingOrOffset, length) {
    if (isBase64Url(encodingOrOffset)) encodingOrOffset = 'base64';
    try {
      return from.call(this, value, encodingOrOffset, length);
    } catch (e) {
      // the library words this check differently from Node
      if (e instanceof TypeError && e.message.startsWith('The first argument must be')) {
        throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `${validSources} ${describeReceived(value)}`);
      }
      throw e;
    }
  };
  Buffer.byteLength = function (string, encoding) {
    return byteLength.call(this, string, isBase64Url(encoding) ? 'base64' : encoding);
  };
  Buffer.isEncoding = (encoding) => isBase64Url(encoding) || isEncoding(encoding);
  Buffer.alloc = function (size, fill, encoding) {
    return alloc.call(this, size, fill, isBase64Url(encoding) ? 'base64' : encoding);
  };

  // --- Node's codes on the library's errors (same messages; code that checks err.code finds them)
  const codes = [
    [/^Attempt to access memory outside buffer bounds$/, 'ERR_BUFFER_OUT_OF_BOUNDS'],
    [/^(Index out of range|offset is not uint|Trying to access beyond buffer length)$/, 'ERR_OUT_OF_RANGE'],
    [/^Unknown encoding: /, 'ERR_UNKNOWN_ENCODING'],
    [/must be of type|must be one of type/, 'ERR_INVALID_ARG_TYPE'],
  ];
  function withCode(fn) {
    return function () {
      try {
        return fn.apply(this, arguments);
      } catch (e) {
        if (e instanceof Error && e.code === undefined) {
          for (const [re, code] of codes) {
            if (re.test(e.message)) {
              Object.defineProperty(e, 'code', { value: code, writable: true, configurable: true, enumerable: true });
              break;
            }
          }
        }
        throw e;
      }
    };
  }
  for (const name of Object.getOwnPropertyNames(Buffer.prototype)) {
    const d = Object.getOwnPropertyDescriptor(Buffer.prototype, name);
    if (name !== 'constructor' && typeof d.value === 'function') {
      Object.defineProperty(Buffer.prototype, name, { ...d, value: Object.defineProperty(withCode(d.value), 'name', { value: name }) });
    }
  }
  for (const name of ['from', 'alloc', 'allocUnsafe', 'allocUnsafeSlow', 'concat', 'compare', 'byteLength']) {
    Buffer[name] = Object.defineProperty(withCode(Buffer[name]), 'name', { value: name });
  }

  function isUtf8(input) {
    const bytes = internals.bufferSourceBytes(input);
    if (bytes === null) throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "input" argument must be an instance of ArrayBuffer, Buffer, or TypedArray. ${describeReceived(input)}`);
    try { new TextDecoder('utf-8', { fatal: true }).decode(bytes); return true; } catch (e) { return false; }
  }
  function isAscii(input) {
    const bytes = internals.bufferSourceBytes(input);
    if (bytes === null) throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "input" argument must be an instance of ArrayBuffer, Buffer, or TypedArray. ${describeReceived(input)}`);
    for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return false;
    return true;
  }
  const transcodings = new Set(['ascii', 'latin1', 'binary', 'ucs2', 'ucs-2', 'utf16le', 'utf-16le', 'utf8', 'utf-8']);
  function transcode(source, fromEnc, toEnc) {
    if (!transcodings.has(String(fromEnc).toLowerCase()) || !transcodings.has(String(toEnc).toLowerCase())) {
      throw nodeError(Error, 'U_ILLEGAL_ARGUMENT_ERROR', 'Unable to transcode Buffer [U_ILLEGAL_ARGUMENT_ERROR]');
    }
    return Buffer.from(Buffer.from(source).toString(fromEnc), toEnc);
  }

  const kMaxLength = lib.kMaxLength;
  const kStringMaxLength = 536870888;
  const exports = {
    Buffer, SlowBuffer: lib.SlowBuffer, Blob: global.Blob, File: global.File, atob: global.atob, btoa: global.btoa,
    INSPECT_MAX_BYTES: 50, kMaxLength, kStringMaxLength,
    constants: Object.freeze({ MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: kStringMaxLength }),
    isAscii, isUtf8, transcode, resolveObjectURL: () => undefined,
  };
  return { default: { ...exports }, ...exports };
})
