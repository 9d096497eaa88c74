(function (host, global, internals) {
  'use strict';
  // node:path/posix: node:path itself (path.posix === path, as in Node and workerd)
  const path = internals.nodeModule('path').default;
  return { default: path, ...path };
})
