(function (host, global, internals) {
  'use strict';
  // node:stream: Node's own stream implementation as packaged on npm (readable-stream 4, Node 18's lib/stream),
  // fed node:buffer, node:events, node:string_decoder and this runtime's nextTick (a microtask, as on workerd).
  const { nextTick } = internals.nodeModule('process');
  const externals = (id) => {
    switch (id) {
      case 'buffer': return internals.nodeModule('buffer').default;
      case 'events': return internals.nodeModule('events').default;
      case 'string_decoder/': case 'string_decoder': return internals.nodeModule('string_decoder').default;
      case 'abort-controller': return { AbortController: global.AbortController, AbortSignal: global.AbortSignal };
      case 'process/': return streamProcess;
      default: throw new Error(`Cannot find module '${id}'`);
    }
  };
  const streamProcess = Object.freeze({ nextTick, env: {} });
  const load = internals.nodePackage('readable-stream', externals, streamProcess);
  const Stream = load('lib/stream');
  const promises = load('lib/stream/promises');
  const { Readable, Writable, Duplex, Transform, PassThrough } = Stream;
  // Node 18's wording of the chunk check, as workerd (a newer Node) words it
  const newerWording = (e) => {
    if (e && e.code === 'ERR_INVALID_ARG_TYPE' && typeof e.message === 'string') {
      e.message = e.message.replace('an instance of Buffer or Uint8Array', 'an instance of Buffer, TypedArray, or DataView');
    }
    return e;
  };
  for (const proto of [Writable.prototype, Duplex.prototype]) {
    const write = proto.write;
    proto.write = function (chunk, encoding, cb) {
      try { return write.call(this, chunk, encoding, cb); } catch (e) { throw newerWording(e); }
    };
  }
  let defaultHighWaterMark = 16384;
  let defaultObjectHighWaterMark = 16;
  const getDefaultHighWaterMark = (objectMode) => (objectMode ? defaultObjectHighWaterMark : defaultHighWaterMark);
  const setDefaultHighWaterMark = (objectMode, value) => {
    if (objectMode) defaultObjectHighWaterMark = value; else defaultHighWaterMark = value;
  };
  function duplexPair(options) {
    const a = new Duplex({ ...options, read() {}, write(chunk, enc, cb) { b.push(chunk); cb(); }, final(cb) { b.push(null); cb(); } });
    const b = new Duplex({ ...options, read() {}, write(chunk, enc, cb) { a.push(chunk); cb(); }, final(cb) { a.push(null); cb(); } });
    return [a, b];
  }
  const extra = {
    getDefaultHighWaterMark, setDefaultHighWaterMark, duplexPair,
    isDestroyed: Stream.isDestroyed || ((s) => !!(s && s.destroyed)),
    isWritable: Stream.isWritable || ((s) => !!(s && s.writable && !s.destroyed)),
    _isArrayBufferView: ArrayBuffer.isView,
  };
  for (const [k, v] of Object.entries(extra)) if (Stream[k] === undefined) Stream[k] = v;
  const named = {};
  for (const k of ['Duplex', 'PassThrough', 'Readable', 'Stream', 'Transform', 'Writable', '_isArrayBufferView',
    '_isUint8Array', '_uint8ArrayToBuffer', 'addAbortSignal', 'compose', 'destroy', 'duplexPair', 'finished',
    'getDefaultHighWaterMark', 'isDestroyed', 'isDisturbed', 'isErrored', 'isReadable', 'isWritable', 'pipeline',
    'setDefaultHighWaterMark']) named[k] = Stream[k];
  void Readable; void Writable; void Transform; void PassThrough;
  return { default: Stream, ...named, promises };
})
