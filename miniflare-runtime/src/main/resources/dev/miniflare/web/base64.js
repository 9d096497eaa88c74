(function (host, global) {
  'use strict';
  // atob/btoa as workerd has them (simdutf, WHATWG forgiving-base64).
  const CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let table = null; // char code -> 6-bit value, -1 if not in the alphabet
  const str = (v) => (typeof v === 'string' ? v : `${v}`);
  const fail = (message) => {
    throw new global.DOMException(message, 'InvalidCharacterError');
  };
  const fromCodes = (codes, n) => {
    let out = '';
    for (let i = 0; i < n; i += 8192) out += String.fromCharCode.apply(null, codes.subarray(i, Math.min(n, i + 8192)));
    return out;
  };

  function btoa(data) {
    data = str(data);
    const n = data.length;
    const out = new Uint8Array(Math.ceil(n / 3) * 4);
    let o = 0;
    for (let i = 0; i < n; i += 3) {
      const a = data.charCodeAt(i), b = i + 1 < n ? data.charCodeAt(i + 1) : 0, c = i + 2 < n ? data.charCodeAt(i + 2) : 0;
      if ((a | b | c) > 0xff) {
        fail('btoa() can only operate on characters in the Latin1 (ISO/IEC 8859-1) range.');
      }
      out[o++] = CHARS.charCodeAt(a >> 2);
      out[o++] = CHARS.charCodeAt(((a & 3) << 4) | (b >> 4));
      out[o++] = i + 1 < n ? CHARS.charCodeAt(((b & 15) << 2) | (c >> 6)) : 61;
      out[o++] = i + 2 < n ? CHARS.charCodeAt(c & 63) : 61;
    }
    return fromCodes(out, o);
  }

  function atob(data) {
    data = str(data);
    if (table === null) {
      table = new Int8Array(128).fill(-1);
      for (let i = 0; i < 64; i++) table[CHARS.charCodeAt(i)] = i;
    }
    const invalid = () => fail("atob() called with invalid base64-encoded data. (Only whitespace, '+', '/', alphanumeric " +
      "ASCII, and up to two terminal '=' signs when the input data length is divisible by 4 are allowed.)");
    // Strip ASCII whitespace, validate, and note the position of trailing '=' signs.
    const n = data.length;
    const sextets = new Uint8Array(n);
    let len = 0, pad = 0;
    for (let i = 0; i < n; i++) {
      const c = data.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d) continue;
      if (c === 61) { pad++; continue; }
      if (pad > 0 || c > 127 || table[c] < 0) invalid();
      sextets[len++] = table[c];
    }
    if (pad > 0 && (pad > 2 || (len + pad) % 4 !== 0)) invalid();
    if (len % 4 === 1) invalid();
    const out = new Uint8Array((len >> 2) * 3 + ((len & 3) === 0 ? 0 : (len & 3) - 1));
    let o = 0, i = 0;
    for (; i + 4 <= len; i += 4) {
      const v = (sextets[i] << 18) | (sextets[i + 1] << 12) | (sextets[i + 2] << 6) | sextets[i + 3];
      out[o++] = v >> 16;
      out[o++] = (v >> 8) & 255;
      out[o++] = v & 255;
    }
    if (len - i === 2) {
      out[o++] = (sextets[i] << 2) | (sextets[i + 1] >> 4);
    } else if (len - i === 3) {
      out[o++] = (sextets[i] << 2) | (sextets[i + 1] >> 4);
      out[o++] = ((sextets[i + 1] & 15) << 4) | (sextets[i + 2] >> 2);
    }
    return fromCodes(out, o);
  }

  return { atob, btoa };
})
