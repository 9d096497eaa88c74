(function (host, global, internals) {
  'use strict';
  // node:dns/promises: node:dns's promises
  const { promises } = internals.nodeModule('dns');
  return { default: promises, ...promises };
})
