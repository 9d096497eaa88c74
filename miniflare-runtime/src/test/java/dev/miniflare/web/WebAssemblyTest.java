package dev.miniflare.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.miniflare.Miniflare;
import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * WebAssembly as workerd has it. {@code wasm/probe.mjs} was run on Miniflare 4 (workerd) with {@code api.wasm} as
 * a CompiledWasm module; its answers are {@code wasm/probe.workerd.json}, compared here key by key. GraalWasm
 * needs JDK 21+, so these tests run there (on JDK 17-20 {@link WebAssemblyBeforeJdk21Test} checks the error
 * instead).
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class WebAssemblyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Probe keys whose answer differs from workerd's (messages are GraalWasm's; see README), checked apart. */
  private static final Set<String> KNOWN_DIFFERENCES = Set.of("names", "custom", "addStr", "div0", "divOverflow",
      "oob", "rec", "tblOob", "tblSetBad", "promising", "tag2", "exc");

  private static Miniflare strict;
  private static Miniflare unsafe;

  @BeforeAll
  static void start() {
    strict = Miniflare.builder().worker(w -> w.modules(true).scriptPath(fixture("probe.mjs"))).build();
    unsafe = Miniflare.builder().worker(w -> w.modules(true).unsafeEval(true).scriptPath(fixture("eval-worker.mjs")))
        .build();
  }

  @AfterAll
  static void stop() {
    strict.close();
    unsafe.close();
  }

  static Path fixture(String name) {
    try {
      return Path.of(WebAssemblyTest.class.getResource("/wasm/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode probe() throws Exception {
    return JSON.readTree(strict.dispatchFetch("http://localhost/").text());
  }

  private static JsonNode workerd() throws Exception {
    try (InputStream in = WebAssemblyTest.class.getResourceAsStream("/wasm/probe.workerd.json")) {
      return JSON.readTree(in);
    }
  }

  /** Evaluates {@code code} in the unsafeEval worker ({@code mod} = compiled api.wasm, {@code imports}). */
  private static JsonNode run(String code) throws Exception {
    return JSON.readTree(unsafe.dispatchFetch(Request.post("http://localhost/", code)).text());
  }

  @Test
  void answersAsWorkerdWhereverNoDifferenceIsListed() throws Exception {
    JsonNode ours = probe();
    JsonNode recorded = workerd();
    List<String> compared = new ArrayList<>();
    recorded.fieldNames().forEachRemaining(key -> {
      if (!KNOWN_DIFFERENCES.contains(key)) {
        assertThat(ours.get(key)).as(key).isEqualTo(recorded.get(key));
        compared.add(key);
      }
    });
    // the refusals, the imported module's shape, memory, globals and tables among them
    assertThat(compared).contains("newModule", "compile", "instantiateBytes", "validate", "exports", "imports",
        "instantiateModule", "linkMissing", "linkNotFn", "linkNoImports", "newInstanceMissing", "instanceNoNew",
        "trap", "memGrow", "memGrowTooMuch", "memCall", "oldDetached", "memHuge", "memMaxLess", "glob2", "globImm",
        "globBad", "tblSet");
    assertThat(compared).hasSizeGreaterThan(45);
  }

  @Test
  void codeGenerationFromBytesIsRefusedWithWorkerdsCompileError() throws Exception {
    JsonNode ours = probe();
    // recorded on workerd: the same text for new Module(), compile() and instantiate(bytes), valid or not
    assertThat(ours.get("newModule").get("error").asText()).isEqualTo("CompileError");
    assertThat(ours.get("newModule").get("message").asText())
        .isEqualTo("WebAssembly.Module(): Wasm code generation disallowed by embedder");
    assertThat(ours.get("compile").get("message").asText())
        .isEqualTo("WebAssembly.compile(): Wasm code generation disallowed by embedder");
    assertThat(ours.get("instantiateBytes").get("message").asText())
        .isEqualTo("WebAssembly.instantiate(): Wasm code generation disallowed by embedder");
    assertThat(ours.get("instantiateBytesSync").asText()).isEqualTo("promise:true");
    assertThat(ours.get("typeofCompileStreaming").asText()).isEqualTo("undefined");
  }

  @Test
  void differencesKeepWorkerdsErrorTypes() throws Exception {
    JsonNode ours = probe();
    JsonNode recorded = workerd();
    for (String key : List.of("div0", "divOverflow", "oob", "tblOob", "tblSetBad")) {
      assertThat(ours.get(key).get("error")).as(key).isEqualTo(recorded.get(key).get("error"));
    }
    for (String key : List.of("div0", "divOverflow", "oob")) {
      assertThat(ours.get(key).get("proto").asText()).as(key).isEqualTo("RuntimeError");
    }
  }

  @Test
  void namespaceHasTheStandardMembers() throws Exception {
    // workerd (V8) also has Exception, Tag, JSTag, Suspending, SuspendError and promising, which GraalJS lacks
    assertThat(JSON.convertValue(probe().get("names"), List.class)).containsExactly("CompileError", "Global",
        "Instance", "LinkError", "Memory", "Module", "RuntimeError", "Table", "compile", "instantiate", "validate");
  }

  @Test
  void unsafeEvalAllowsCompilingBytes() throws Exception {
    String bytes = "new Uint8Array([0,97,115,109,1,0,0,0,1,7,1,96,2,127,127,1,127,3,2,1,0,7,7,1,3,97,100,100,0,0,"
        + "10,9,1,7,0,32,0,32,1,106,11])";
    assertThat(run("new WebAssembly.Instance(new WebAssembly.Module(" + bytes + ")).exports.add(40, 2)")
        .get("ok").asInt()).isEqualTo(42);
    assertThat(run("WebAssembly.instantiate(" + bytes + ").then(r => r.instance.exports.add(1, 2) + ' '"
        + " + (r.module instanceof WebAssembly.Module))").get("ok").asText()).isEqualTo("3 true");
    assertThat(run("WebAssembly.compile(new Uint8Array([1, 2, 3])).then(() => 'compiled')").get("error").asText())
        .isEqualTo("CompileError");
  }

  @Test
  void importedModuleInstantiatesAndCallsBackIntoJs() throws Exception {
    assertThat(run("const seen = []; const i = new WebAssembly.Instance(mod, { env: { log: (x) => seen.push(x) } });"
        + " i.exports.callLog(42); i.exports.callLog(-1); seen.join()").get("ok").asText()).isEqualTo("42,-1");
    // i32 arithmetic wraps and arguments are coerced as on workerd (recorded: -2147483648 and 5)
    assertThat(run("const e = new WebAssembly.Instance(mod, imports).exports; [e.add(0x7fffffff, 1), e.add('2', 3.9)]")
        .get("ok").toString()).isEqualTo("[-2147483648,5]");
  }

  @Test
  void trapsAreRuntimeErrorsTheWorkerCanCatch() throws Exception {
    JsonNode trap = run("new WebAssembly.Instance(mod, imports).exports.trap()");
    assertThat(trap.get("error").asText()).isEqualTo("RuntimeError");
    assertThat(trap.get("message").asText()).isEqualTo("unreachable"); // workerd's text too
    assertThat(trap.get("runtimeError").asBoolean()).isTrue();
    JsonNode oob = run("new WebAssembly.Instance(mod, imports).exports.oob()");
    assertThat(oob.get("runtimeError").asBoolean()).isTrue();
    // the instance is still usable after a trap
    assertThat(run("const e = new WebAssembly.Instance(mod, imports).exports;"
        + " try { e.trap(); } catch (x) {} e.add(1, 1)").get("ok").asInt()).isEqualTo(2);
  }

  @Test
  void memoryGrowsUpToItsMaximumAndDetachesOldBuffers() throws Exception {
    JsonNode r = run("const m = new WebAssembly.Memory({ initial: 1, maximum: 3 }); const b = m.buffer;"
        + " const before = m.grow(2); const out = [before, b.byteLength, m.buffer.byteLength];"
        + " try { m.grow(1); } catch (e) { out.push(e.name); } out");
    assertThat(r.get("ok").toString()).isEqualTo("[1,0,196608,\"RangeError\"]");
    // wasm writes are visible through the buffer JS sees
    assertThat(run("const e = new WebAssembly.Instance(mod, imports).exports;"
        + " new Uint32Array(e.memory.buffer)[0] = 7; e.add(new Uint32Array(e.memory.buffer)[0], 1)")
        .get("ok").asInt()).isEqualTo(8);
  }

  @Test
  void memoryBeyondTheWasm32LimitIsRefused() throws Exception {
    JsonNode r = run("new WebAssembly.Memory({ initial: 65537 })");
    assertThat(r.get("error").asText()).isEqualTo("RangeError");
  }

  @Test
  void memoryTheJvmCannotBackIsARangeErrorNotAHostFailure() throws Exception {
    // 40,000 pages (2.6 GB) is legal wasm32 but above GraalWasm's byte-array memory: the worker gets a RangeError
    assertThat(run("new WebAssembly.Memory({ initial: 40000 })").get("error").asText()).isEqualTo("RangeError");
    assertThat(run("new WebAssembly.Memory({ initial: 1 }).grow(40000)").get("error").asText()).isEqualTo("RangeError");
    assertThat(run("new WebAssembly.Memory({ initial: 1 }).grow(1)").get("ok").asInt()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "typeof Polyglot | undefined",
      "typeof Java | undefined",
      "typeof Graal | undefined",
  })
  void wasmEnabledContextsExposeNoHostGlobals(String expression, String expected) throws Exception {
    assertThat(run(expression).get("ok").asText()).isEqualTo(expected);
  }

  @Test
  void wasiAndOtherHostModulesAreNotProvided() throws Exception {
    // (module (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32))))
    String wasiImport = "new Uint8Array([0,97,115,109,1,0,0,0,1,9,1,96,4,127,127,127,127,1,127,2,35,1,22,"
        + "...new TextEncoder().encode('wasi_snapshot_preview1'),8,...new TextEncoder().encode('fd_write'),0,0])";
    JsonNode r = run("new WebAssembly.Instance(new WebAssembly.Module(" + wasiImport + "), {})");
    assertThat(r.get("error").asText()).isEqualTo("TypeError");
    assertThat(r.get("message").asText()).contains("wasi_snapshot_preview1");
    assertThat(run("WebAssembly.Module.imports(new WebAssembly.Module(" + wasiImport + "))[0].name").get("ok").asText())
        .isEqualTo("fd_write");
  }

  @Test
  void runawayWasmLoopIsStoppedByTheCpuLimitAndTheWorkerRecovers() {
    try (Miniflare mf = Miniflare.builder().cpuTimeLimit(Duration.ofMillis(300))
        .worker(w -> w.modules(true).scriptPath(fixture("rust-style/shim.mjs"))).build()) {
      Response r = mf.dispatchFetch("http://localhost/spin");
      assertThat(r.status()).isEqualTo(500);
      assertThat(r.text()).contains("Worker exceeded CPU time limit.");
      assertThat(mf.dispatchFetch("http://localhost/?name=again").text()).isEqualTo("Hello, again!");
    }
  }

  @Test
  void workersRsStyleWorkerServesThroughWasmBindgenGlue() {
    List<String> logs = new CopyOnWriteArrayList<>();
    try (Miniflare mf = Miniflare.builder().logSink((worker, level, message) -> logs.add(level + " " + message))
        .worker(w -> w.modules(true).scriptPath(fixture("rust-style/shim.mjs"))).build()) {
      // answers recorded on Miniflare 4 (workerd) with the same files and CompiledWasm/ESModule rules
      Response hello = mf.dispatchFetch("http://localhost/");
      assertThat(hello.status()).isEqualTo(200);
      assertThat(hello.text()).isEqualTo("Hello, world!");
      assertThat(hello.headers().get("content-type")).isEqualTo("text/plain;charset=UTF-8");
      assertThat(mf.dispatchFetch("http://localhost/?name=Z%C3%BCrich%20%E2%98%83").text())
          .isEqualTo("Hello, Zürich ☃!");
      Response empty = mf.dispatchFetch("http://localhost/?name=");
      assertThat(empty.status()).isEqualTo(500);
      assertThat(empty.text()).isEqualTo("Error: name must not be empty");
      // 200,000 bytes do not fit the module's first 17 pages: its allocator grows memory and the glue re-views it
      String big = "x".repeat(200_000);
      String greeting = mf.dispatchFetch(Request.post("http://localhost/", big)).text();
      assertThat(greeting).hasSize(200_008).startsWith("Hello, xxx").endsWith("x!");
      assertThat(logs.subList(0, 2)).containsExactly("info Hello, world!", "info Hello, Zürich ☃!");
    }
  }

  @Test
  void aWasmModuleIsSharedByEveryInstanceImportingIt() {
    // two runtimes, one compiled module source: both instantiate it independently (own memory)
    try (Miniflare a = Miniflare.builder().worker(w -> w.modules(true).scriptPath(fixture("rust-style/shim.mjs"))).build();
         Miniflare b = Miniflare.builder().worker(w -> w.modules(true).scriptPath(fixture("rust-style/shim.mjs"))).build()) {
      assertThat(a.dispatchFetch(Request.post("http://localhost/", "a".repeat(100_000))).text()).hasSize(100_008);
      assertThat(b.dispatchFetch("http://localhost/?name=b").text()).isEqualTo("Hello, b!");
    }
  }

  @Test
  void workersThatNeverNameWebAssemblyDoNotPayForIt() {
    try (Miniflare mf = Miniflare.builder()
        .worker(w -> w.name("plain").modules(true).script(
            "export default { fetch() { return new Response(typeof globalThis['Web' + 'Assembly']); } }"))
        .worker(w -> w.name("wasm").modules(true).routes("wasm.example/*").script(
            "export default { fetch() { return new Response(typeof WebAssembly); } }"))
        .build()) {
      assertThat(mf.dispatchFetch("http://localhost/").text()).isEqualTo("undefined");
      assertThat(mf.dispatchFetch("http://wasm.example/").text()).isEqualTo("object");
    }
  }
}
