package dev.miniflare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Worker code is untrusted: every way out of the sandbox must fail with a clean JS error or be absent. */
class SandboxTest {
  private static Miniflare mf;

  @BeforeAll
  static void start() {
    mf = Miniflare.builder()
        .worker(w -> w.modules(true).unsafeEval(true).script(EvalProbe.SCRIPT))
        .build();
  }

  @AfterAll
  static void stop() {
    mf.close();
  }

  private static Map<String, String> run(String code) {
    return EvalProbe.run(mf, code);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "typeof Java | undefined",
      "typeof Polyglot | undefined",
      "typeof Graal | undefined",
      "typeof print | undefined",
      "typeof load | undefined",
      "typeof loadWithNewGlobal | undefined",
      "typeof require | undefined",
      "typeof process | undefined",
      "typeof Packages | undefined",
      "typeof java | undefined",
      "typeof quit | undefined",
      "typeof readline | undefined",
      "typeof readbuffer | undefined",
      "typeof Worker | undefined",
  })
  void hostGlobalsAreAbsent(String expression, String expected) {
    assertThat(run(expression)).containsEntry("ok", expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "Java.type('java.lang.System').exit(1)",
      "Polyglot.eval('js', '1')",
      "Java.type('java.io.File')",
      "Java.type('java.lang.Thread')",
  })
  void hostAccessFailsWithAJsError(String code) {
    Map<String, String> r = run(code);
    assertThat(r).containsKey("error");
    assertThat(r.get("error")).isIn("ReferenceError", "TypeError");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "import('/etc/passwd')",
      "import('file:///etc/hostname')",
      "import('../../../../../../etc/passwd')",
      "import('node:fs')",
  })
  void filesAreUnreachable(String code) {
    Map<String, String> r = run(code);
    assertThat(r).containsKey("error");
    assertThat(r.toString()).doesNotContain("root:");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // a host object handed to the runtime must expose nothing but its exported methods
      "(async () => { const r = new Request('http://x/'); return Object.getOwnPropertyNames(r).join(); })()",
  })
  void runtimeObjectsExposeNoHostInternals(String code) {
    assertThat(run(code)).containsEntry("ok", "");
  }
}
