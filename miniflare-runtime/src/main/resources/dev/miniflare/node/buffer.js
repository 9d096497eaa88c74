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
      if (e instanceof TypeError && (e.message.startsWith('The first argument must be')
          || e.message.startsWith('The "value" argument must not be of type number'))) {
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

  // --- Node's argument checks on the fixed-size reads and writes (the library's own messages differ)
  const addSeparators = (text) => {
    let res = ''; let i = text.length; const start = text[0] === '-' ? 1 : 0;
    for (; i >= start + 4; i -= 3) res = `_${text.slice(i - 3, i)}${res}`;
    return `${text.slice(0, i)}${res}`;
  };
  function outOfRange(name, range, value) {
    let received = String(value);
    if (Number.isInteger(value) && Math.abs(value) > 2 ** 32) received = addSeparators(received);
    else if (typeof value === 'bigint') {
      received = value > 2n ** 32n || value < -(2n ** 32n) ? addSeparators(received) + 'n' : received + 'n';
    }
    return nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be ${range}. Received ${received}`);
  }
  function checkOffset(buf, offset, size) {
    if (typeof offset !== 'number') throw internals.nodeErrors.invalidArgType('offset', 'of type number', offset);
    const last = buf.length - size;
    if (!Number.isInteger(offset)) throw outOfRange('offset', 'an integer', offset);
    if (last < 0) throw nodeError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', 'Attempt to access memory outside buffer bounds');
    // workerd names the buffer's length as the bound whatever the size read (Node names length - size)
    if (offset < 0 || offset > last) throw outOfRange('offset', `>= 0 && <= ${buf.length}`, offset);
  }
  const sizes = { Int8: 1, UInt8: 1, Int16LE: 2, Int16BE: 2, UInt16LE: 2, UInt16BE: 2, Int32LE: 4, Int32BE: 4,
    UInt32LE: 4, UInt32BE: 4, FloatLE: 4, FloatBE: 4, DoubleLE: 8, DoubleBE: 8, BigInt64LE: 8, BigInt64BE: 8,
    BigUInt64LE: 8, BigUInt64BE: 8 };
  function valueRange(kind, size) {
    if (kind.startsWith('Float') || kind.startsWith('Double')) return null;
    const bits = size * 8;
    const unsigned = kind.startsWith('U') || kind.startsWith('BigU');
    if (kind.startsWith('Big')) {
      // (workerd's text, "2 ** 63n" included)
      return unsigned ? [0n, 2n ** 64n - 1n, '>= 0n and < 2n ** 64n'] : [-(2n ** 63n), 2n ** 63n - 1n, '>= -(2n ** 63n) and < 2 ** 63n'];
    }
    const min = unsigned ? 0 : -(2 ** (bits - 1));
    const max = unsigned ? 2 ** bits - 1 : 2 ** (bits - 1) - 1;
    return [min, max, `>= ${min} and <= ${max}`]; // workerd spells out 32-bit bounds too (Node: "< 2 ** 32")
  }
  for (const [kind, size] of Object.entries(sizes)) {
    const names = [kind, kind.replace('UInt', 'Uint')];
    const range = valueRange(kind, size);
    for (const alias of new Set(names)) {
      const read = Buffer.prototype['read' + kind];
      const write = Buffer.prototype['write' + kind];
      if (typeof read === 'function') {
        Buffer.prototype['read' + alias] = Object.defineProperty(function (offset = 0) {
          checkOffset(this, offset, size);
          return read.call(this, offset);
        }, 'name', { value: 'read' + alias });
      }
      if (typeof write === 'function') {
        Buffer.prototype['write' + alias] = Object.defineProperty(function (value, offset = 0) {
          if (range !== null) {
            const v = kind.startsWith('Big') ? value : +value;
            if (kind.startsWith('Big') && typeof value !== 'bigint') throw internals.nodeErrors.invalidArgType('value', 'of type bigint', value);
            if (v < range[0] || v > range[1]) throw outOfRange('value', range[2], value);
          }
          checkOffset(this, offset, size);
          return write.call(this, value, offset);
        }, 'name', { value: 'write' + alias });
      }
    }
  }
  const { concat } = Buffer;
  Buffer.concat = function (list, totalLength) {
    if (!Array.isArray(list)) throw internals.nodeErrors.invalidArgType('list', 'an (Buffer|Uint8Array)[]', list);
    return concat.call(this, list, totalLength);
  };
  for (const name of ['alloc', 'allocUnsafe', 'allocUnsafeSlow']) {
    const original = Buffer[name];
    Buffer[name] = Object.defineProperty(function (size, ...rest) {
      if (typeof size !== 'number') throw internals.nodeErrors.invalidArgType('size', 'of type number', size);
      return original.call(this, size, ...rest);
    }, 'name', { value: name });
  }
  const unknownEncoding = (encoding) => nodeError(TypeError, 'ERR_UNKNOWN_ENCODING', `Unknown encoding: ${encoding}`);

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
      throw unknownEncoding(transcodings.has(String(fromEnc).toLowerCase()) ? toEnc : fromEnc);
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
