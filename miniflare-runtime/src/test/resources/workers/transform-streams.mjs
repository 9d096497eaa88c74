// Cases for TransformStreamsTest; expected results were recorded on workerd (Miniflare 4.20260426.0).
async function drain(readable) {
  const reader = readable.getReader();
  const out = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out;
    out.push(value);
  }
}
const text = (s) => new Blob([s]).stream();
const bytes = async (readable) => [...new Uint8Array(await new Response(readable).arrayBuffer())];
const attempt = async (f) => { try { return await f(); } catch (e) { return `${e.name}: ${e.message}`; } };
async function writeTo(stream, chunk) {
  drain(stream.readable).catch(() => {});
  return attempt(async () => { await stream.writable.getWriter().write(chunk); return "written"; });
}
export const cases = {
  gzipBytes: async () => (await bytes(text("aaaa").pipeThrough(new CompressionStream("gzip")))).join(" "),
  deflateBytes: async () => (await bytes(text("aaaa").pipeThrough(new CompressionStream("deflate")))).join(" "),
  deflateRawBytes: async () => (await bytes(text("aaaa").pipeThrough(new CompressionStream("deflate-raw")))).join(" "),
  roundTrips: async () => {
    const big = "workers ".repeat(5000);
    const out = [];
    for (const f of ["gzip", "deflate", "deflate-raw"]) {
      out.push(await new Response(text(big).pipeThrough(new CompressionStream(f)).pipeThrough(new DecompressionStream(f))).text() === big);
    }
    return out.join(",");
  },
  decompressByteByByte: async () => {
    const gz = new Uint8Array(await new Response(text("hello world").pipeThrough(new CompressionStream("gzip"))).arrayBuffer());
    const t = new DecompressionStream("gzip");
    const d = drain(t.readable);
    const w = t.writable.getWriter();
    for (const b of gz) w.write(new Uint8Array([b]));
    w.close();
    return new TextDecoder().decode(new Uint8Array((await d).flatMap((p) => [...p])));
  },
  gzipWithFileName: async () => {
    const raw = new Uint8Array(await new Response(text("hi").pipeThrough(new CompressionStream("deflate-raw"))).arrayBuffer());
    const gz = new Uint8Array([31, 139, 8, 8, 0, 0, 0, 0, 0, 3, 97, 0, ...raw, 0xac, 0x2a, 0x93, 0xd8, 2, 0, 0, 0]);
    return new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream("gzip"))).text();
  },
  badFormat: () => attempt(() => new CompressionStream("br")),
  notGzip: () => attempt(() => new Response(new Blob([new Uint8Array([1, 2, 3, 4])]).stream().pipeThrough(new DecompressionStream("gzip"))).text()),
  badCrc: () => attempt(async () => {
    const gz = new Uint8Array(await new Response(text("hi").pipeThrough(new CompressionStream("gzip"))).arrayBuffer());
    gz[gz.length - 8] ^= 1;
    return new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream("gzip"))).text();
  }),
  trailingBytes: () => attempt(async () => {
    const gz = new Uint8Array(await new Response(text("hi").pipeThrough(new CompressionStream("gzip"))).arrayBuffer());
    return new Response(new Blob([new Uint8Array([...gz, 1, 2])]).stream().pipeThrough(new DecompressionStream("gzip"))).text();
  }),
  truncated: () => attempt(async () => {
    const gz = new Uint8Array(await new Response(text("hello").pipeThrough(new CompressionStream("gzip"))).arrayBuffer());
    return new Response(new Blob([gz.slice(0, gz.length - 4)]).stream().pipeThrough(new DecompressionStream("gzip"))).text();
  }),
  empty: () => attempt(() => new Response(text("").pipeThrough(new DecompressionStream("deflate"))).text()),
  compressString: () => writeTo(new CompressionStream("gzip"), "str"),
  compressNumber: () => writeTo(new CompressionStream("gzip"), 5),
  identity: async () => { const t = new IdentityTransformStream(); const w = t.writable.getWriter(); w.write(new Uint8Array([104, 105])); w.close(); return new Response(t.readable).text(); },
  identityString: () => writeTo(new IdentityTransformStream(), "str"),
  fixedLength: async () => { const t = new FixedLengthStream(3); const w = t.writable.getWriter(); w.write(new Uint8Array([1, 2, 3])); w.close(); return (await bytes(t.readable)).join(" "); },
  fixedLengthShort: async () => { const t = new FixedLengthStream(3); const d = drain(t.readable).then(() => "read", (e) => `${e.name}: ${e.message}`); const w = t.writable.getWriter(); await w.write(new Uint8Array([1])); w.close().catch(() => {}); return d; },
  fixedLengthNegative: () => attempt(() => new FixedLengthStream(-1)),
  fixedLengthNotInteger: () => attempt(() => new FixedLengthStream("x")),
  fixedLengthHuge: () => attempt(() => new FixedLengthStream(2 ** 60)),
  textDecoderStream: async () => { const s = new ReadableStream({ start(c) { c.enqueue(new Uint8Array([0xc3])); c.enqueue(new Uint8Array([0xa9, 0x41])); c.close(); } }); return (await drain(s.pipeThrough(new TextDecoderStream()))).join("/"); },
  textDecoderStreamPartial: async () => { const t = new TextDecoderStream(); const d = drain(t.readable); const w = t.writable.getWriter(); w.write(new Uint8Array([0x61, 0xe2, 0x82])); w.close(); return (await d).join("/"); },
  textDecoderStreamFatal: () => attempt(async () => { const s = new ReadableStream({ start(c) { c.enqueue(new Uint8Array([0xff])); c.close(); } }); return drain(s.pipeThrough(new TextDecoderStream("utf-8", { fatal: true }))); }),
  textDecoderStreamString: () => writeTo(new TextDecoderStream(), "str"),
  textDecoderStreamLabel: () => attempt(() => new TextDecoderStream("nope")),
  textEncoderStream: async () => { const s = new ReadableStream({ start(c) { c.enqueue("\ud83d"); c.enqueue("\ude00a"); c.close(); } }); return (await drain(s.pipeThrough(new TextEncoderStream()))).map((c) => [...c].join(" ")).join("/"); },
  textEncoderStreamLoneSurrogate: async () => { const t = new TextEncoderStream(); const d = drain(t.readable); const w = t.writable.getWriter(); w.write("a\ud83d"); w.close(); return (await d).map((c) => [...c].join(" ")).join("/"); },
  textEncoderStreamEmptyAndNumber: async () => { const t = new TextEncoderStream(); const d = drain(t.readable); const w = t.writable.getWriter(); w.write(""); w.write(5); w.close(); return (await d).map((c) => [...c].join(" ")).join("/"); },
  properties: () => { const d = new TextDecoderStream("utf-16le", { fatal: true, ignoreBOM: true }); return [new TextEncoderStream().encoding, d.encoding, d.fatal, d.ignoreBOM].join(","); },
  areTransformStreams: () => ["TextEncoderStream", "TextDecoderStream", "CompressionStream", "DecompressionStream", "IdentityTransformStream", "FixedLengthStream"]
    .map((n) => { const o = n === "FixedLengthStream" ? new FixedLengthStream(1) : new globalThis[n](n.includes("ompression") ? "gzip" : undefined); return (o instanceof TransformStream) + Object.prototype.toString.call(o); }).join(","),
};

export default {
  async fetch(request) {
    return new Response(String(await cases[new URL(request.url).pathname.slice(1)]()));
  },
};
