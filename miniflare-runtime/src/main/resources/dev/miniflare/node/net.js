(function (host, global, internals) {
  'use strict';
  // node:net: the address helpers. Sockets (workerd's run over cloudflare:sockets) and servers are not here:
  // they throw, createServer with workerd's text.
  const { nodeError } = internals.nodeErrors;
  const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
  const isIPv4 = (s) => typeof s === 'string' && IPV4.test(s);
  const isIPv6 = (s) => {
    if (typeof s !== 'string' || !s.includes(':')) return false;
    try { return new URL(`http://[${s.replace(/%.*$/, '')}]/`).hostname.length > 2; } catch (e) { return false; }
  };
  const isIP = (s) => (isIPv4(s) ? 4 : isIPv6(s) ? 6 : 0);
  const notImplemented = (name) => function () {
    throw nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', `The ${name} method is not implemented`);
  };
  let autoSelectFamily = true;
  let autoSelectTimeout = 250;
  const exports = {
    isIP, isIPv4, isIPv6,
    createServer() { throw new Error('createServer() is not implemented'); },
    Server: function Server() { throw new Error('Server is not implemented'); },
    connect: notImplemented('connect'), createConnection: notImplemented('createConnection'),
    Socket: notImplemented('Socket'), Stream: notImplemented('Stream'), BlockList: notImplemented('BlockList'),
    SocketAddress: notImplemented('SocketAddress'), _normalizeArgs: notImplemented('_normalizeArgs'),
    getDefaultAutoSelectFamily: () => autoSelectFamily, setDefaultAutoSelectFamily: (v) => { autoSelectFamily = !!v; },
    getDefaultAutoSelectFamilyAttemptTimeout: () => autoSelectTimeout,
    setDefaultAutoSelectFamilyAttemptTimeout: (v) => { autoSelectTimeout = v; },
  };
  return { default: { ...exports }, ...exports };
})
