package dev.miniflare.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miniflare.Miniflare;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Isolates with Node.js compatibility run on the AsyncContext engine (built under the TRUSTED sandbox policy, with
 * every restriction of CONSTRAINED set explicitly; see JsEngine): worker code there must reach no more than in
 * any other isolate (the same probes as SandboxTest), nor the AsyncContext global or the module loader's insides.
 */
class NodeSandboxTest {
  private static Miniflare mf;

  @BeforeAll
  static void start() {
    mf = Miniflare.builder()
        .worker(w -> w.modules(true).unsafeEval(true).compatibilityDate("2025-04-01")
            .compatibilityFlags("nodejs_compat").script(dev.miniflare.EvalProbe.SCRIPT))
        .build();
  }

  @AfterAll
  static void stop() {
    mf.close();
  }

  private static Map<String, String> run(String code) {
    return dev.miniflare.EvalProbe.run(mf, code);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "typeof Java | undefined",
      "typeof Polyglot | undefined",
      "typeof Graal | undefined",
      "typeof AsyncContext | undefined",
      "typeof load | undefined",
      "typeof require | undefined",
      "typeof Packages | undefined",
      "typeof java | undefined",
      // no host environment variable reaches process.env (only the worker's own text bindings would)
      "Object.keys(process.env).join() | ''",
      "process.env.PATH | undefined",
  })
  void hostGlobalsAreAbsent(String expression, String expected) {
    assertThat(run(expression)).containsEntry("ok", expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "Java.type('java.lang.System').exit(1)",
      "Polyglot.eval('js', '1')",
      "Java.type('java.lang.Thread')",
      "import('/etc/passwd')",
      "import('file:///etc/hostname')",
      "import('../../../../../../etc/passwd')",
      "import('node:fs')",
      // the loader behind the served node: modules gives out only modules an import would give
      "globalThis[Symbol.for('miniflare.node')]('fs')",
      "globalThis[Symbol.for('miniflare.node')]('../core/runtime')",
  })
  void escapesFailWithAJsError(String code) {
    Map<String, String> r = run(code);
    assertThat(r).containsKey("error");
    assertThat(r.toString()).doesNotContain("root:");
  }

  @org.junit.jupiter.api.Test
  void globalScopeIsTheUsualOnePlusTheNodeGlobals() {
    String script = "export default { fetch() { return new Response(Object.getOwnPropertyNames(globalThis).sort().join()); } };";
    java.util.Set<String> plain = new java.util.TreeSet<>(java.util.List.of(
        NodeWorkers.fetchText("2025-04-01", script).split(",")));
    java.util.Set<String> node = new java.util.TreeSet<>(java.util.List.of(
        NodeWorkers.fetchText("2025-04-01", script, "nodejs_compat").split(",")));
    node.removeAll(java.util.List.of("Buffer", "process", "global", "setImmediate", "clearImmediate"));
    assertThat(node).isEqualTo(plain);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "Object.getOwnPropertyNames(Buffer.from('x')).join() | 0",
      "Object.getOwnPropertyNames(process).includes('host') | false",
  })
  void nodeObjectsExposeNoHostInternals(String code, String expected) {
    assertThat(run(code)).containsEntry("ok", expected);
  }
}
