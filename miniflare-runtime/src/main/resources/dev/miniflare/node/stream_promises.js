(function (host, global, internals) {
  'use strict';
  // node:stream/promises: pipeline and finished returning promises (node:stream's own)
  const { promises } = internals.nodeModule('stream');
  return { default: { finished: promises.finished, pipeline: promises.pipeline }, finished: promises.finished, pipeline: promises.pipeline, promises };
})
