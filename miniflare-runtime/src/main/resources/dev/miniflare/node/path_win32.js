(function (host, global, internals) {
  'use strict';
  // node:path/win32: node:path's win32 (separators only here)
  const { win32 } = internals.nodeModule('path').default;
  return { default: win32, ...win32 };
})
