(function (host, global, internals) {
  'use strict';
  // node:module: createRequire, whose require loads the Node.js built-ins this worker can import (workerd's
  // require cannot load the worker's own files either: "No such module"), isBuiltin and builtinModules.
  const { nodeError } = internals.nodeErrors;
  const BUILTINS = ['assert', 'assert/strict', 'async_hooks', 'buffer', 'crypto', 'diagnostics_channel', 'events',
    'path', 'path/posix', 'path/win32', 'process', 'querystring', 'string_decoder', 'timers', 'timers/promises',
    'url', 'util', 'util/types', 'module'];
  const nameOf = (id) => (String(id).startsWith('node:') ? String(id).slice(5) : String(id));
  const isBuiltin = (id) => internals.nodeModuleAvailable(nameOf(id)) || ['fs', 'os', 'http', 'https', 'net', 'tls',
    'dns', 'zlib', 'stream', 'child_process', 'worker_threads'].includes(nameOf(id));
  function createRequire(path) {
    const text = path instanceof URL ? path.href : path;
    if (typeof text !== 'string' || !(text.startsWith('file:') || text.startsWith('/'))) {
      throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'path' The argument must be a file URL object, a file URL string, or an absolute path string.. Received ${typeof path === 'string' ? `'${path}'` : `'${String(path)}'`}`);
    }
    const base = text.startsWith('file:') ? new URL(text).pathname : text;
    function require(id) {
      const name = nameOf(id);
      if (internals.nodeModuleAvailable(name)) return internals.nodeModule(name);
      if (String(id).startsWith('.') || String(id).startsWith('/')) {
        const resolved = internals.nodeModule('path').default.resolve(base, '..', String(id)).slice(1);
        throw new Error(`No such module "${resolved}".`);
      }
      throw new Error(`No such module "node:${name}".`);
    }
    require.resolve = (id) => { if (internals.nodeModuleAvailable(nameOf(id))) return `node:${nameOf(id)}`; throw new Error(`No such module "${id}".`); };
    require.cache = Object.create(null);
    return require;
  }
  const exports = {
    createRequire, isBuiltin, builtinModules: BUILTINS.slice(),
    Module: function Module() { throw nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The Module method is not implemented'); },
  };
  return { default: { ...exports }, ...exports };
})
