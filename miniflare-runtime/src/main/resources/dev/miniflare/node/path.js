(function (host, global, internals) {
  'use strict';
  // node:path: Node's POSIX path functions as packaged by path-browserify, with Node's argument checks (the
  // package's own messages differ) and workerd's cwd ("/"). win32 keeps its separators only: its functions are
  // not implemented here.
  const lib = internals.nodeLibrary('path-browserify');
  const { invalidArgType, nodeError } = internals.nodeErrors;
  const checkString = (value, name) => { if (typeof value !== 'string') throw invalidArgType(name, 'of type string', value); };
  const posix = {
    resolve(...paths) { paths.forEach((p, i) => checkString(p, `paths[${i}]`)); return lib.resolve(...paths); },
    normalize(path) { checkString(path, 'path'); return lib.normalize(path); },
    isAbsolute(path) { checkString(path, 'path'); return lib.isAbsolute(path); },
    join(...paths) { paths.forEach((p) => checkString(p, 'path')); return lib.join(...paths); },
    relative(from, to) { checkString(from, 'from'); checkString(to, 'to'); return lib.relative(from, to); },
    toNamespacedPath(path) { return path; },
    dirname(path) { checkString(path, 'path'); return lib.dirname(path); },
    basename(path, ext) {
      if (ext !== undefined) checkString(ext, 'ext');
      checkString(path, 'path');
      return lib.basename(path, ext);
    },
    extname(path) { checkString(path, 'path'); return lib.extname(path); },
    format(pathObject) {
      if (pathObject === null || typeof pathObject !== 'object') throw invalidArgType('pathObject', 'of type object', pathObject);
      return lib.format(pathObject);
    },
    parse(path) { checkString(path, 'path'); return lib.parse(path); },
    matchesGlob() { throw nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The matchesGlob method is not implemented'); },
    sep: '/',
    delimiter: ':',
  };
  const notImplemented = (name) => () => {
    throw nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', `The path.win32.${name} method is not implemented`);
  };
  const win32 = { sep: '\\', delimiter: ';' };
  for (const name of Object.keys(posix)) if (typeof posix[name] === 'function') win32[name] = notImplemented(name);
  posix.posix = posix; posix.win32 = win32;
  win32.posix = posix; win32.win32 = win32;
  return { default: posix, ...posix };
})
