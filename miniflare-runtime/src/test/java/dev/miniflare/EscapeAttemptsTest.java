package dev.miniflare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ways out of the sandbox a worker might try: each must fail with a plain JS error (or yield nothing of the host),
 * never reach a Java class, a host file, the process or a host object's internals. The snippets run through
 * {@code eval} inside a fetch handler (the test worker enables it), with the worker's {@code env} at
 * {@code globalThis.__env}: KV, R2 and D1 bindings, whose JS objects wrap host objects.
 */
class EscapeAttemptsTest {
  /** Names of the JS errors an attempt may end with. */
  private static final Set<String> JS_ERRORS = Set.of("Error", "TypeError", "ReferenceError", "SyntaxError",
      "RangeError", "EvalError", "URIError", "DataCloneError", "NotSupportedError", "CompileError", "LinkError");
  private static Miniflare mf;

  @BeforeAll
  static void start() {
    mf = Miniflare.builder().cpuTimeLimit(Duration.ofMillis(500))
        .worker(w -> w.modules(true).unsafeEval(true).kvNamespace("KV", "kv").r2Bucket("BUCKET", "bucket")
            .d1Database("DB", "db").script("""
                export default {
                  async fetch(req, env) {
                    globalThis.__env = env;
                    const code = await req.text();
                    try {
                      const v = await (0, eval)(code);
                      return Response.json({ ok: String(v) });
                    } catch (e) {
                      return Response.json({ error: String(e && e.name), message: String(e && e.message) });
                    }
                  },
                };
                """))
        .build();
  }

  @AfterAll
  static void stop() {
    mf.close();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> run(String code) {
    Response response = mf.dispatchFetch(Request.post("http://localhost/", code));
    return response.json(Map.class);
  }

  private static void assertNothingOfTheHost(String text) {
    // (a refused specifier is named as given, so "java.lang.System" may appear in its message)
    assertThat(text).doesNotContain("class java.").doesNotContain("java.lang.Class").doesNotContain("org.graalvm")
        .doesNotContain("com.oracle").doesNotContain("dev.miniflare").doesNotContain("PolyglotException")
        .doesNotContain("\tat ").doesNotContain("root:x:0:0");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      // Java interop and GraalJS's own globals
      "Java.type('java.lang.Runtime').getRuntime().exec('id')",
      "Java.type('java.lang.System').getenv()",
      "Java.from([1])",
      "Polyglot.import('x')",
      "Polyglot.eval('js', 'Java')",
      "Packages.java.lang.System.exit(0)",
      "java.lang.System.getProperty('user.home')",
      "load('/etc/passwd')",
      "loadWithNewGlobal({ name: 'x', script: 'Java' })",
      "Graal.versionGraalVM.length",
      "quit()",
      "readline()",
      // reaching the global object and constructors through other objects
      "(function () { return this; })().Java.type('java.lang.System')",
      "constructor.constructor('return this')().Java.type('java.lang.System')",
      "(async () => {}).constructor('return Java.type(\"java.lang.System\")')()",
      "console.log.constructor('return Packages.java.lang.Runtime')().getRuntime()",
      "crypto.subtle.constructor.constructor('return Java')().type('java.io.File')",
      "new Proxy({}, {}).constructor.constructor('return process')().env",
      "Object.getPrototypeOf(Object.getPrototypeOf(async function* () {})).constructor('return Java')()",
      // host objects behind the bindings and runtime objects
      "__env.KV.getClass().forName('java.lang.System')",
      "__env.KV.__proto__.__proto__.constructor.constructor('return Java')()",
      "__env.BUCKET.constructor.constructor('return Java')()",
      "Reflect.ownKeys(__env.KV).map((k) => __env.KV[k]).find((v) => v && typeof v.getClass === 'function').getClass()",
      "Reflect.ownKeys(__env.BUCKET).map((k) => __env.BUCKET[k]).find((v) => v && typeof v === 'object').getClass()",
      "(() => { const r = new Request('http://x/'); return Reflect.ownKeys(r).map((k) => r[k]).find((v) => v && typeof v === 'object').getClass(); })()",
      "(() => { const r = new Response('x'); return Reflect.ownKeys(r).map((k) => r[k]).find((v) => v && typeof v === 'object').getClass(); })()",
      "__env.DB.prepare('SELECT 1').constructor.constructor('return Java')()",
      "structuredClone(__env.KV).get('k')",
      "Error.prepareStackTrace = (e, frames) => frames; new Error('x').stack.map((f) => f.getThis()).find((t) => t && t !== globalThis).getClass()",
      "Error.captureStackTrace.constructor('return Java')()",
      "Object.getOwnPropertyNames(globalThis).map((k) => globalThis[k]).find((v) => v != null && typeof v.getClass === 'function').getClass()",
      // files and modules
      "import('/etc/passwd')",
      "import('file:///etc/passwd')",
      "import('file:///proc/self/environ')",
      "import('../../../../../../../../etc/passwd')",
      "import('%2e%2e/%2e%2e/%2e%2e/etc/passwd')",
      "import('data:text/javascript,export default Java')",
      "import('java:java.lang.System')",
      "import('node:child_process')",
      "import('node:fs/promises')",
      "import('/__wasm__/' + '0'.repeat(64) + '.wasm')",
      "fetch('file:///etc/passwd')",
      "fetch('jar:file:///x.jar!/')",
      // WebAssembly imports of host functions
      "WebAssembly.instantiate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]), { env: { f: Java.type } })",
      // blocking the event loop without spending CPU
      "Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60000)",
  })
  void escapeAttemptEndsInAPlainJsError(String code) {
    Map<String, String> r = run(code);
    assertThat(r).as("%s gave %s", code, r).containsKey("error");
    assertThat(r.get("error")).isIn(JS_ERRORS);
    assertNothingOfTheHost(r.get("message"));
  }

  @Test
  void aSpinningOrMicrotaskFloodingEventIsStoppedAndTheWorkerRecovers() {
    for (String code : new String[] {"while (true) {}", "(function f() { queueMicrotask(f); })(); new Promise(() => {})"}) {
      Response r = mf.dispatchFetch(Request.post("http://localhost/", code));
      assertThat(r.status()).isEqualTo(500);
      assertThat(r.text()).contains("Worker exceeded CPU time limit.");
      assertThat(run("1 + 1")).containsEntry("ok", "2");
    }
  }
}
