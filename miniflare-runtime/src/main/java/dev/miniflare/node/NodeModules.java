package dev.miniflare.node;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code node:} built-in modules: which exist for a worker's {@link NodeCompat}, and the ES module text served
 * for each. The text only re-exports what the module's runtime file ({@code dev/miniflare/node/<name>.js}) built,
 * taken through {@code node.js}'s loader; it holds no implementation itself.
 */
public final class NodeModules {
  /** Where the module file system serves {@code node:X}. */
  public static final String PATH_PREFIX = "/__builtin__/node/";

  private static final List<String> PATH_EXPORTS = List.of("basename", "delimiter", "dirname", "extname", "format",
      "isAbsolute", "join", "matchesGlob", "normalize", "parse", "posix", "relative", "resolve", "sep",
      "toNamespacedPath", "win32");

  private static final List<String> UTIL_TYPES = List.of("isAnyArrayBuffer", "isArgumentsObject", "isArrayBuffer",
      "isArrayBufferView", "isAsyncFunction", "isBigInt64Array", "isBigIntObject", "isBigUint64Array",
      "isBooleanObject", "isBoxedPrimitive", "isCryptoKey", "isDataView", "isDate", "isExternal", "isFloat16Array",
      "isFloat32Array", "isFloat64Array", "isGeneratorFunction", "isGeneratorObject", "isInt16Array", "isInt32Array",
      "isInt8Array", "isKeyObject", "isMap", "isMapIterator", "isModuleNamespaceObject", "isNativeError",
      "isNumberObject", "isPromise", "isProxy", "isRegExp", "isSet", "isSetIterator", "isSharedArrayBuffer",
      "isStringObject", "isSymbolObject", "isTypedArray", "isUint16Array", "isUint32Array", "isUint8Array",
      "isUint8ClampedArray", "isWeakMap", "isWeakSet");

  private static final List<String> ASSERT_EXPORTS = List.of("AssertionError", "deepEqual", "deepStrictEqual",
      "doesNotMatch", "doesNotReject", "doesNotThrow", "equal", "fail", "ifError", "match", "notDeepEqual",
      "notDeepStrictEqual", "notEqual", "notStrictEqual", "ok", "partialDeepStrictEqual", "rejects", "strict",
      "strictEqual", "throws");

  private static final List<String> UTIL_EXPORTS = List.of("MIMEParams", "MIMEType", "TextDecoder", "TextEncoder", "_errnoException",
          "_exceptionWithHostPort", "_extend", "aborted", "callbackify", "debug", "debuglog", "deprecate", "format",
          "formatWithOptions", "getCallSite", "getCallSites", "getSystemErrorMap", "getSystemErrorMessage",
          "getSystemErrorName", "inherits", "inspect", "isArray", "isBoolean", "isBuffer", "isDate",
          "isDeepStrictEqual", "isError", "isFunction", "isNull", "isNullOrUndefined", "isNumber", "isObject",
          "isPrimitive", "isRegExp", "isString", "isSymbol", "isUndefined", "log", "parseArgs", "parseEnv",
          "promisify", "stripVTControlCharacters", "styleText", "toUSVString", "transferableAbortController",
          "transferableAbortSignal", "types");

  private static final List<String> DNS_EXPORTS = List.of("ADDRCONFIG", "ADDRGETNETWORKPARAMS", "ALL", "BADFAMILY",
      "BADFLAGS", "BADHINTS", "BADNAME", "BADQUERY", "BADRESP", "BADSTR", "CANCELLED", "CONNREFUSED", "DESTRUCTION",
      "EOF", "FILE", "FORMERR", "LOADIPHLPAPI", "NODATA", "NOMEM", "NONAME", "NOTFOUND", "NOTIMP", "NOTINITIALIZED",
      "REFUSED", "Resolver", "SERVFAIL", "TIMEOUT", "V4MAPPED", "getDefaultResultOrder", "getServers", "lookup",
      "lookupService", "promises", "resolve", "resolve4", "resolve6", "resolveAny", "resolveCaa", "resolveCname",
      "resolveMx", "resolveNaptr", "resolveNs", "resolvePtr", "resolveSoa", "resolveSrv", "resolveTxt", "reverse",
      "setDefaultResultOrder", "setServers");

