(function (host, global, internals) {
  'use strict';
  // node:assert as workerd has it: strict comparisons throughout (workerd's assert.equal is strictEqual), Node's
  // AssertionError (code ERR_ASSERTION, operator, generatedMessage) and its messages for primitive values. The
  // multi-line diffs Node prints for objects are shortened here to the two inspected values.
  const util = internals.nodeModule('util').default;
  const { inspect, isDeepStrictEqual } = util;
  const { invalidArgType, nodeError } = internals.nodeErrors;

  class AssertionError extends Error {
    constructor(options) {
      if (options === null || typeof options !== 'object') throw invalidArgType('options', 'of type object', options);
      const { message, actual, expected, operator } = options;
      super(message !== undefined ? String(message) : `${inspect(actual)} ${operator} ${inspect(expected)}`);
      this.generatedMessage = message === undefined;
      this.code = 'ERR_ASSERTION';
      this.actual = actual;
      this.expected = expected;
      this.operator = operator;
      Object.defineProperty(this, 'name', { value: 'AssertionError', writable: true, configurable: true, enumerable: false });
    }
  }
  const diff = (title, actual, expected) => {
    const a = inspect(actual).split('\n').map((l) => `-   ${l}`).join('\n');
    const e = inspect(expected).split('\n').map((l) => `+   ${l}`).join('\n');
    return `${title}\n\n\n[Diff] Actual / Expected\n\n\n${a}\n${e}\n`;
  };
  function fail(actual, expected, message, operator, message2) {
    if (message instanceof Error) throw message;
    throw new AssertionError({ actual, expected, operator, message });
  }
  // workerd reports generatedMessage false for its own messages, except assert.ok's
  function raise(message, props, generated, generatedFlag = false) {
    if (message instanceof Error) throw message;
    const err = new AssertionError({ ...props, message: message === undefined ? generated : message });
    err.generatedMessage = message === undefined && generatedFlag;
    throw err;
  }
  function ok(...args) {
    if (args.length === 0) raise(undefined, { actual: undefined, expected: true, operator: '==' }, 'No value argument passed to `assert.ok()`');
    const [value, message] = args;
    if (!value) raise(message, { actual: value, expected: true, operator: '==' }, `${inspect(value)} == true`, true);
  }
  function strictEqual(actual, expected, message) {
    if (!Object.is(actual, expected)) {
      raise(message, { actual, expected, operator: 'strictEqual' }, diff('Values are not strictly equal:', actual, expected));
    }
  }
  function notStrictEqual(actual, expected, message) {
    if (Object.is(actual, expected)) {
      raise(message, { actual, expected, operator: 'notStrictEqual' }, 'Expected actual to be strictly unequal to expected');
    }
  }
  function deepStrictEqual(actual, expected, message) {
    if (!isDeepStrictEqual(actual, expected)) {
      raise(message, { actual, expected, operator: 'deepStrictEqual' }, diff('Expected values to be strictly deep-equal:', actual, expected));
    }
  }
  function notDeepStrictEqual(actual, expected, message) {
    if (isDeepStrictEqual(actual, expected)) {
      raise(message, { actual, expected, operator: 'notDeepStrictEqual' }, `Expected "actual" not to be strictly deep-equal to: ${inspect(expected)}`);
    }
  }
  function matchesExpected(err, expected, message, operator) {
    if (expected === undefined) return;
    if (typeof expected === 'function') {
      if (expected.prototype !== undefined && err instanceof expected) return;
      if (Error.isPrototypeOf(expected) || expected === Error) {
        raise(message, { actual: err, expected, operator }, `The error is expected to be an instance of "${expected.name}". Received "${err && err.constructor ? err.constructor.name : typeof err}"`);
      }
      if (expected.call({}, err) === true) return;
      raise(message, { actual: err, expected, operator }, `The ${expected.name ? `"${expected.name}" ` : ''}validation function is expected to return "true". Received false`);
    }
    if (expected instanceof RegExp) {
      if (expected.test(String(err))) return;
      raise(message, { actual: err, expected, operator }, `The input did not match the regular expression ${inspect(expected)}. Input:\n\n${inspect(String(err))}\n`);
    }
    if (typeof expected === 'object' && expected !== null) {
      for (const key of Object.keys(expected)) {
        const want = expected[key];
        const got = err == null ? undefined : err[key];
        if (want instanceof RegExp && typeof got === 'string' ? want.test(got) : isDeepStrictEqual(got, want)) continue;
        raise(message, { actual: err, expected, operator }, diff('Expected values to be strictly deep-equal:', got, want));
      }
    }
  }
  const NO_EXCEPTION = Symbol('no exception');
  function throws(fn, expected, message) {
    if (typeof fn !== 'function') throw invalidArgType('fn', 'of type function', fn);
    if (typeof expected === 'string') { message = expected; expected = undefined; }
    let caught = NO_EXCEPTION;
    try { fn(); } catch (e) { caught = e; }
    if (caught === NO_EXCEPTION) {
      raise(message, { actual: undefined, expected, operator: 'throws' }, `Missing expected exception${expected && expected.name ? ` (${expected.name})` : ''}.`);
    }
    matchesExpected(caught, expected, message, 'throws');
  }
  function doesNotThrow(fn, expected, message) {
    if (typeof expected === 'string') { message = expected; expected = undefined; }
    try { fn(); } catch (e) {
      raise(message, { actual: e, expected, operator: 'doesNotThrow' }, `Got unwanted exception.\nActual message: "${e && e.message}"`);
    }
  }
  async function rejects(promiseFn, expected, message) {
    if (typeof expected === 'string') { message = expected; expected = undefined; }
    let caught = NO_EXCEPTION;
    try { await (typeof promiseFn === 'function' ? promiseFn() : promiseFn); } catch (e) { caught = e; }
    if (caught === NO_EXCEPTION) {
      raise(message, { actual: undefined, expected, operator: 'rejects' }, `Missing expected rejection${expected && expected.name ? ` (${expected.name})` : ''}.`);
    }
    matchesExpected(caught, expected, message, 'rejects');
  }
  async function doesNotReject(promiseFn, expected, message) {
    if (typeof expected === 'string') { message = expected; expected = undefined; }
    try { await (typeof promiseFn === 'function' ? promiseFn() : promiseFn); } catch (e) {
      raise(message, { actual: e, expected, operator: 'doesNotReject' }, `Got unwanted rejection.\nActual message: "${e && e.message}"`);
    }
  }
  function match(string, regexp, message) {
    if (!(regexp instanceof RegExp)) throw invalidArgType('regexp', 'an instance of RegExp', regexp);
    if (typeof string !== 'string' || !regexp.test(string)) {
      raise(message, { actual: string, expected: regexp, operator: 'match' }, typeof string !== 'string'
        ? `The "string" argument must be of type string. Received type ${typeof string} (${inspect(string)})`
        : `actual: ${JSON.stringify(string)} expected to match: ${JSON.stringify(String(regexp))}`); // workerd's text
    }
  }
  function doesNotMatch(string, regexp, message) {
    if (!(regexp instanceof RegExp)) throw invalidArgType('regexp', 'an instance of RegExp', regexp);
    if (typeof string === 'string' && regexp.test(string)) {
      raise(message, { actual: string, expected: regexp, operator: 'doesNotMatch' }, `The input was expected to not match the regular expression ${inspect(regexp)}. Input:\n\n${inspect(string)}\n`);
    }
  }
  function ifError(value) {
    if (value !== null && value !== undefined) {
      if (value instanceof Error) throw value;
      raise(undefined, { actual: value, expected: null, operator: 'ifError' }, `ifError got unwanted exception: ${inspect(value)}`);
    }
  }
  function assertFail(message = 'Failed') {
    if (message instanceof Error) throw message;
    const err = new AssertionError({ message, operator: 'fail' });
    err.generatedMessage = false;
    throw err;
  }
  function partialDeepStrictEqual(actual, expected, message) {
    const contains = (a, e) => {
      if (e === null || typeof e !== 'object' || a === null || typeof a !== 'object') return Object.is(a, e) || isDeepStrictEqual(a, e);
      return Object.keys(e).every((k) => contains(a[k], e[k]));
    };
    if (!contains(actual, expected)) {
      raise(message, { actual, expected, operator: 'partialDeepStrictEqual' }, diff('Expected values to be partially and strictly deep-equal:', actual, expected));
    }
  }

  const assert = (...args) => ok(...args);
  Object.assign(assert, {
    AssertionError, deepEqual: deepStrictEqual, deepStrictEqual, doesNotMatch, doesNotReject, doesNotThrow,
    equal: strictEqual, fail: assertFail, ifError, match, notDeepEqual: notDeepStrictEqual, notDeepStrictEqual,
    notEqual: notStrictEqual, notStrictEqual, ok, partialDeepStrictEqual, rejects, strictEqual, throws,
  });
  void fail;
  void nodeError;
  const strict = (...args) => ok(...args);
  Object.assign(strict, assert);
  assert.strict = strict;
  strict.strict = strict;
  const named = { ...assert };
  return { default: assert, ...named, strict };
})
