(function (host, global, internals) {
  'use strict';
  // node:stream/consumers: read a Node stream, a web ReadableStream or any async iterable to the end
  const { Buffer } = internals.nodeModule('buffer');
  async function chunks(stream) {
    const out = [];
    const source = typeof stream[Symbol.asyncIterator] === 'function' ? stream : stream.getReader ? {
      async *[Symbol.asyncIterator]() { const r = stream.getReader(); for (;;) { const { done, value } = await r.read(); if (done) return; yield value; } },
    } : stream;
    for await (const chunk of source) out.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    return out;
  }
  const buffer = async (stream) => Buffer.concat((await chunks(stream)).map((c) => (Buffer.isBuffer(c) ? c : Buffer.from(c.buffer ? new Uint8Array(c.buffer, c.byteOffset, c.byteLength) : c))));
  const arrayBuffer = async (stream) => { const b = await buffer(stream); return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength); };
  const text = async (stream) => new TextDecoder().decode(await buffer(stream));
  const json = async (stream) => JSON.parse(await text(stream));
  const blob = async (stream) => new Blob([await buffer(stream)]);
  const exports = { arrayBuffer, blob, buffer, json, text };
  return { default: { ...exports }, ...exports };
})
