import zlib, { gzipSync, gunzipSync, deflateSync, inflateSync, deflateRawSync, inflateRawSync, unzipSync, createGzip, createGunzip, crc32 } from "node:zlib";
import { pipeline } from "node:stream/promises";
import { Readable, Writable } from "node:stream";
export default { async fetch() {
  const out = {};
  const input = Buffer.from("hello hello hello hello zlib");
  out.sync = [gzipSync(input).toString("base64"), deflateSync(input).toString("base64"), deflateRawSync(input).toString("base64"), gunzipSync(gzipSync(input)).toString(), inflateSync(deflateSync("x")).toString(), inflateRawSync(deflateRawSync(input)).toString(), unzipSync(gzipSync("u1")).toString(), unzipSync(deflateSync("u2")).toString()];
  out.cb = await new Promise((res) => zlib.gzip("cb", (err, buf) => zlib.gunzip(buf, (e2, back) => res([err, e2, back.toString()]))));
  try { gunzipSync(Buffer.from("not gzip")) } catch (e) { out.err = [e.name, e.code, e.errno, e.message] }
  try { inflateSync(Buffer.from("nope")) } catch (e) { out.err2 = [e.name, e.code, e.errno, e.message] }
  const chunks = [];
  await pipeline(Readable.from([Buffer.from("str"), Buffer.from("eam")]), createGzip(), createGunzip(), new Writable({ write(c, e, cb) { chunks.push(c.toString()); cb(); } }));
  out.stream = chunks.join("");
  out.crc = typeof crc32 === "function" ? crc32("hello") : "none";
  out.consts = [zlib.constants.Z_OK, zlib.constants.Z_BEST_COMPRESSION, zlib.constants.Z_DATA_ERROR, typeof zlib.brotliCompressSync];
  out.level = gzipSync(input, { level: 9 }).toString("base64");
  try { out.brotli = zlib.brotliDecompressSync(zlib.brotliCompressSync("br")).toString() } catch (e) { out.brotli = e.message }
  return Response.json(out);
}};
