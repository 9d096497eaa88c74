(function (host, global, internals) {
  'use strict';
  // FormData, and the multipart/form-data and application/x-www-form-urlencoded codecs that Request/Response use.

  const encoder = new TextEncoder();
  const decoder = new TextDecoder();

  function toEntryValue(name, value, filename) {
    const { Blob, File } = global;
    if (value instanceof Blob) {
      if (value instanceof File && filename === undefined) return value;
      // workerd names a Blob appended without a filename after its field (the standard says "blob")
      return new File([value], filename === undefined ? (value instanceof File ? value.name : String(name)) : String(filename),
        { type: value.type });
    }
    return String(value);
  }

  class FormData {
    #entries = [];
    constructor(form = undefined) {
      if (form !== undefined) throw new TypeError("Failed to construct 'FormData': parameter 1 is not of type 'HTMLFormElement'.");
    }
    append(name, value, filename = undefined) {
      this.#entries.push([String(name), toEntryValue(name, value, filename)]);
    }
    set(name, value, filename = undefined) {
      name = String(name);
      const entry = [name, toEntryValue(name, value, filename)];
      const i = this.#entries.findIndex(([n]) => n === name);
      if (i < 0) { this.#entries.push(entry); return; }
      this.#entries[i] = entry;
      this.#entries = this.#entries.filter(([n], j) => j <= i || n !== name);
    }
    get(name) {
      name = String(name);
      const e = this.#entries.find(([n]) => n === name);
      return e === undefined ? null : e[1];
    }
    getAll(name) {
      name = String(name);
      return this.#entries.filter(([n]) => n === name).map(([, v]) => v);
    }
    has(name) { name = String(name); return this.#entries.some(([n]) => n === name); }
    delete(name) { name = String(name); this.#entries = this.#entries.filter(([n]) => n !== name); }
    forEach(callback, thisArg = undefined) { for (const [k, v] of this) callback.call(thisArg, v, k, this); }
    *entries() { for (let i = 0; i < this.#entries.length; i++) yield [this.#entries[i][0], this.#entries[i][1]]; }
    *keys() { for (const [k] of this.entries()) yield k; }
    *values() { for (const [, v] of this.entries()) yield v; }
    [Symbol.iterator]() { return this.entries(); }
    get [Symbol.toStringTag]() { return 'FormData'; }
  }

  const escapeName = (s) => s.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');

  /** [bytes, content type] of a FormData as multipart/form-data. */
  internals.encodeFormData = (fd) => {
    const boundary = '----MiniflareFormBoundary' + Math.random().toString(16).slice(2) + Math.random().toString(16).slice(2);
    const parts = [];
    for (const [name, value] of fd) {
      let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(name)}"`;
      if (typeof value === 'string') {
        parts.push(encoder.encode(`${head}\r\n\r\n${value.replace(/\r?\n|\r/g, '\r\n')}\r\n`));
      } else {
        head += `; filename="${escapeName(value.name)}"\r\nContent-Type: ${value.type || 'application/octet-stream'}\r\n\r\n`;
        parts.push(encoder.encode(head), global.Blob.__bytes(value), encoder.encode('\r\n'));
      }
    }
    parts.push(encoder.encode(`--${boundary}--\r\n`));
    let total = 0;
    for (const p of parts) total += p.byteLength;
    const out = new Uint8Array(total);
    let off = 0;
    for (const p of parts) { out.set(p, off); off += p.byteLength; }
    return [out, `multipart/form-data; boundary=${boundary}`];
  };

  function indexOf(bytes, pattern, from) {
    outer: for (let i = from; i <= bytes.length - pattern.length; i++) {
      for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
      return i;
    }
    return -1;
  }

  function param(header, key) {
    const m = new RegExp(`;\\s*${key}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header) || new RegExp(`;\\s*${key}=([^;\\s]+)`, 'i').exec(header);
    return m === null ? null : m[1];
  }

  /** Parses a body as FormData according to its content type. */
  internals.decodeFormData = (bytes, contentType) => {
    const fd = new FormData();
    const type = contentType.toLowerCase();
    if (type.startsWith('application/x-www-form-urlencoded')) {
      for (const [k, v] of new global.URLSearchParams(decoder.decode(bytes))) fd.append(k, v);
      return fd;
    }
    if (!type.startsWith('multipart/form-data')) {
      throw new TypeError('Unrecognized Content-Type header value. FormData can only parse the following MIME types: multipart/form-data, application/x-www-form-urlencoded');
    }
    const boundary = param(contentType, 'boundary');
    if (boundary === null) {
      throw new TypeError('No boundary string in Content-Type header. The multipart/form-data MIME type requires a'
        + ` boundary parameter, e.g. 'Content-Type: multipart/form-data; boundary="abcd"'. See RFC 7578, section 4.`);
    }
    const delimiter = encoder.encode(`--${boundary}`);
    let pos = indexOf(bytes, delimiter, 0);
    if (pos < 0) throw new TypeError('No initial boundary string (or you have a truncated message).');
    for (;;) {
      pos += delimiter.length;
      if (bytes[pos] === 0x2d && bytes[pos + 1] === 0x2d) break; // closing delimiter
      pos += 2; // CRLF
      const headerEnd = indexOf(bytes, encoder.encode('\r\n\r\n'), pos);
      if (headerEnd < 0) throw new TypeError('Malformed multipart/form-data: no end of part headers.');
      const headers = decoder.decode(bytes.subarray(pos, headerEnd)).split('\r\n');
      const next = indexOf(bytes, encoder.encode(`\r\n--${boundary}`), headerEnd + 4);
      if (next < 0) throw new TypeError('Malformed multipart/form-data: no closing boundary.');
      const body = bytes.slice(headerEnd + 4, next);
      let disposition = '';
      let partType = '';
      for (const h of headers) {
        const colon = h.indexOf(':');
        const name = h.slice(0, colon).trim().toLowerCase();
        if (name === 'content-disposition') disposition = h.slice(colon + 1);
        else if (name === 'content-type') partType = h.slice(colon + 1).trim();
      }
      const name = param(disposition, 'name');
      const filename = param(disposition, 'filename');
      if (name !== null) {
        if (filename !== null) fd.append(name, new global.File([body], filename, { type: partType }));
        else fd.append(name, decoder.decode(body));
      }
      pos = next + 2;
    }
    return fd;
  };

  return { FormData };
})