  /** Implemented modules and their named exports (the default export is always there too). */
  private static final Map<String, List<String>> EXPORTS = Map.ofEntries(
      Map.entry("buffer", List.of("Blob", "Buffer", "File", "INSPECT_MAX_BYTES", "SlowBuffer", "atob", "btoa", "constants",
          "isAscii", "isUtf8", "kMaxLength", "kStringMaxLength", "resolveObjectURL", "transcode")),
      Map.entry("events", List.of("EventEmitter", "EventEmitterAsyncResource", "addAbortListener", "captureRejectionSymbol",
          "captureRejections", "defaultMaxListeners", "errorMonitor", "getEventListeners", "getMaxListeners",
          "listenerCount", "on", "once", "setMaxListeners", "usingDomains")),
      Map.entry("async_hooks", List.of("AsyncLocalStorage", "AsyncResource", "asyncWrapProviders", "createHook",
          "executionAsyncId", "executionAsyncResource", "triggerAsyncId")),
      Map.entry("process", List.of("env", "exit", "features", "getBuiltinModule", "nextTick", "platform")),
      Map.entry("timers", List.of("Timeout", "active", "clearImmediate", "clearInterval", "clearTimeout", "enroll", "promises",
          "setImmediate", "setInterval", "setTimeout", "unenroll")),
      Map.entry("timers/promises", List.of("scheduler", "setImmediate", "setInterval", "setTimeout")),
      Map.entry("path", PATH_EXPORTS),
      Map.entry("path/posix", PATH_EXPORTS),
      Map.entry("path/win32", PATH_EXPORTS),
      Map.entry("string_decoder", List.of("StringDecoder")),
      Map.entry("util", UTIL_EXPORTS),
      Map.entry("util/types", UTIL_TYPES),
      Map.entry("querystring", List.of("decode", "encode", "escape", "parse", "stringify", "unescape",
          "unescapeBuffer")),
      Map.entry("url", List.of("URL", "URLSearchParams", "Url", "domainToASCII", "domainToUnicode", "fileURLToPath",
          "format", "parse", "pathToFileURL", "resolve", "resolveObject", "toPathIfFileURL", "urlToHttpOptions")),
      Map.entry("assert", ASSERT_EXPORTS),
      Map.entry("assert/strict", ASSERT_EXPORTS),
      Map.entry("crypto", List.of("Cipheriv", "Decipheriv", "Hash", "Hmac", "checkPrime", "checkPrimeSync", "constants", "createCipheriv",
          "createDecipheriv", "createDiffieHellman", "createECDH", "createHash", "createHmac", "createPrivateKey",
          "createPublicKey", "createSecretKey", "createSign", "createVerify", "diffieHellman", "generateKey",
          "generateKeyPair", "generateKeyPairSync", "generateKeySync", "generatePrime", "generatePrimeSync",
          "getCiphers", "getCurves", "getFips", "getHashes", "getRandomValues", "hash", "hkdf", "hkdfSync", "pbkdf2",
          "pbkdf2Sync", "privateDecrypt", "privateEncrypt", "prng", "pseudoRandomBytes", "publicDecrypt",
          "publicEncrypt", "randomBytes", "randomFill", "randomFillSync", "randomInt", "randomUUID", "rng", "scrypt",
          "scryptSync", "setFips", "sign", "subtle", "timingSafeEqual", "verify", "webcrypto")),
      Map.entry("diagnostics_channel", List.of("Channel", "channel", "hasSubscribers", "subscribe", "tracingChannel",
          "unsubscribe")),
      Map.entry("module", List.of("Module", "builtinModules", "createRequire", "isBuiltin")),
      Map.entry("stream", List.of("Duplex", "PassThrough", "Readable", "Stream", "Transform", "Writable",
          "_isArrayBufferView", "_isUint8Array", "_uint8ArrayToBuffer", "addAbortSignal", "compose", "destroy",
          "duplexPair", "finished", "getDefaultHighWaterMark", "isDestroyed", "isDisturbed", "isErrored", "isReadable",
          "isWritable", "pipeline", "promises", "setDefaultHighWaterMark")),
      Map.entry("stream/promises", List.of("finished", "pipeline", "promises")),
      Map.entry("stream/web", List.of("ByteLengthQueuingStrategy", "CompressionStream", "CountQueuingStrategy",
          "DecompressionStream", "ReadableByteStreamController", "ReadableStream", "ReadableStreamBYOBReader",
          "ReadableStreamBYOBRequest", "ReadableStreamDefaultController", "ReadableStreamDefaultReader",
          "TextDecoderStream", "TextEncoderStream", "TransformStream", "TransformStreamDefaultController",
          "WritableStream", "WritableStreamDefaultController", "WritableStreamDefaultWriter")),
      Map.entry("stream/consumers", List.of("arrayBuffer", "blob", "buffer", "json", "text")),
      Map.entry("zlib", List.of("BrotliCompress", "BrotliDecompress", "Deflate", "DeflateRaw", "Gunzip", "Gzip",
          "Inflate", "InflateRaw", "Unzip", "brotliCompress", "brotliCompressSync", "brotliDecompress",
          "brotliDecompressSync", "codes", "constants", "crc32", "createBrotliCompress", "createBrotliDecompress",
          "createDeflate", "createDeflateRaw", "createGunzip", "createGzip", "createInflate", "createInflateRaw",
          "createUnzip", "deflate", "deflateRaw", "deflateRawSync", "deflateSync", "gunzip", "gunzipSync", "gzip",
          "gzipSync", "inflate", "inflateRaw", "inflateRawSync", "inflateSync", "unzip", "unzipSync")),
      Map.entry("sys", UTIL_EXPORTS),
      Map.entry("dns", DNS_EXPORTS),
      Map.entry("dns/promises", DNS_EXPORTS),
      Map.entry("net", List.of("BlockList", "Server", "Socket", "SocketAddress", "Stream", "_normalizeArgs", "connect",
          "createConnection", "createServer", "getDefaultAutoSelectFamily",
          "getDefaultAutoSelectFamilyAttemptTimeout", "isIP", "isIPv4", "isIPv6", "setDefaultAutoSelectFamily",
          "setDefaultAutoSelectFamilyAttemptTimeout")));

