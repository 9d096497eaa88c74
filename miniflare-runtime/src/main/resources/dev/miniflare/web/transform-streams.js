(function (host, global, internals) {
  'use strict';
  // workerd's TransformStream subclasses: TextEncoderStream, TextDecoderStream, CompressionStream,
  // DecompressionStream (zlib through the Java host), IdentityTransformStream and FixedLengthStream. Each is
  // built on the global TransformStream (the streams polyfill, loaded on first use of any of them).
  const TransformStream = global.TransformStream;

  const STRING_CHUNK = "This TransformStream is being used as a byte stream, but received a string on its writable side."
    + " If you wish to write a string, you'll probably want to explicitly UTF-8-encode it with TextEncoder.";
  const OBJECT_CHUNK = 'This TransformStream is being used as a byte stream, but received an object of'
    + ' non-ArrayBuffer/ArrayBufferView type on its writable side.';

  // workerd's byte transforms are native streams that take a write at once; a JS TransformStream would hold it
  // until something reads (its readable side starts with backpressure), so theirs gets a one-chunk buffer.
  const NO_INITIAL_BACKPRESSURE = { highWaterMark: 1 };

  /** The chunk's bytes as a Uint8Array view, or a TypeError as workerd words it for byte streams. */
  function bytesOf(chunk, notBytesMessage) {
    const bytes = internals.bufferSourceBytes(chunk);
    if (bytes !== null) return bytes;
    throw new TypeError(notBytesMessage !== undefined ? notBytesMessage
      : typeof chunk === 'string' ? STRING_CHUNK : OBJECT_CHUNK);
  }

  class TextEncoderStream extends TransformStream {
    constructor() {
      const encoder = new TextEncoder();
      let pendingHigh = '';
      super({
        transform(chunk, controller) {
          let text = pendingHigh + String(chunk);
          pendingHigh = '';
          const last = text.charCodeAt(text.length - 1);
          if (last >= 0xd800 && last <= 0xdbff) { // a surrogate pair may be split across chunks
            pendingHigh = text[text.length - 1];
            text = text.slice(0, -1);
          }
          if (text.length > 0) controller.enqueue(encoder.encode(text));
        },
        flush(controller) {
          if (pendingHigh !== '') controller.enqueue(new Uint8Array([0xef, 0xbf, 0xbd]));
        },
      });
    }
    get encoding() { return 'utf-8'; }
  }

  class TextDecoderStream extends TransformStream {
    #decoder;
    constructor(label = 'utf-8', options = undefined) {
      const decoder = new TextDecoder(label, options);
      super({
        transform(chunk, controller) {
          const text = decoder.decode(bytesOf(chunk,
            'This TransformStream is being used as a byte stream, but received a value that is not a BufferSource.'),
          { stream: true });
          if (text.length > 0) controller.enqueue(text);
        },
        flush(controller) {
          const text = decoder.decode();
          if (text.length > 0) controller.enqueue(text);
        },
      });
      this.#decoder = decoder;
    }
    get encoding() { return this.#decoder.encoding; }
    get fatal() { return this.#decoder.fatal; }
    get ignoreBOM() { return this.#decoder.ignoreBOM; }
  }

  const FORMATS = new Set(['gzip', 'deflate', 'deflate-raw']);
  function codecTransformer(codec) {
    const emit = (out, controller) => {
      if (out === null) throw new TypeError(codec.error());
      const bytes = new Uint8Array(out); // a copy of the host buffer
      if (bytes.length > 0) controller.enqueue(bytes);
    };
    return {
      transform(chunk, controller) {
        const bytes = bytesOf(chunk);
        emit(codec.write(bytes.buffer, bytes.byteOffset, bytes.byteLength), controller);
      },
      flush(controller) {
        emit(codec.finish(), controller);
      },
    };
  }
  function checkFormat(format) {
    format = String(format);
    if (!FORMATS.has(format)) {
      throw new TypeError("The compression format must be either 'deflate', 'deflate-raw' or 'gzip'.");
    }
    return format;
  }

  class CompressionStream extends TransformStream {
    constructor(format) {
      super(codecTransformer(host.compressor(checkFormat(format))), undefined, NO_INITIAL_BACKPRESSURE);
    }
  }

  class DecompressionStream extends TransformStream {
    constructor(format) {
      super(codecTransformer(host.decompressor(checkFormat(format))), undefined, NO_INITIAL_BACKPRESSURE);
    }
  }

  class IdentityTransformStream extends TransformStream {
    constructor() {
      super({ transform(chunk, controller) { controller.enqueue(bytesOf(chunk).slice()); } }, undefined,
        NO_INITIAL_BACKPRESSURE);
    }
  }

  class FixedLengthStream extends TransformStream {
    constructor(expectedLength) {
      let expected = expectedLength;
      if (typeof expected === 'bigint') expected = Number(expected);
      if (typeof expected !== 'number' || !Number.isInteger(expected)) {
        throw new TypeError('The value cannot be converted because it is not an integer.');
      }
      if (expected < 0) {
        throw new TypeError('The value cannot be converted because it is negative and this API expects a positive bigint.');
      }
      if (expected >= 2 ** 53) throw new TypeError('FixedLengthStream requires an integer expected length less than 2^53.');
      let seen = 0;
      super({
        transform(chunk, controller) {
          const bytes = bytesOf(chunk);
          seen += bytes.byteLength;
          if (seen > expected) {
            controller.error(new TypeError('Attempt to write too many bytes through a FixedLengthStream.'));
            return;
          }
          controller.enqueue(bytes.slice());
        },
        flush(controller) {
          if (seen < expected) {
            controller.error(new TypeError('FixedLengthStream did not see all expected bytes before close().'));
          }
        },
      }, undefined, NO_INITIAL_BACKPRESSURE);
    }
  }

  // Like workerd's, these objects print as [object Object] (the polyfill's TransformStream has a tag).
  for (const C of [TextEncoderStream, TextDecoderStream, CompressionStream, DecompressionStream,
    IdentityTransformStream, FixedLengthStream]) {
    Object.defineProperty(C.prototype, Symbol.toStringTag, { value: undefined, configurable: true });
  }

  return {
    TextEncoderStream, TextDecoderStream, CompressionStream, DecompressionStream, IdentityTransformStream,
    FixedLengthStream,
  };
})
