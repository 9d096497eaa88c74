import { Buffer } from "node:buffer";
export default { async fetch() {
  const out = [];
  const b = Buffer.alloc(8);
  for (const m of ["readUInt8", "readInt8", "readUInt16LE", "readInt32BE", "readUInt32LE", "readFloatLE", "readDoubleBE", "readBigUInt64LE", "writeUInt8", "writeUInt16LE", "writeUInt32LE", "writeDoubleLE", "writeBigInt64LE"]) {
    for (const off of [100, 1.5, -1, "1"]) {
      try { m.startsWith("read") ? b[m](off) : b[m](m.includes("Big") ? 1n : 1, off); out.push(m + " " + off + " ok") } catch (e) { out.push(m + " " + off + " " + e.code + " " + e.message) }
    }
  }
  for (const [m, v] of [["writeUInt32LE", 2**32], ["writeInt32LE", -(2**31) - 1], ["writeInt8", 128], ["writeUInt16BE", -1], ["writeBigUInt64LE", -1n], ["writeBigInt64LE", 2n**63n], ["writeUInt8", 1.5], ["writeUInt8", "7"]]) {
    try { b[m](v, 0); out.push(m + " " + v + " ok " + b.toString("hex")) } catch (e) { out.push(m + " " + v + " " + e.code + " " + e.message) }
  }
  try { Buffer.alloc(2).readUInt32LE(); } catch (e) { out.push(e.code + " " + e.message) }
  return new Response(out.join("\n"));
}};
