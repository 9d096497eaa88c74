package dev.miniflare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Small behaviours found by running the same worker on workerd (Miniflare 4.20260426.0) and here; the expected
 * texts are workerd's answers. Where GraalJS cannot give workerd's exact text the row says so.
 */
class WorkerdParityTest {
  private static Miniflare mf;

  @BeforeAll
  static void start() {
    mf = Miniflare.builder().port(-1).worker(w -> w.modules(true).compatibilityDate("2024-09-23")
        .scriptPath(Path.of("src/test/resources/workers/workerd-parity.mjs")).kvNamespace("KV", "kv")
        .durableObject("NO_ALARM", "NoAlarm").durableObject("WITH_ALARM", "WithAlarm")).build();
  }

  @AfterAll
  static void stop() {
    mf.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "methodLowerPatch | error: TypeError: Invalid HTTP method string: patch",
      "methodUpperPatch | ok: PATCH",
      "methodMixedGet | ok: GET",
      "methodPurge | ok: PURGE",
      "methodConnect | error: TypeError: Invalid HTTP method string: CONNECT",
      "methodCustom | error: TypeError: Invalid HTTP method string: FOO",
      "methodMSearch | error: TypeError: Invalid HTTP method string: M-SEARCH",
      "requestRelativeUrl | error: TypeError: Invalid URL: /x",
      "urlRelative | error: TypeError: Invalid URL string.",
      "redirectBadStatus | error: RangeError: 200 is not a redirect status code. It must be one of: 301, 302, 303, 307, or 308.",
      "redirectBadUrl | error: TypeError: Unable to parse URL: nope",
      "nullBodyStatus | error: TypeError: Response with null body status (101, 204, 205, or 304) cannot have a body.",
      "nullBodyStatusEmpty | ok: 304",
      "nullBodyStatusEmptyBytes | ok: 204",
      "setTimeoutString | error: TypeError: Failed to execute 'setTimeout' on 'ServiceWorkerGlobalScope': parameter 1 is not of type 'function'.",
      "setIntervalString | error: TypeError: Failed to execute 'setInterval' on 'ServiceWorkerGlobalScope': parameter 1 is not of type 'function'.",
      "queueMicrotaskString | error: TypeError: Failed to execute 'queueMicrotask' on 'ServiceWorkerGlobalScope': parameter 1 is not of type 'function'.",
      "kvPutObject | error: TypeError: KV put() accepts only strings, ArrayBuffers, ArrayBufferViews, and ReadableStreams as values.",
      "kvPutArray | error: TypeError: KV put() accepts only strings, ArrayBuffers, ArrayBufferViews, and ReadableStreams as values.",
      "kvPutPrimitives | ok: 5,undefined,null",
      "kvGetMissingBadType | ok: null",
      "kvGetBadType | `error: TypeError: Unknown response type. Possible types are \"text\", \"arrayBuffer\", \"json\", and \"stream\".`",
      "randomNotAView | error: TypeError: Failed to execute 'getRandomValues' on 'Crypto': parameter 1 is not of type 'JsArrayBufferView'.",
      "randomFloatView | error: TypeMismatchError: ArrayBufferView argument to getRandomValues() must be an integer-typed view.",
      "randomDataView | error: TypeMismatchError: ArrayBufferView argument to getRandomValues() must be an integer-typed view.",
      "randomTooBig | error: QuotaExceededError: getRandomValues() only accepts buffers of size <= 64K but provided 65540 bytes.",
      "randomBigInt | ok: BigInt64Array",
      "timeZone | `ok: UTC,0,0,1/1/1970, UTC`",
      "redirectHeadersImmutable | error: TypeError: Can't modify immutable headers.",
      "errorHeadersMutable | ok: b",
      "headersIterationSnapshot | ok: a1 b2 c3",
      "formDataNoBoundary | `error: TypeError: No boundary string in Content-Type header. The multipart/form-data MIME type requires a boundary parameter, e.g. 'Content-Type: multipart/form-data; boundary=\"abcd\"'. See RFC 7578, section 4.`",
      "digestString | error: TypeError: Failed to execute 'digest' on 'SubtleCrypto': parameter 2 is not of type 'Array'.",
      "encryptString | error: TypeError: Failed to execute 'encrypt' on 'SubtleCrypto': parameter 3 is not of type 'Array'.",
      "timingSafeEqualString | error: TypeError: Failed to execute 'timingSafeEqual' on 'SubtleCrypto': parameter 1 is not of type 'JsBufferSource'.",
      "importKeyString | error: TypeError: Failed to execute 'importKey' on 'SubtleCrypto': parameter 2 is not of type 'ArrayBuffer or ArrayBufferView or JsonWebKey'.",
      "importKeyObjectAsRaw | `error: TypeError: Import data provided for \"raw\", \"pkcs8\", or \"spki\" import formats must be a buffer source.`",
      "kvBulkStreamType | `error: Error: KV GET_BULK failed: 400 \"stream\" is not a valid type. Use \"json\" or \"text\"`",
      "kvBulkEmpty | error: Error: KV GET_BULK failed: 400 You must request a minimum of 1 key",
      "kvBulkTooMany | error: Error: KV GET_BULK failed: 400 You can request a maximum of 100 keys",
      "kvBulkEmptyKey | error: Error: KV GET_BULK failed: 400 Key names must not be empty",
      "kvBulkNotJson | error: Error: KV GET_BULK failed: 400 At least one of the requested keys corresponds to a non-json value",
      "kvBulkWithMetadata | `ok: [[\"m\",{\"value\":\"v\",\"metadata\":{\"x\":1}}],[\"missing\",null]]`",
      "kvBulkJson | `ok: [[\"j\",{\"a\":1}],[\"missing\",null]]`",
      "kvCacheTtl | error: Error: KV GET failed: 400 Invalid cache_ttl of 10. Cache TTL must be at least 30.",
      "fetchFtp | error: TypeError: Fetch API cannot load: ftp://x/",
      "setAlarmWithoutHandler | error: TypeError: Your Durable Object class must have an alarm() handler in order to call setAlarm()",
      "setAlarmString | error: TypeError: Failed to execute 'setAlarm' on 'DurableObjectStorage': parameter 1 is not of type 'date'.",
      "setAlarmNaN | error: TypeError: The value cannot be converted because it is not a valid Date.",
      "setAlarmDate | ok: 4102444800000",
      "hiddenGlobals | ok: WeakRef:undefined FinalizationRegistry:undefined arguments:undefined ExecutionContext:undefined __formatConsoleArgs:undefined Polyglot:undefined Java:undefined",
      "originAndReportError | `ok: string,null,function`",
      "unhandledRejectionEvent | ok: PromiseRejectionEvent:Error: x:object:false",
      "errorEvent | `ok: error,m,f,1,2,5,true`",
      "messageEvent | `ok: message,{\"a\":1},true`",
      "closeEvent | `ok: close,1000,bye,true`",
      "promiseRejectionEventConstructor | error: TypeError: Illegal constructor",
      "streamOfStrings | error: TypeError: This ReadableStream did not return bytes.",
      "lockedBody | error: TypeError: This ReadableStream is currently locked to a reader.",
      "cloneAfterUse | `error: TypeError: This ReadableStream is currently locked to a reader,`",
      "textAfterUse | error: TypeError: Body has already been used. It can only be used once. Use tee() first if you need to read it twice.",
      "redirectModeError | `error: TypeError: Invalid redirect value, must be one of \"follow\" or \"manual\" (\"error\" won't be implemented since it does not make sense at the edge; use \"manual\" and check the response status code).`",
      "integrity | error: TypeError: Subrequest integrity checking is not implemented. The integrity option must be either undefined or an empty string.",
      "statusTextNewline | error: TypeError: Invalid statusText",
      "statusTextLatin1 | ok: café",
      "headersBadPair | `error: TypeError: To initialize a Headers object from a sequence, each inner sequence must have exactly two elements.`",
      "fileWithoutName | `error: TypeError: Failed to construct 'File': constructor parameter 2 is not of type 'string'.`",
      "formDataBlobName | ok: field",
      "cloneBlob | `error: DataCloneError: Could not serialize object of type \"Blob\". This type does not support serialization.`",
      "cloneStream | error: DataCloneError: ReadableStream can only be serialized for RPC.",
      "cloneResponse | error: DataCloneError: ReadableStream can only be serialized for RPC.",
      "cloneRequest | ok: {}",
      "requestCacheNoStore | error: Error: The 'cache' field on 'RequestInitializerDict' is not implemented.",
      "requestCacheNoCache | error: Error: The 'cache' field on 'RequestInitializerDict' is not implemented.",
      "requestCacheDefault | ok: undefined",
      "dateStrings | ok: Thu Jan 01 1970 00:00:00 GMT+0000 (Coordinated Universal Time) / 00:00:00 GMT+0000 (Coordinated Universal Time) / Fri Jan 02 1970 00:00:00 GMT+0000 (Coordinated Universal Time) / Thu Jan 01 1970 00:00:00 GMT+0000 (Coordinated Universal Time) / Invalid Date / toString",
      "performance | `ok: object,0,true,timeOrigin now constructor,undefined,{}`",
      "schedulerWait | `ok: ,0,undefined,wait constructor`",
      "schedulerAbort | error: AbortError: The operation was aborted",
      "evalString | error: EvalError: Code generation from strings disallowed for this context",
      "evalIndirect | error: EvalError: Code generation from strings disallowed for this context",
      "evalNonString | error: EvalError: Code generation from strings disallowed for this context",
      "searchParamsBadPair | error: TypeError: Invalid URL search params sequence.",
      "enqueueAfterClose | error: TypeError: Unable to enqueue",
      "writeAfterClose | error: TypeError: This WritableStream has been closed.",
      "byobOnDefaultStream | error: TypeError: This ReadableStream does not support BYOB reads.",
      "jsonUndefined | ok: undefined",
      "jsonFunction | ok: undefined",
      "blobFileTags | `ok: [object Object],[object Object]`",
  })
  void behavesAsWorkerd(String name, String expected) {
    assertThat(mf.dispatchFetch("http://localhost/" + name).text()).isEqualTo(expected);
  }

  /**
   * The function constructors throw GraalJS's EvalError ("dynamic evaluation of code is disabled."); workerd's
   * text is "Code generation from strings disallowed for this context".
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"functionConstructor", "asyncFunctionConstructor"})
  void codeGenerationFromStringsIsAnEvalError(String name) {
    assertThat(mf.dispatchFetch("http://localhost/" + name).text()).startsWith("error: EvalError: ");
  }

  /** console formatting runs through the runtime-internal (no longer global) inspect file. */
  @org.junit.jupiter.api.Test
  void consoleStillFormatsLikeNode() {
    java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (Miniflare logging = Miniflare.builder().port(-1).logSink((worker, level, message) -> lines.add(message))
        .worker(w -> w.modules(true).script("export default { fetch() {"
            + " console.log('n=%d', 5, { a: [1, 'x'], m: new Map([[1, 2]]) }); return new Response('ok'); } };"))
        .build()) {
      logging.dispatchFetch("http://localhost/").text();
    }
    assertThat(lines).containsExactly("n=5 { a: [ 1, 'x' ], m: Map(1) { 1 => 2 } }");
  }

  /** From compatibility date 2024-11-11 the cache option exists, with only "no-store" (recorded on workerd). */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "requestCacheNoStore | ok: no-store",
      "requestCacheNoCache | error: TypeError: Unsupported cache mode: no-cache",
      "requestCacheDefault | ok: undefined",
  })
  void requestCacheOptionFollowsTheCompatibilityDate(String name, String expected) {
    try (Miniflare newer = Miniflare.builder().port(-1).worker(w -> w.modules(true).compatibilityDate("2025-06-01")
        .scriptPath(Path.of("src/test/resources/workers/workerd-parity.mjs")).kvNamespace("KV", "kv")
        .durableObject("NO_ALARM", "NoAlarm").durableObject("WITH_ALARM", "WithAlarm")).build()) {
      assertThat(newer.dispatchFetch("http://localhost/" + name).text()).isEqualTo(expected);
    }
  }

  /** What a request arriving at a worker looks like: workerd's redirect mode, Miniflare 4's placeholder cf. */
  @org.junit.jupiter.api.Test
  void incomingRequestsLookAsOnWorkerd() {
    try (Miniflare incoming = Miniflare.builder().port(-1).worker(w -> w.modules(true).script(
        "export default { fetch(req) { return Response.json({ redirect: req.redirect, cf: JSON.stringify(req.cf) }); } };"))
        .build()) {
      java.util.Map<?, ?> seen = incoming.dispatchFetch("http://example.com/").json(java.util.Map.class);
      assertThat(seen.get("redirect")).isEqualTo("manual");
      assertThat(seen.get("cf")).isEqualTo(RECORDED_CF);
    }
  }

  /** {@code JSON.stringify(request.cf)} on Miniflare 4.20260426.0. */
  private static final String RECORDED_CF = "{\"asOrganization\":\"\",\"asn\":395747,\"colo\":\"DFW\",\"city\":\"Austin\",\"region\":\"Texas\","
      + "\"regionCode\":\"TX\",\"metroCode\":\"635\",\"postalCode\":\"78701\",\"country\":\"US\",\"continent\":\"NA\","
      + "\"timezone\":\"America/Chicago\",\"latitude\":\"30.27130\",\"longitude\":\"-97.74260\","
      + "\"clientTcpRtt\":0,\"httpProtocol\":\"HTTP/1.1\",\"requestPriority\":\"weight=192;exclusive=0\","
      + "\"tlsCipher\":\"AEAD-AES128-GCM-SHA256\",\"tlsVersion\":\"TLSv1.3\","
      + "\"tlsClientAuth\":{\"certPresented\":\"0\",\"certVerified\":\"NONE\",\"certRevoked\":\"0\","
      + "\"certIssuerDN\":\"\",\"certSubjectDN\":\"\",\"certIssuerDNRFC2253\":\"\",\"certSubjectDNRFC2253\":\"\","
      + "\"certIssuerDNLegacy\":\"\",\"certSubjectDNLegacy\":\"\",\"certSerial\":\"\",\"certIssuerSerial\":\"\","
      + "\"certSKI\":\"\",\"certIssuerSKI\":\"\",\"certFingerprintSHA1\":\"\",\"certFingerprintSHA256\":\"\","
      + "\"certNotBefore\":\"\",\"certNotAfter\":\"\"},\"edgeRequestKeepAliveStatus\":0,"
      + "\"clientTrustScore\":99,\"botManagement\":{\"corporateProxy\":false,\"verifiedBot\":false,"
      + "\"ja3Hash\":\"25b4882c2bcb50cd6b469ff28c596742\",\"staticResource\":false,\"detectionIds\":[],"
      + "\"score\":99},\"clientAcceptEncoding\":\"gzip, deflate\"}";

  @org.junit.jupiter.api.Test
  void anUnhandledRejectionWithoutListenerIsLogged() {
    java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (Miniflare logging = Miniflare.builder().port(-1).logSink((worker, level, message) -> lines.add(level + " " + message))
        .worker(w -> w.modules(true).script("export default { async fetch() { Promise.reject(new TypeError('boom'));"
            + " await new Promise((r) => setTimeout(r, 10)); return new Response('ok'); } };"))
        .build()) {
      assertThat(logging.dispatchFetch("http://localhost/").text()).isEqualTo("ok");
    }
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).startsWith("error Uncaught (in promise) TypeError: boom");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"evalString, 2", "functionConstructor, 1"})
  void unsafeEvalAllowsIt(String name, String expected) {
    try (Miniflare unsafe = Miniflare.builder().port(-1).worker(w -> w.modules(true).unsafeEval(true)
        .scriptPath(Path.of("src/test/resources/workers/workerd-parity.mjs")).kvNamespace("KV", "kv")).build()) {
      assertThat(unsafe.dispatchFetch("http://localhost/" + name).text()).isEqualTo("ok: " + expected);
    }
  }
}
