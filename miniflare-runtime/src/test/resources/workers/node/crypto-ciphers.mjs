import { createCipheriv, createDecipheriv, getCiphers } from "node:crypto";
export default { async fetch() {
  const out = {};
  const key = Buffer.alloc(32, 1), iv12 = Buffer.alloc(12, 2), iv16 = Buffer.alloc(16, 3);
  const g = createCipheriv("aes-256-gcm", key, iv12); g.setAAD(Buffer.from("aad"));
  const ct = Buffer.concat([g.update("secret message", "utf8"), g.final()]); const tag = g.getAuthTag();
  out.gcm = [ct.toString("hex"), tag.toString("hex")];
  const d = createDecipheriv("aes-256-gcm", key, iv12); d.setAAD(Buffer.from("aad")); d.setAuthTag(tag);
  out.gcmBack = d.update(ct, undefined, "utf8") + d.final("utf8");
  const bad = createDecipheriv("aes-256-gcm", key, iv12); bad.setAuthTag(Buffer.alloc(16));
  bad.update(ct); try { bad.final(); } catch (e) { out.gcmErr = [e.name, e.code, e.message]; }
  const c = createCipheriv("aes-128-cbc", Buffer.alloc(16, 4), iv16);
  const cbc = c.update("cbc text", "utf8", "base64") + c.final("base64");
  out.cbc = cbc;
  const dc = createDecipheriv("aes-128-cbc", Buffer.alloc(16, 4), iv16);
  out.cbcBack = dc.update(cbc, "base64", "utf8") + dc.final("utf8");
  const r = createCipheriv("aes-192-ctr", Buffer.alloc(24, 5), iv16);
  out.ctr = Buffer.concat([r.update(Buffer.from("counter mode!")), r.final()]).toString("hex");
  const errs = [];
  const t = (f) => { try { f(); errs.push("no error"); } catch (e) { errs.push([e.name, e.code, e.message].join(" / ")); } };
  t(() => createCipheriv("nope-cipher", key, iv16));
  t(() => createCipheriv("aes-256-cbc", Buffer.alloc(5), iv16));
  t(() => createCipheriv("aes-256-cbc", key, Buffer.alloc(5)));
  t(() => { const x = createDecipheriv("aes-128-cbc", Buffer.alloc(16, 4), iv16); x.update(Buffer.alloc(16)); x.final(); });
  t(() => { const x = createCipheriv("aes-128-cbc", Buffer.alloc(16), iv16); x.final(); x.update("a"); });
  out.errs = errs;
  out.ciphers = getCiphers().includes("aes-256-gcm");
  return Response.json(out);
}};
