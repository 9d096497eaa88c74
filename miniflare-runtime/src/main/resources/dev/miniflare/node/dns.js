(function (host, global, internals) {
  'use strict';
  // node:dns: workerd answers queries over DNS-over-HTTPS (a fetch to cloudflare-dns.com); a local simulator makes
  // no such request, so every query fails as workerd's do when that request fails (lookup: ENOTFOUND, resolve*:
  // EBADQUERY, message "query<TYPE> <code> <host>"). The error codes and the rest of the surface are Node's.
  const { invalidArgType, nodeError } = internals.nodeErrors;
  const CODES = ['ADDRCONFIG', 'ADDRGETNETWORKPARAMS', 'ALL', 'BADFAMILY', 'BADFLAGS', 'BADHINTS', 'BADNAME',
    'BADQUERY', 'BADRESP', 'BADSTR', 'CANCELLED', 'CONNREFUSED', 'DESTRUCTION', 'EOF', 'FILE', 'FORMERR',
    'LOADIPHLPAPI', 'NODATA', 'NOMEM', 'NONAME', 'NOTFOUND', 'NOTIMP', 'NOTINITIALIZED', 'REFUSED', 'SERVFAIL',
    'TIMEOUT', 'V4MAPPED'];
  const constants = {};
  for (const c of CODES) constants[c] = ['ADDRCONFIG', 'ALL', 'V4MAPPED'].includes(c) ? { ADDRCONFIG: 1024, ALL: 256, V4MAPPED: 2048 }[c] : 'E' + c;
  const queryError = (type, code, hostname) => {
    const err = new Error(`query${type} ${code} ${hostname}`);
    err.code = code; err.syscall = `query${type}`; err.hostname = hostname;
    return err;
  };
  const checkHost = (hostname) => { if (typeof hostname !== 'string') throw invalidArgType('hostname', 'of type string', hostname); };
  const promises = {
    lookup(hostname) { checkHost(hostname); return Promise.reject(queryError('A', 'ENOTFOUND', hostname)); },
    lookupService() { return Promise.reject(nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The lookupService method is not implemented')); },
    reverse(ip) { return Promise.reject(queryError('PTR', 'EBADQUERY', ip)); },
  };
  const RESOLVERS = { resolve: 'A', resolve4: 'A', resolve6: 'AAAA', resolveAny: 'ANY', resolveCaa: 'CAA',
    resolveCname: 'CNAME', resolveMx: 'MX', resolveNaptr: 'NAPTR', resolveNs: 'NS', resolvePtr: 'PTR',
    resolveSoa: 'SOA', resolveSrv: 'SRV', resolveTxt: 'TXT' };
  for (const [name, type] of Object.entries(RESOLVERS)) {
    promises[name] = (hostname, rrtype) => {
      checkHost(hostname);
      return Promise.reject(queryError(name === 'resolve' && typeof rrtype === 'string' ? rrtype : type, 'EBADQUERY', hostname));
    };
  }
  let order = 'verbatim';
  const settings = {
    getServers: () => ['1.1.1.1', '2606:4700:4700::1111', '1.0.0.1', '2606:4700:4700::1001'],
    setServers: () => {},
    getDefaultResultOrder: () => order,
    setDefaultResultOrder: (value) => { order = value; },
  };
  Object.assign(promises, settings);
  const callbackForm = (fn) => (...args) => {
    const callback = args.pop();
    if (typeof callback !== 'function') throw invalidArgType('callback', 'of type function', callback);
    fn(...args).then((value) => callback(null, value), (err) => callback(err));
  };
  const callbacks = {};
  for (const name of ['lookup', 'lookupService', 'reverse', ...Object.keys(RESOLVERS)]) callbacks[name] = callbackForm(promises[name]);
  class Resolver {
    constructor() { Object.assign(this, callbacks, settings); }
    cancel() {}
  }
  class PromisesResolver {
    constructor() { Object.assign(this, promises); }
    cancel() {}
  }
  promises.Resolver = PromisesResolver;
  Object.assign(promises, constants);
  const exports = { ...constants, ...callbacks, ...settings, Resolver, promises };
  return { default: { ...exports }, ...exports };
})