  /**
   * Modules workerd has under {@code nodejs_compat} that are not implemented here yet: importing one fails with a
   * message saying so, not with workerd's "No such module" (which would suggest a typo).
   */
  private static final Set<String> NOT_YET = Set.of("constants", "test", "tls");

  private NodeModules() {}

  /** Whether workerd knows {@code name} as a Node.js built-in (implemented here or not). */
  public static boolean isBuiltin(String name) {
    return EXPORTS.containsKey(name) || NOT_YET.contains(name);
  }

  /** Whether {@code name} can be imported with these settings (workerd's gating: nodejs_als, nodejs_compat, v2). */
  public static boolean available(String name, NodeCompat compat) {
    if ("async_hooks".equals(name) || "process".equals(name)) {
      return compat.asyncLocalStorage();
    }
    if ("sys".equals(name)) {
      return compat.v2();
    }
    return compat.modules() && isBuiltin(name);
  }

  /** Whether a bare specifier ({@code "buffer"}) names a built-in: only with {@code nodejs_compat_v2}. */
  public static boolean resolvesBare(String specifier, NodeCompat compat) {
    return compat.v2() && isBuiltin(specifier);
  }

  /** The runtime file implementing {@code name}, or null when it is not implemented. */
  static String implementationFile(String name) {
    return EXPORTS.containsKey(name) ? "/dev/miniflare/node/" + name.replace('/', '_') + ".js" : null;
  }

  /**
   * The ES module text served for {@code node:<name>}, or null when the module does not exist for these settings
   * (the caller then reports {@link #missingMessage}).
   */
  public static String source(String name, NodeCompat compat) {
    List<String> names = EXPORTS.get(name);
    if (names == null || !available(name, compat)) {
      return null;
    }
    StringBuilder text = new StringBuilder("const m = globalThis[Symbol.for('miniflare.node')](")
        .append('\'').append(name).append("');\nexport default m.default;\nexport const { ")
        .append(String.join(", ", names)).append(" } = m;\n");
    return text.toString();
  }

  /**
   * Why {@code node:<name>} cannot be imported: workerd's text ({@code No such module "node:x".}), followed, when
   * only a compatibility flag is missing, by Miniflare 4's advice naming the flag to add.
   */
  public static String missingMessage(String name, NodeCompat compat) {
    String noSuchModule = "No such module \"node:" + name + "\".";
    if (isBuiltin(name) && !available(name, compat)) {
      return noSuchModule + "\n"
          + "If you're trying to import a Node.js built-in module, or an npm package that uses Node.js built-ins,"
          + " you'll either need to:\n"
          + "- Bundle your Worker, configuring your bundler to polyfill Node.js built-ins\n"
          + "- Configure your bundler to load Workers-compatible builds by changing the main fields/conditions\n"
          + "- Enable the `nodejs_compat` compatibility flag\n"
          + "- Find an alternative package that doesn't require Node.js built-ins";
    }
    if (NOT_YET.contains(name)) {
      return "node:" + name + " is not supported by Miniflare for Java yet (workerd has it under nodejs_compat)";
    }
    return noSuchModule;
  }
}
