// TextDecoder over the WHATWG legacy encodings; text-decoder-encodings.expected holds workerd's answers
// (Miniflare 4.20260426.0), one "case | answer" line per case.
const all = new Uint8Array(256).map((_, i) => i);
const single = ["windows-1252", "iso-8859-2", "iso-8859-3", "iso-8859-4", "iso-8859-5", "iso-8859-6", "iso-8859-7", "iso-8859-8", "iso-8859-8-i", "iso-8859-10", "iso-8859-13", "iso-8859-14", "iso-8859-15", "iso-8859-16", "koi8-r", "koi8-u", "macintosh", "windows-874", "windows-1250", "windows-1251", "windows-1253", "windows-1254", "windows-1255", "windows-1256", "windows-1257", "windows-1258", "x-mac-cyrillic", "ibm866", "x-user-defined"];
const hex = (s) => [...s].map((c) => c.codePointAt(0).toString(16)).join(".");
export const cases = Object.fromEntries([
  ...single.map((e) => [e.replace(/-/g, "_"), () => { try { return hex(new TextDecoder(e).decode(all)); } catch (x) { return x.name + ": " + x.message; } }]),
  ["gbkStream", () => { const d = new TextDecoder("gbk"); return d.decode(new Uint8Array([0xc4]), { stream: true }) + "|" + d.decode(new Uint8Array([0xe3, 0xba, 0xc3])); }],
  ["gbkTruncated", () => hex(new TextDecoder("gbk").decode(new Uint8Array([0x41, 0xc4])))],
  ["gbkFatal", () => { try { return new TextDecoder("gbk", { fatal: true }).decode(new Uint8Array([0x41, 0xc4])); } catch (x) { return x.name + ": " + x.message; } }],
  ["big5", () => hex(new TextDecoder("big5").decode(new Uint8Array([0xa4, 0x40, 0x87, 0x40])))],
  ["eucjp", () => hex(new TextDecoder("euc-jp").decode(new Uint8Array([0xa4, 0xa2, 0x8e, 0xb1])))],
  ["iso2022jp", () => hex(new TextDecoder("iso-2022-jp").decode(new Uint8Array([0x1b, 0x24, 0x42, 0x24, 0x22, 0x1b, 0x28, 0x42, 0x41])))],
  ["sjis", () => hex(new TextDecoder("shift_jis").decode(new Uint8Array([0x82, 0xa0, 0x87, 0x40, 0xa0, 0x5c, 0x7e])))],
  ["euckr", () => hex(new TextDecoder("euc-kr").decode(new Uint8Array([0xb0, 0xa1, 0x81, 0x41])))],
  ["gb18030four", () => hex(new TextDecoder("gb18030").decode(new Uint8Array([0x81, 0x30, 0x81, 0x30, 0x80])))],
  ["gbk80", () => hex(new TextDecoder("gbk").decode(new Uint8Array([0x80])))],
  ["props", () => { const d = new TextDecoder("latin1", { fatal: true, ignoreBOM: true }); return [d.encoding, d.fatal, d.ignoreBOM].join(","); }],
  ["w1252Fatal", () => { try { return hex(new TextDecoder("windows-1252", { fatal: true }).decode(all)).length; } catch (x) { return x.name + ": " + x.message; } }],
  ["iso88593Fatal", () => { try { return new TextDecoder("iso-8859-3", { fatal: true }).decode(new Uint8Array([0xa5])); } catch (x) { return x.name + ": " + x.message; } }],
  ["decodeString", () => { try { return new TextDecoder("latin1").decode("x"); } catch (x) { return x.name + ": " + x.message; } }],
  ["decodeStringUtf8", () => { try { return new TextDecoder().decode("x"); } catch (x) { return x.name + ": " + x.message; } }],
  ["decodeNull", () => { try { return new TextDecoder().decode(null); } catch (x) { return x.name + ": " + x.message; } }],
]);
export default { async fetch(req, e) { const n = new URL(req.url).pathname.slice(1); if (n === "__names") return new Response(Object.keys(cases).join(",")); return new Response(String(await cases[n]())); } };
