(function (host, global, internals) {
  'use strict';
  // node:process as workerd has it under nodejs_compat (before enable_nodejs_process_v2): nextTick, env,
  // platform, features, getBuiltinModule and exit.
  const env = {};
  if (host.populateProcessEnv()) {
    // nodejs_compat_populate_process_env: the worker's text bindings (vars and secrets) as variables.
    const bindings = internals.env();
    for (const key of Object.keys(bindings)) {
      if (typeof bindings[key] === 'string') env[key] = bindings[key];
    }
  }
  function nextTick(callback, ...args) {
    if (typeof callback !== 'function') {
      throw internals.nodeErrors.invalidArgType('callback', 'of type function', callback);
    }
    // a microtask, as in workerd (Node runs its tick queue just before the microtasks)
    queueMicrotask(() => callback(...args));
  }
  function getBuiltinModule(id) {
    const name = String(id).startsWith('node:') ? String(id).slice(5) : String(id);
    return internals.nodeModuleAvailable(name) ? internals.nodeModule(name).default : undefined;
  }
  function exit(code) {
    // workerd ends the isolate's current request; here the closest is an uncatchable-looking error for the event
    throw new Error(`process.exit(${code === undefined ? '' : code}) was called; Miniflare for Java does not end the isolate`);
  }
  const process = {
    nextTick, env, exit, getBuiltinModule, platform: 'linux',
    features: { cached_builtins: true, debug: false, inspector: false, ipv6: true, openssl_is_boringssl: true,
      require_module: false, tls: true, tls_alpn: true, tls_ocsp: true, tls_sni: true, typescript: false, uv: true },
  };
  return { default: process, env, exit, features: process.features, getBuiltinModule, nextTick, platform: 'linux' };
})
