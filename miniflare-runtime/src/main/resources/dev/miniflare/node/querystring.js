(function (host, global, internals) {
  'use strict';
  // node:querystring, after Node's: escape is encodeURIComponent plus the characters Node also escapes, parse
  // decodes '+' as a space and repeats keys into arrays, stringify drops nothing (null/undefined become '').
  const { Buffer } = internals.nodeModule('buffer');
  function escape(str) {
    return encodeURIComponent(typeof str === 'string' ? str : String(str))
      .replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  }
  function unescapeBuffer(s, decodeSpaces) {
    const text = decodeSpaces ? String(s).replace(/\+/g, ' ') : String(s);
    const bytes = [];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 37 && i + 2 < text.length + 0 && /^[0-9a-fA-F]{2}$/.test(text.substr(i + 1, 2))) {
        bytes.push(parseInt(text.substr(i + 1, 2), 16));
        i += 2;
      } else {
        for (const b of Buffer.from(text[i] + (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length ? text[++i] : ''))) bytes.push(b);
      }
    }
    return Buffer.from(bytes);
  }
  function unescape(s, decodeSpaces) {
    try { return decodeURIComponent(decodeSpaces ? String(s).replace(/\+/g, ' ') : String(s)); } catch (e) { return unescapeBuffer(s, decodeSpaces).toString(); }
  }
  const stringifyPrimitive = (v) => (typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? '' + v
    : typeof v === 'bigint' ? '' + v : typeof v === 'boolean' ? (v ? 'true' : 'false') : '');
  function stringify(obj, sep = '&', eq = '=', options) {
    const encode = (options && typeof options.encodeURIComponent === 'function') ? options.encodeURIComponent : qs.escape;
    if (obj === null || typeof obj !== 'object') return '';
    const parts = [];
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      const ks = encode(stringifyPrimitive(k)) + eq;
      if (Array.isArray(v)) for (const item of v) parts.push(ks + encode(stringifyPrimitive(item)));
      else parts.push(ks + encode(stringifyPrimitive(v)));
    }
    return parts.join(sep);
  }
  function parse(str, sep = '&', eq = '=', options) {
    const obj = Object.create(null);
    if (typeof str !== 'string' || str.length === 0) return obj;
    const maxKeys = options && typeof options.maxKeys === 'number' ? options.maxKeys : 1000;
    const decode = (options && typeof options.decodeURIComponent === 'function') ? options.decodeURIComponent : qs.unescape;
    let pairs = str.split(sep);
    if (maxKeys > 0) pairs = pairs.slice(0, maxKeys);
    for (const pair of pairs) {
      if (pair.length === 0 && pairs.length > 1) continue;
      const at = pair.indexOf(eq);
      const rawKey = at >= 0 ? pair.slice(0, at) : pair;
      const rawValue = at >= 0 ? pair.slice(at + eq.length) : '';
      const k = decode(rawKey.replace(/\+/g, ' '), true);
      const v = decode(rawValue.replace(/\+/g, ' '), true);
      if (!(k in obj)) obj[k] = v;
      else if (Array.isArray(obj[k])) obj[k].push(v);
      else obj[k] = [obj[k], v];
    }
    return obj;
  }
  const qs = { decode: parse, encode: stringify, escape, parse, stringify, unescape, unescapeBuffer };
  return { default: qs, ...qs };
})
