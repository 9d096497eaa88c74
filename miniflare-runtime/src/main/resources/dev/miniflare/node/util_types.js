(function (host, global, internals) {
  'use strict';
  // node:util/types, from what JS can observe. isProxy and isExternal cannot be told from JS (workerd asks V8):
  // they answer false.
  const tag = (v) => Object.prototype.toString.call(v).slice(8, -1);
  const typedArrayTag = (v) => (ArrayBuffer.isView(v) && !(v instanceof DataView) ? v[Symbol.toStringTag] : undefined);
  const brand = (method) => (v) => {
    if (v === null || typeof v !== 'object') return false;
    try { method.call(v); return true; } catch (e) { return false; }
  };
  const isBigIntObject = brand(BigInt.prototype.valueOf);
  const isBooleanObject = brand(Boolean.prototype.valueOf);
  const isNumberObject = brand(Number.prototype.valueOf);
  const isStringObject = brand(String.prototype.valueOf);
  const isSymbolObject = brand(Symbol.prototype.valueOf);
  const mapSize = Object.getOwnPropertyDescriptor(Map.prototype, 'size').get;
  const setSize = Object.getOwnPropertyDescriptor(Set.prototype, 'size').get;
  const byteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;
  const sharedByteLength = typeof SharedArrayBuffer === 'function'
    ? Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, 'byteLength').get : null;
  const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
  const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor;
  const AsyncGeneratorFunction = Object.getPrototypeOf(async function* () {}).constructor;
  const types = {
    isAnyArrayBuffer: (v) => types.isArrayBuffer(v) || types.isSharedArrayBuffer(v),
    isArgumentsObject: (v) => tag(v) === 'Arguments',
    isArrayBuffer: brand(byteLength),
    isArrayBufferView: (v) => ArrayBuffer.isView(v),
    isAsyncFunction: (v) => v instanceof AsyncFunction || v instanceof AsyncGeneratorFunction,
    isBigInt64Array: (v) => typedArrayTag(v) === 'BigInt64Array',
    isBigIntObject,
    isBigUint64Array: (v) => typedArrayTag(v) === 'BigUint64Array',
    isBooleanObject,
    isBoxedPrimitive: (v) => isBigIntObject(v) || isBooleanObject(v) || isNumberObject(v) || isStringObject(v) || isSymbolObject(v),
    isCryptoKey: (v) => typeof CryptoKey === 'function' && v instanceof CryptoKey,
    isDataView: (v) => v instanceof DataView,
    isDate: brand(Date.prototype.getTime),
    isExternal: () => false,
    isFloat16Array: (v) => typedArrayTag(v) === 'Float16Array',
    isFloat32Array: (v) => typedArrayTag(v) === 'Float32Array',
    isFloat64Array: (v) => typedArrayTag(v) === 'Float64Array',
    isGeneratorFunction: (v) => v instanceof GeneratorFunction || v instanceof AsyncGeneratorFunction,
    isGeneratorObject: (v) => tag(v) === 'Generator' || tag(v) === 'AsyncGenerator',
    isInt16Array: (v) => typedArrayTag(v) === 'Int16Array',
    isInt32Array: (v) => typedArrayTag(v) === 'Int32Array',
    isInt8Array: (v) => typedArrayTag(v) === 'Int8Array',
    isKeyObject: (v) => false,
    isMap: brand(mapSize),
    isMapIterator: (v) => tag(v) === 'Map Iterator',
    isModuleNamespaceObject: (v) => v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === null && v[Symbol.toStringTag] === 'Module',
    isNativeError: (v) => v instanceof Error && ['Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError', 'AggregateError'].includes(tag(v) === 'Error' ? Object.getPrototypeOf(v).constructor.name : '') || tag(v) === 'Error',
    isNumberObject,
    isPromise: (v) => v instanceof Promise,
    isProxy: () => false,
    isRegExp: (v) => tag(v) === 'RegExp',
    isSet: brand(setSize),
    isSetIterator: (v) => tag(v) === 'Set Iterator',
    isSharedArrayBuffer: sharedByteLength === null ? () => false : brand(sharedByteLength),
    isStringObject,
    isSymbolObject,
    isTypedArray: (v) => typedArrayTag(v) !== undefined,
    isUint16Array: (v) => typedArrayTag(v) === 'Uint16Array',
    isUint32Array: (v) => typedArrayTag(v) === 'Uint32Array',
    isUint8Array: (v) => typedArrayTag(v) === 'Uint8Array',
    isUint8ClampedArray: (v) => typedArrayTag(v) === 'Uint8ClampedArray',
    isWeakMap: (v) => v instanceof WeakMap,
    isWeakSet: (v) => v instanceof WeakSet,
  };
  return { default: { ...types }, ...types };
})
