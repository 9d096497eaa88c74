import dns from "node:dns";
import dnsp from "node:dns/promises";
import net from "node:net";

export default { async fetch() {
  const out = {};
  out.dnsKeys = Object.keys(dns).sort().join();
  out.lookup = await new Promise((r) => { try { dns.lookup("localhost", (e, a, f) => r([e && e.name, e && e.code, e && e.message, a, f])); } catch (e) { r(["threw", e.name, e.code, e.message]) } });
  try { await dnsp.resolve4("example.invalid") } catch (e) { out.resolve = [e.name, e.code, e.message] }
  out.netKeys = Object.keys(net).sort().join();
  out.isIP = [net.isIP("1.2.3.4"), net.isIP("::1"), net.isIP("x"), net.isIPv4("1.2.3.4"), net.isIPv6("1.2.3.4")];
  try { net.createServer() } catch (e) { out.server = [e.name, e.code, e.message] }

  return Response.json(out);
}};
