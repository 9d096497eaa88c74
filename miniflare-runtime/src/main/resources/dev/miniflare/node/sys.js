(function (host, global, internals) {
  'use strict';
  // node:sys (nodejs_compat_v2 only): Node's old name of node:util
  return internals.nodeModule('util');
})
