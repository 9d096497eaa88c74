(function (host, global, internals) {
  'use strict';
  // node:assert/strict: the functions of node:assert's strict, on an object of its own (on workerd the two are
  // not the same object)
  const { strict } = internals.nodeModule('assert');
  const assertStrict = (...args) => strict(...args);
  Object.assign(assertStrict, strict);
  assertStrict.strict = assertStrict;
  return { default: assertStrict, ...assertStrict };
})
