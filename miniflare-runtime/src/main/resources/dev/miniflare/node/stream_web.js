(function (host, global, internals) {
  'use strict';
  // node:stream/web: the runtime's own WHATWG stream classes (the globals)
  const exports = {};
  for (const name of ['ByteLengthQueuingStrategy', 'CompressionStream', 'CountQueuingStrategy', 'DecompressionStream',
    'ReadableByteStreamController', 'ReadableStream', 'ReadableStreamBYOBReader', 'ReadableStreamBYOBRequest',
    'ReadableStreamDefaultController', 'ReadableStreamDefaultReader', 'TextDecoderStream', 'TextEncoderStream',
    'TransformStream', 'TransformStreamDefaultController', 'WritableStream', 'WritableStreamDefaultController',
    'WritableStreamDefaultWriter']) exports[name] = global[name];
  return { default: { ...exports }, ...exports };
})
