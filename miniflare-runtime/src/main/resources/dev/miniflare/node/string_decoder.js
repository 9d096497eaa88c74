(function (host, global, internals) {
  'use strict';
  // node:string_decoder: Node's StringDecoder as packaged on npm (string_decoder), over node:buffer's Buffer,
  // with Node's TypeError/ERR_UNKNOWN_ENCODING for an unknown encoding (the package throws a plain Error).
  const lib = internals.nodeLibrary('string_decoder');
  const { Buffer } = internals.nodeModule('buffer');
  const { nodeError } = internals.nodeErrors;
  class StringDecoder extends lib.StringDecoder {
    constructor(encoding) {
      if (encoding !== undefined && encoding !== null && encoding !== '' && !Buffer.isEncoding(encoding)) {
        throw nodeError(TypeError, 'ERR_UNKNOWN_ENCODING', `Unknown encoding: ${encoding}`);
      }
      super(encoding);
    }
  }
  return { default: { StringDecoder }, StringDecoder };
})
