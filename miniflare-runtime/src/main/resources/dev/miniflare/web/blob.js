(function (host, global) {
  'use strict';
  // Blob and File as workerd has them (src/workerd/api/blob.c++). The bytes live in one immutable Uint8Array;
  // slices are views on their parent's bytes.
  const EMPTY = new Uint8Array(0);
  let encoder = null, decoder = null, bytesOf;
  const str = (v) => (typeof v === 'string' ? v : `${v}`);

  // workerd lower-cases A-Z and discards the type if any UTF-8 byte is < 0x20 or >= 0x80.
  function normalizeType(type) {
    if (type === undefined) return '';
    type = str(type);
    for (let i = 0; i < type.length; i++) {
      const c = type.charCodeAt(i);
      if (c < 0x20 || c > 0x7f) return '';
    }
    return type.toLowerCase();
  }

  function readOptions(options, cls) {
    if (options === undefined || options === null) return undefined;
    if (typeof options !== 'object' && typeof options !== 'function') {
      throw new TypeError(`Failed to construct '${cls}': constructor parameter ${cls === 'File' ? 3 : 2} is not of type 'Options'.`);
    }
    if (options.endings !== undefined) throw new Error("The 'endings' field on 'Options' is not implemented.");
    return options;
  }

  function concat(bits, cls) {
    if (bits === undefined) return EMPTY;
    if (!Array.isArray(bits)) {
      throw new TypeError(`Failed to construct '${cls}': constructor parameter 1 is not of type 'Array'.`);
    }
    if (bits.length === 1 && bits[0] instanceof Blob) return bytesOf(bits[0]); // share the parent's bytes
    const parts = new Array(bits.length);
    let size = 0;
    for (let i = 0; i < bits.length; i++) {
      const part = bits[i];
      let bytes;
      if (part instanceof Blob) {
        bytes = bytesOf(part);
      } else if (ArrayBuffer.isView(part)) {
        bytes = new Uint8Array(part.buffer, part.byteOffset, part.byteLength);
      } else if (part instanceof ArrayBuffer) {
        bytes = new Uint8Array(part);
      } else {
        if (encoder === null) encoder = new TextEncoder();
        bytes = encoder.encode(str(part));
      }
      parts[i] = bytes;
      size += bytes.length;
    }
    if (size === 0) return EMPTY;
    const out = new Uint8Array(size);
    let offset = 0;
    for (let i = 0; i < parts.length; i++) {
      out.set(parts[i], offset);
      offset += parts[i].length;
    }
    return out;
  }

  function toInt(v, dflt) {
    if (v === undefined) return dflt;
    v = Number(v);
    if (!Number.isFinite(v)) return 0;
    if (v > 2147483647 || v < -2147483648) {
      throw new TypeError('Value out of range. Must be between -2147483648 and 2147483647 (inclusive).');
    }
    return Math.trunc(v);
  }

  class Blob {
    #bytes;
    #type;
    constructor(bits, options) {
      options = readOptions(options, new.target === File ? 'File' : 'Blob');
      this.#type = options === undefined ? '' : normalizeType(options.type);
      this.#bytes = concat(bits, 'Blob');
    }
    get size() { return this.#bytes.length; }
    get type() { return this.#type; }
    slice(start, end, contentType) {
      const bytes = this.#bytes, size = bytes.length;
      start = toInt(start, 0);
      end = toInt(end, size);
      if (start < 0) start += size;
      if (end < 0) end += size;
      start = Math.max(0, Math.min(start, size));
      end = Math.max(start, Math.min(end, size));
      const blob = new Blob();
      blob.#type = normalizeType(contentType);
      blob.#bytes = start === end ? EMPTY : bytes.subarray(start, end);
      return blob;
    }
    arrayBuffer() {
      try {
        const b = this.#bytes;
        return Promise.resolve(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
      } catch (e) {
        return Promise.reject(e);
      }
    }
    bytes() {
      try {
        return Promise.resolve(this.#bytes.slice());
      } catch (e) {
        return Promise.reject(e);
      }
    }
    text() {
      try {
        if (decoder === null) decoder = new TextDecoder('utf-8', { ignoreBOM: true });
        return Promise.resolve(decoder.decode(this.#bytes));
      } catch (e) {
        return Promise.reject(e);
      }
    }
    stream() {
      const bytes = this.#bytes;
      let done = false;
      return new global.ReadableStream({
        type: 'bytes',
        pull(controller) {
          if (!done && bytes.length > 0) controller.enqueue(bytes.slice());
          done = true;
          controller.close();
        },
      });
    }
    static {
      bytesOf = (blob) => blob.#bytes;
    }
  }
  // For the runtime: the blob's bytes without copying. Callers must not modify them.
  Object.defineProperty(Blob, '__bytes', { value: (blob) => bytesOf(blob), enumerable: false });

  class File extends Blob {
    #name;
    #lastModified;
    constructor(bits, name, options) {
      if (arguments.length < 2) {
        throw new TypeError("Failed to construct 'File': constructor parameter 2 is not of type 'string'.");
      }
      super(bits, options);
      this.#name = str(name);
      const lastModified = options === undefined || options === null ? undefined : options.lastModified;
      if (lastModified === undefined) {
        this.#lastModified = Date.now();
      } else {
        const n = Number(lastModified);
        this.#lastModified = Number.isNaN(n) ? 0 : n;
      }
    }
    get name() { return this.#name; }
    get lastModified() { return this.#lastModified; }
  }

  return { Blob, File };
})
