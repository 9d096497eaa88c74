(function (host, global, internals) {
  'use strict';
  // node:util: format and inspect are the console's formatter (web/inspect.js, after Node's); the rest is
  // written here after Node's behaviour as workerd shows it. MIMEType, MIMEParams and parseArgs are missing.
  const { invalidArgType, nodeError } = internals.nodeErrors;
  const types = internals.nodeModule('util/types').default;

  const format = (...args) => internals.__formatConsoleArgs(args);
  const formatWithOptions = (options, ...args) => {
    if (options === null || typeof options !== 'object') throw invalidArgType('inspectOptions', 'of type object', options);
    return format(...args);
  };
  function inspect(value, options) {
    // depth only (default 2, null: no limit); colors, showHidden, compact... are not supported
    let depth = 2;
    if (typeof options === 'object' && options !== null && 'depth' in options) depth = options.depth === null ? Infinity : options.depth;
    return internals.__inspect(value, depth);
  }
  inspect.custom = Symbol.for('nodejs.util.inspect.custom');
  inspect.defaultOptions = { depth: 2, colors: false, showHidden: false, compact: 3, breakLength: 80 };

  const customPromisify = Symbol.for('nodejs.util.promisify.custom');
  function promisify(original) {
    if (typeof original !== 'function') throw invalidArgType('original', 'of type function', original);
    if (original[customPromisify]) {
      const fn = original[customPromisify];
      if (typeof fn !== 'function') throw invalidArgType('util.promisify.custom', 'of type function', fn);
      return Object.defineProperty(fn, customPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
    }
    function fn(...args) {
      return new Promise((resolve, reject) => {
        Reflect.apply(original, this, [...args, (err, ...values) => {
          if (err) return reject(err);
          resolve(values[0]);
        }]);
      });
    }
    Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
    Object.defineProperty(fn, customPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
    return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
  }
  promisify.custom = customPromisify;

  function callbackify(original) {
    if (typeof original !== 'function') throw invalidArgType('original', 'of type function', original);
    function callbackified(...args) {
      const callback = args.pop();
      if (typeof callback !== 'function') throw invalidArgType('last argument', 'of type function', callback);
      const onRejected = (reason) => {
        if (!reason) {
          const err = nodeError(Error, 'ERR_FALSY_VALUE_REJECTION', 'Promise was rejected with falsy value');
          err.reason = reason;
          reason = err;
        }
        queueMicrotask(() => callback(reason));
      };
      Reflect.apply(original, this, args).then((value) => queueMicrotask(() => callback(null, value)), onRejected);
    }
    Object.setPrototypeOf(callbackified, Object.getPrototypeOf(original));
    return callbackified;
  }

  function inherits(ctor, superCtor) {
    if (ctor === undefined || ctor === null) throw invalidArgType('ctor', 'of type function', ctor);
    if (superCtor === undefined || superCtor === null) throw invalidArgType('superCtor', 'of type function', superCtor);
    if (superCtor.prototype === undefined) throw invalidArgType('superCtor.prototype', 'of type object', superCtor.prototype);
    Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
    Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
  }

  function deprecate(fn, message, code) {
    if (typeof fn !== 'function') throw invalidArgType('fn', 'of type function', fn);
    let warned = false;
    return function deprecated(...args) {
      if (!warned) { warned = true; console.warn(`${code ? `[${code}] ` : ''}DeprecationWarning: ${message}`); }
      return new.target ? Reflect.construct(fn, args, new.target) : Reflect.apply(fn, this, args);
    };
  }
  function debuglog() {
    const log = () => {};
    log.enabled = false;
    return log;
  }

  // --- deep strict equality (Node's rules: same prototypes, own enumerable keys, Object.is for primitives) ---
  function isDeepStrictEqual(a, b) { return deepEqual(a, b, new Map()); }
  function deepEqual(a, b, memo) {
    if (Object.is(a, b)) return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    const tagA = Object.prototype.toString.call(a);
    if (tagA !== Object.prototype.toString.call(b)) return false;
    if (memo.get(a) === b) return true;
    memo.set(a, b);
    if (types.isDate(a) && a.getTime() !== b.getTime()) return false;
    if (types.isRegExp(a) && (a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex)) return false;
    if (types.isBoxedPrimitive(a) && !Object.is(a.valueOf(), b.valueOf())) return false;
    if (a instanceof Error && (a.message !== b.message || a.name !== b.name)) return false;
    if (ArrayBuffer.isView(a) || types.isAnyArrayBuffer(a)) {
      const x = ArrayBuffer.isView(a) ? new Uint8Array(a.buffer, a.byteOffset, a.byteLength) : new Uint8Array(a);
      const y = ArrayBuffer.isView(b) ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : new Uint8Array(b);
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    }
    if (types.isMap(a)) {
      if (a.size !== b.size) return false;
      outer: for (const [k, v] of a) {
        if (b.has(k)) { if (!deepEqual(v, b.get(k), memo)) return false; continue; }
        if (typeof k !== 'object' || k === null) return false;
        for (const [k2, v2] of b) if (deepEqual(k, k2, memo) && deepEqual(v, v2, memo)) continue outer;
        return false;
      }
    } else if (types.isSet(a)) {
      if (a.size !== b.size) return false;
      outer: for (const v of a) {
        if (b.has(v)) continue;
        if (typeof v !== 'object' || v === null) return false;
        for (const v2 of b) if (deepEqual(v, v2, memo)) continue outer;
        return false;
      }
    }
    const keysA = ownEnumerableKeys(a);
    const keysB = ownEnumerableKeys(b);
    if (keysA.length !== keysB.length) return false;
    for (const k of keysA) {
      if (!Object.prototype.propertyIsEnumerable.call(b, k)) return false;
      if (ArrayBuffer.isView(a) && typeof k === 'string' && /^\d+$/.test(k)) continue;
      if (!deepEqual(a[k], b[k], memo)) return false;
    }
    return true;
  }
  const ownEnumerableKeys = (o) => Reflect.ownKeys(o).filter((k) => Object.prototype.propertyIsEnumerable.call(o, k));

  function aborted(signal, resource) {
    if (!(signal instanceof AbortSignal)) throw invalidArgType('signal', 'an instance of AbortSignal', signal);
    if (resource === null || (typeof resource !== 'object' && typeof resource !== 'function')) {
      throw invalidArgType('resource', 'of type object', resource);
    }
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  }
  // eslint-disable-next-line no-control-regex
  const ANSI = /[\u001B\u009B][[\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\d/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d/#&.:=?%@~_]*)*)?\u0007)|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-ntqry=><~]))/g;
  const stripVTControlCharacters = (str) => {
    if (typeof str !== 'string') throw invalidArgType('str', 'of type string', str);
    return str.replace(ANSI, '');
  };
  const STYLES = { bold: [1, 22], italic: [3, 23], underline: [4, 24], inverse: [7, 27], red: [31, 39],
    green: [32, 39], yellow: [33, 39], blue: [34, 39], magenta: [35, 39], cyan: [36, 39], white: [37, 39],
    gray: [90, 39], grey: [90, 39], black: [30, 39] };
  function styleText(format, text) {
    if (typeof text !== 'string') throw invalidArgType('text', 'of type string', text);
    let out = text;
    for (const f of Array.isArray(format) ? format : [format]) {
      const codes = STYLES[f];
      if (codes === undefined) throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'format' must be one of: ${Object.keys(STYLES).map((k) => `'${k}'`).join(', ')}. Received '${f}'`);
      out = `\u001b[${codes[0]}m${out}\u001b[${codes[1]}m`;
    }
    return out;
  }
  const notImplemented = (name) => () => { throw nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', `The ${name} method is not implemented`); };

  const util = {
    TextDecoder: global.TextDecoder, TextEncoder: global.TextEncoder,
    _extend(target, source) {
      if (source === null || typeof source !== 'object') return target;
      for (const k of Object.keys(source)) target[k] = source[k];
      return target;
    },
    _errnoException: notImplemented('_errnoException'), _exceptionWithHostPort: notImplemented('_exceptionWithHostPort'),
    aborted, callbackify, debug: debuglog, debuglog, deprecate, format, formatWithOptions,
    getCallSite: () => [], getCallSites: () => [],
    getSystemErrorMap: () => new Map(), getSystemErrorMessage: notImplemented('getSystemErrorMessage'),
    getSystemErrorName: notImplemented('getSystemErrorName'),
    inherits, inspect, isDeepStrictEqual, promisify, stripVTControlCharacters, styleText,
    toUSVString: (s) => String(s).toWellFormed(),
    transferableAbortController: () => new AbortController(),
    transferableAbortSignal: (signal) => signal,
    log: (...args) => console.log(format(...args)),
    parseEnv: notImplemented('parseEnv'), parseArgs: notImplemented('parseArgs'),
    MIMEType: undefined, MIMEParams: undefined,
    // Node's long-deprecated type checks
    isArray: Array.isArray, isBoolean: (v) => typeof v === 'boolean', isBuffer: (v) => internals.nodeModule('buffer').Buffer.isBuffer(v),
    isDate: types.isDate, isError: (v) => v instanceof Error, isFunction: (v) => typeof v === 'function',
    isNull: (v) => v === null, isNullOrUndefined: (v) => v === null || v === undefined,
    isNumber: (v) => typeof v === 'number', isObject: (v) => v !== null && typeof v === 'object',
    isPrimitive: (v) => v === null || (typeof v !== 'object' && typeof v !== 'function'),
    isRegExp: types.isRegExp, isString: (v) => typeof v === 'string', isSymbol: (v) => typeof v === 'symbol',
    isUndefined: (v) => v === undefined,
    types,
  };
  return { default: { ...util }, ...util };
})
