(function (host, global, internals) {
  'use strict';
  // node:timers/promises: the promise forms node:timers builds.
  const { promises } = internals.nodeModule('timers');
  return { default: promises, ...promises };
})
