package dev.miniflare.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.miniflare.Miniflare;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workers configured by a wrangler file are built as wrangler builds them (esbuild, rules, no_bundle). */
class BundlerTest {
  @TempDir
  Path dir;

  private Path write(String name, String content) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  private Path config(String extra) throws Exception {
    return write("wrangler.toml", "name = \"app\"\nmain = \"src/index.ts\"\ncompatibility_date = \"2024-09-23\"\n" + extra);
  }

  private String fetchText(Path config, String url) {
    try (Miniflare mf = Miniflare.builder().wranglerConfig(config, null).build()) {
      return mf.dispatchFetch(url).text();
    }
  }

  @Test
  void typeScriptWorkerWithNpmPackagesAndExtensionlessImports() throws Exception {
    // Conditions are tried in the map's order (as Node and esbuild do): "workerd" comes first and wins only
    // because wrangler's conditions include it; "import" and "default" would match otherwise.
    write("node_modules/multi/package.json", "{\"name\":\"multi\",\"exports\":{\".\":{\"workerd\":\"./workerd.js\","
        + "\"worker\":\"./worker.js\",\"browser\":\"./browser.js\",\"import\":\"./import.js\",\"default\":\"./default.js\"}}}");
    for (String c : List.of("browser", "import", "default", "worker", "workerd")) {
      write("node_modules/multi/" + c + ".js", "export const runtime = '" + c + "';");
    }
    write("node_modules/legacy/package.json", "{\"name\":\"legacy\",\"main\":\"lib/index.js\"}");
    write("node_modules/legacy/lib/index.js", "const helper = require('./helper');\n"
        + "module.exports = { twice: (n) => helper.mul(n, 2) };");
    write("node_modules/legacy/lib/helper.js", "exports.mul = (a, b) => a * b;");
    write("src/util.ts", "export function label(n: number): string { return `n=${n}`; }");
    write("src/index.ts", "import { runtime } from 'multi';\nimport legacy from 'legacy';\nimport { label } from './util';\n"
        + "interface Env { NAME: string }\n"
        + "export default { fetch(req: Request, env: Env): Response {"
        + " return new Response(`${runtime} ${label(legacy.twice(21))}`); } };");
    assertThat(fetchText(config(""), "http://localhost/")).isEqualTo("workerd n=42");
  }

  @Test
  void aStartUpFailureNamesTheTypeScriptFilesOfEveryFrame() throws Exception {
    write("src/lib.ts", "export function helper(): number {\n  // a comment\n  return (globalThis as any).missing.value;\n}\n");
    write("src/index.ts", "import { helper } from './lib';\n\ninterface X { a: number }\nconst x: X = { a: helper() };\n\n"
        + "export default { fetch(): Response { return new Response(String(x.a)); } };\n");
    Path config = config("");
    assertThatThrownBy(() -> Miniflare.builder().wranglerConfig(config, null).build())
        .isInstanceOf(dev.miniflare.MiniflareException.class)
        .hasMessageContaining("failed to start: TypeError: Cannot read property 'value' of undefined")
        .hasMessageContaining("\n    at helper (" + dir.resolve("src/lib.ts").toRealPath() + ":3:")
        .hasMessageContaining("\n    at " + dir.resolve("src/index.ts").toRealPath() + ":4:");
  }

  @Test
  void tsconfigPathsAndJsxFactory() throws Exception {
    write("tsconfig.json", "{\"compilerOptions\":{\"baseUrl\":\".\",\"paths\":{\"@lib/*\":[\"src/lib/*\"]}}}");
    write("src/lib/jsx.ts", "export const h = (tag: any, props: any, ...children: any[]): string =>"
        + " typeof tag === 'function' ? tag(props, ...children) : `<${tag}>${children.flat().join('')}</${tag}>`;\nexport const Frag = (props: any, ...children: any[]) => children.join('');");
    write("src/page.tsx", "import { h, Frag } from '@lib/jsx';\nexport const page = (name: string) =>"
        + " <div><b>{name}</b><>!</></div>;");
    write("src/index.ts", "import { page } from './page';\nexport default { fetch() { return new Response(page('hi')); } };");
    Path config = config("jsx_factory = \"h\"\njsx_fragment = \"Frag\"\n");
    assertThat(fetchText(config, "http://localhost/")).isEqualTo("<div><b>hi</b>!</div>");
  }

  @Test
  void defineAliasAndTheTsconfigKey() throws Exception {
    write("src/real-logger.ts", "export const log = (s: string) => `real:${s}`;");
    write("config/tsconfig.worker.json", "{\"compilerOptions\":{\"baseUrl\":\"..\",\"paths\":{\"~/*\":[\"src/*\"]}}}");
    write("src/index.ts", "import { log } from 'logger';\nimport { log as viaPaths } from '~/real-logger';\n"
        + "declare const __VERSION__: string;\n"
        + "export default { fetch() { return new Response(`${log(__VERSION__)} ${viaPaths('p')} ${DEBUG}`); } };");
    Path config = config("tsconfig = \"config/tsconfig.worker.json\"\n[define]\n__VERSION__ = \"'1.2.3'\"\nDEBUG = \"false\"\n"
        + "[alias]\nlogger = \"./src/real-logger.ts\"\n");
    assertThat(fetchText(config, "http://localhost/")).isEqualTo("real:1.2.3 real:p false");
  }

  @Test
  void textDataAndCustomRuleModules() throws Exception {
    write("src/assets/hello.txt", "Hello \"text\"\nline 2");
    Files.createDirectories(dir.resolve("src/assets"));
    Files.write(dir.resolve("src/assets/blob.bin"), new byte[] {0, 1, (byte) 0xfe, (byte) 0xff, 42});
    write("src/docs/readme.md", "# Title");
    write("src/lib/read.ts", "import md from '../docs/readme.md';\nexport const doc: string = md;");
    write("src/index.ts", "import txt from './assets/hello.txt';\nimport bin from './assets/blob.bin';\n"
        + "import { doc } from './lib/read';\n"
        + "export default { fetch() { return Response.json({ txt, textType: typeof txt, doc,"
        + " isBuffer: bin instanceof ArrayBuffer, bytes: [...new Uint8Array(bin)] }); } };");
    // a catch-all Data rule must not swallow the JavaScript and TypeScript imports
    Path config = config("[[rules]]\ntype = \"Text\"\nglobs = [\"**/*.md\"]\nfallthrough = true\n"
        + "[[rules]]\ntype = \"Data\"\nglobs = [\"**/*.bin\", \"assets/**/*\"]\nfallthrough = true\n");
    try (Miniflare mf = Miniflare.builder().wranglerConfig(config, null).build()) {
      assertThat(mf.dispatchFetch("http://localhost/").json(Map.class)).isEqualTo(Map.of(
          "txt", "Hello \"text\"\nline 2", "textType", "string", "doc", "# Title", "isBuffer", true,
          "bytes", List.of(0, 1, 254, 255, 42)));
    }
  }

  @Test
  void aRuleWithoutFallthroughHidesLaterRulesOfItsType() {
    ModuleRule md = new ModuleRule(dev.miniflare.core.ModuleType.Text, List.of("**/*.md"), false);
    ModuleRule graphql = new ModuleRule(dev.miniflare.core.ModuleType.Text, List.of("**/*.graphql"), true);
    // without fallthrough the default Text rule (*.txt) is gone; Data and CompiledWasm defaults stay
    assertThat(ModuleRule.effective(List.of(md))).extracting(r -> r.globs().get(0))
        .containsExactly("**/*.md", "**/*.bin", "**/*.wasm");
    assertThat(ModuleRule.matching(ModuleRule.effective(List.of(graphql)), "./a.txt").type())
        .isEqualTo(dev.miniflare.core.ModuleType.Text);
    assertThat(ModuleRule.matching(ModuleRule.effective(List.of(md)), "./a.txt")).isNull();
    assertThat(ModuleRule.matching(ModuleRule.effective(List.of()), "./x.wasm?module").type())
        .isEqualTo(dev.miniflare.core.ModuleType.CompiledWasm);
  }

  @Test
  void compiledWasmModuleIsAWebAssemblyModule() throws Exception {
    // The smallest valid module: magic and version.
    Files.createDirectories(dir.resolve("src"));
    Files.write(dir.resolve("src/empty.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    write("src/index.ts", "import mod from './empty.wasm';\nexport default { fetch() {"
        + " return new Response(String(mod instanceof WebAssembly.Module)); } };");
    try (Miniflare probe = Miniflare.builder().worker(w -> w.modules(true)
        .script("export default { fetch() { return new Response(typeof WebAssembly); } };")).build()) {
      assumeTrue(!probe.dispatchFetch("http://localhost/").text().equals("undefined"),
          "WebAssembly is not enabled in this runtime yet");
    }
    String result = fetchText(config(""), "http://localhost/");
    assertThat(result).isEqualTo("true");
  }

  @Test
  void noBundleServesFoundModulesByTheirRules() throws Exception {
    // CommonJS as workerd runs it (checked on Miniflare 4): only a default export, `this` is globalThis, require
    // returns module.exports (a primitive too) and an ES module's namespace.
    write("src/index.js", "import math from './lib/math.cjs';\nimport * as ns from './lib/math.cjs';\n"
        + "import greeting from './greeting.txt';\nimport { shout } from './lib/shout.js';\n"
        + "export default { fetch() { return new Response(`${shout(greeting)} ${math.add(2, 3)} ${math.name}"
        + " ${math.self} ${Object.keys(ns)} ${math.shout('x')}`); } };");
    write("src/lib/math.cjs", "const base = require('./base.cjs');\nconst { shout } = require('./shout.js');\n"
        + "module.exports = { add: (a, b) => base.plus(a, b) + require('../answer.cjs') - 42,"
        + " name: __filename.endsWith('/src/lib/math.cjs'), self: this === globalThis, shout };");
    write("src/lib/base.cjs", "exports.plus = (a, b) => a + b;");
    write("src/answer.cjs", "module.exports = 42;");
    write("src/lib/shout.js", "export const shout = (s) => s.toUpperCase();");
    write("src/greeting.txt", "hello");
    Path config = write("wrangler.toml", "name = \"nb\"\nmain = \"src/index.js\"\nno_bundle = true\n"
        + "find_additional_modules = true\n[[rules]]\ntype = \"CommonJS\"\nglobs = [\"**/*.cjs\"]\n"
        + "[[rules]]\ntype = \"ESModule\"\nglobs = [\"**/*.js\"]\n");
    assertThat(fetchText(config, "http://localhost/")).isEqualTo("HELLO 5 true true default X");
  }

  @Test
  void customBuildCommandRunsBeforeLoading() throws Exception {
    assumeTrue(!System.getProperty("os.name").toLowerCase().contains("win"), "the command is POSIX sh");
    write("gen.sh", "mkdir -p dist && printf '%s' \"export default { fetch() { return new Response('built by sh'); } };\""
        + " > dist/index.js\n");
    Path config = write("wrangler.toml", "name = \"cb\"\nmain = \"dist/index.js\"\n[build]\ncommand = \"sh gen.sh\"\n"
        + "watch_dir = \"src\"\n");
    assertThat(fetchText(config, "http://localhost/")).isEqualTo("built by sh");
    // once per JVM, as once per `wrangler dev`: a second runtime (the next test) does not run it again
    write("gen.sh", "echo again >> runs.log\n");
    assertThat(fetchText(config, "http://localhost/")).isEqualTo("built by sh");
    assertThat(dir.resolve("runs.log")).doesNotExist();
    assertThat(dev.miniflare.config.WranglerConfig.load(config).build().watchDirs()).containsExactly("src");
  }

  @Test
  void failingCustomBuildShowsItsOutput() throws Exception {
    assumeTrue(!System.getProperty("os.name").toLowerCase().contains("win"), "the command is POSIX sh");
    write("src/index.ts", "export default {};");
    Path config = config("[build]\ncommand = \"echo compiling; echo 'boom: missing file' >&2; exit 3\"\n");
    assertThatThrownBy(() -> Miniflare.builder().wranglerConfig(config, null).build())
        .isInstanceOf(BuildException.class)
        .hasMessageContaining("Running custom build `echo compiling;")
        .hasMessageContaining("exit code 3")
        .hasMessageContaining("boom: missing file");
  }

  @Test
  void missingPackageIsNamedWithItsImportLocation() throws Exception {
    write("src/index.ts", "// entry\nimport { Hono } from 'hono';\nexport default new Hono();");
    Path config = config("");
    assertThatThrownBy(() -> Miniflare.builder().wranglerConfig(config, null).build())
        .isInstanceOf(BuildException.class)
        .hasMessageContaining("Could not resolve \"hono\"")
        .hasMessageContaining("src/index.ts:2:21")
        .hasMessageContaining("npm install")
        .hasMessageNotContaining("\tat dev.miniflare");
  }

  @Test
  void nodeBuiltinWithoutTheFlagNamesTheFlag() throws Exception {
    write("src/index.ts", "import { readFileSync } from 'fs';\nexport default { fetch() { return new Response(String(readFileSync)); } };");
    assertThatThrownBy(() -> Miniflare.builder().wranglerConfig(config(""), null).build())
        .isInstanceOf(BuildException.class)
        .hasMessageContaining("Could not resolve \"fs\"")
        .hasMessageContaining("The package \"fs\" wasn't found on the file system but is built into node.")
        .hasMessageContaining("Add the \"nodejs_compat\" compatibility flag to your project.");
  }

  @Test
  void syntaxErrorShowsFileLineAndColumn() throws Exception {
    write("src/index.ts", "export default {\n  fetch() { let x = ; }\n};");
    assertThatThrownBy(() -> Miniflare.builder().wranglerConfig(config(""), null).build())
        .isInstanceOf(BuildException.class)
        .hasMessageContaining("Build failed with 1 error")
        .hasMessageContaining("Unexpected \";\"")
        .hasMessageContaining("src/index.ts:2:20");
  }

  @Test
  void stackTracesAndConsoleNameTheTypeScriptSource() throws Exception {
    write("src/fail.ts", "type Shape = { kind: string };\n\nexport function explode(s: Shape): never {\n"
        + "  throw new Error(`bad ${s.kind}`);\n}\n");
    write("src/index.ts", "import { explode } from './fail';\n\nexport default {\n  fetch(): Response {\n"
        + "    console.log(new Error('logged').stack);\n    explode({ kind: 'x' });\n  },\n};\n");
    List<String> logs = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (Miniflare mf = Miniflare.builder().wranglerConfig(config(""), null)
        .logSink((worker, level, message) -> logs.add(message)).build()) {
      dev.miniflare.http.Response res = mf.dispatchFetch("http://localhost/"); // the uncaught-error body
      assertThat(res.status()).isEqualTo(500);
      assertThat(res.text())
          .contains("bad x")
          .contains(dir.resolve("src/fail.ts").toString() + ":4:")
          .contains(dir.resolve("src/index.ts").toString() + ":6:")
          .doesNotContain("miniflare-java/bundles");
    }
    assertThat(String.join("\n", logs)).contains(dir.resolve("src/index.ts").toString() + ":5:");
  }

  @Test
  void secondBuildComesFromTheCacheAndAChangedInputRebuilds() throws Exception {
    write("src/dep.ts", "export const v = 1;");
    Path entry = write("src/index.ts", "import { v } from './dep';\nexport default { fetch() { return new Response('v' + v); } };");
    BuildOptions options = BuildOptions.builder().projectRoot(dir).cacheDir(dir.resolve("cache")).build();
    Bundle first = Bundler.build(entry, options, false);
    int runs = Bundler.esbuildRuns();
    Bundle second = Bundler.build(entry, options, false);
    assertThat(Bundler.esbuildRuns()).isEqualTo(runs);
    assertThat(second.fromCache()).isTrue();
    assertThat(second.modules()).isEqualTo(first.modules());

    Bundler.clearMemoryCache(); // a new JVM: the disk cache answers
    Bundle fromDisk = Bundler.build(entry, options, false);
    assertThat(Bundler.esbuildRuns()).isEqualTo(runs);
    assertThat(fromDisk.fromCache()).isTrue();
    assertThat(fromDisk.modules().get(fromDisk.mainPath().toString())).contains("v = 1");

    write("src/dep.ts", "export const v = 2;");
    Bundle rebuilt = Bundler.build(entry, options, false);
    assertThat(Bundler.esbuildRuns()).isEqualTo(runs + 1);
    assertThat(rebuilt.fromCache()).isFalse();
    assertThat(rebuilt.modules().get(rebuilt.mainPath().toString())).contains("v = 2");
  }

  @Test
  void programmaticWorkersBundleOnRequest() throws Exception {
    Path entry = write("src/index.ts", "const n: number = 7;\nexport default { fetch() { return new Response(`n${n}`); } };");
    try (Miniflare mf = Miniflare.builder().worker(w -> w.name("ts").scriptPath(entry).bundle(true)).build()) {
      assertThat(mf.dispatchFetch("http://localhost/").text()).isEqualTo("n7");
    }
  }

  @Test
  void minifyKeepsNamesUnlessKeepNamesIsFalse() throws Exception {
    write("src/index.ts", "class Widget {}\nexport default { fetch() { return new Response(Widget.name); } };");
    assertThat(fetchText(config("minify = true\n"), "http://localhost/")).isEqualTo("Widget");
    assertThat(fetchText(config("minify = true\nkeep_names = false\n"), "http://localhost/")).isNotEqualTo("Widget");
  }

  @Test
  void programmaticWorkersTypeDiskModulesByTheDefaultRules() throws Exception {
    // Not bundled: the loader reads the imports from disk and types them by name.
    Files.createDirectories(dir.resolve("src"));
    Files.write(dir.resolve("src/raw.bin"), new byte[] {9, 8, 7});
    write("src/page.html", "<p>hi</p>");
    write("src/legacy.cjs", "module.exports = function twice(n) { return n * 2; };");
    Path entry = write("src/index.mjs", "import page from './page.html';\nimport raw from './raw.bin';\n"
        + "import twice from './legacy.cjs';\n"
        + "export default { fetch() { return Response.json([page, raw.byteLength, new Uint8Array(raw)[2], twice(4)]); } };");
    try (Miniflare mf = Miniflare.builder().worker(w -> w.name("plain").scriptPath(entry)).build()) {
      assertThat(mf.dispatchFetch("http://localhost/").json(List.class)).isEqualTo(List.of("<p>hi</p>", 3, 7, 8));
    }
  }

  @Test
  void buildKeysAreReadFromTheConfig() throws Exception {
    Path config = config("no_bundle = true\nminify = true\nkeep_names = false\nbase_dir = \"src\"\n"
        + "find_additional_modules = true\npreserve_file_names = true\ntsconfig = \"tsconfig.build.json\"\n"
        + "jsx_factory = \"h\"\njsx_fragment = \"F\"\n"
        + "[build]\ncommand = \"make\"\ncwd = \"web\"\nwatch_dir = [\"src\", \"lib\"]\n"
        + "[define]\nX = \"1\"\n[alias]\na = \"b\"\n"
        + "[[rules]]\ntype = \"Data\"\nglobs = [\"**/*.dat\"]\nfallthrough = true\n");
    dev.miniflare.config.BuildConfig b = dev.miniflare.config.WranglerConfig.load(config).build();
    assertThat(b).isEqualTo(new dev.miniflare.config.BuildConfig(true, true, false, Map.of("X", "1"), Map.of("a", "b"),
        "h", "F", "tsconfig.build.json", "src", true, true,
        List.of(new ModuleRule(dev.miniflare.core.ModuleType.Data, List.of("**/*.dat"), true)), "make", "web",
        List.of("src", "lib")));
  }

  @Test
  void anUnknownRuleTypeIsAConfigErrorWithItsLine() throws Exception {
    Path config = config("[[rules]]\ntype = \"Markdown\"\nglobs = [\"**/*.md\"]\n");
    assertThatThrownBy(() -> dev.miniflare.config.WranglerConfig.load(config))
        .isInstanceOf(dev.miniflare.config.ConfigException.class)
        .hasMessageContaining("wrangler.toml:5")
        .hasMessageContaining("\"rules[0].type\" must be one of ESModule, CommonJS, CompiledWasm, Text, Data");
  }

  @Test
  void anEntryWithoutExportsRunsAsAServiceWorker() throws Exception {
    write("src/reply.ts", "export const reply = (s: string): Response => new Response(`sw ${s}`);");
    write("src/index.ts", "import { reply } from './reply';\n"
        + "addEventListener('fetch', (event: any) => event.respondWith(reply(MESSAGE)));");
    assertThat(fetchText(config("minify = true\n[vars]\nMESSAGE = \"hi\"\n"), "http://localhost/")).isEqualTo("sw hi");
  }

  @Test
  void foundModulesServeImportsEsbuildCannotFollow() throws Exception {
    write("src/langs/en.js", "export const hello = 'hello';");
    write("src/langs/fr.js", "export const hello = 'bonjour';");
    write("src/notes/a.txt", "note a");
    // computed specifiers: esbuild leaves these imports to run time
    write("src/index.ts", "export default { async fetch(req: Request) {\n"
        + "  const lang = new URL(req.url).searchParams.get('lang');\n"
        + "  const spec = './langs/' + lang + '.js';\n  const note = './notes/' + 'a.txt';\n"
        + "  return new Response((await import(spec)).hello + ' ' + (await import(note)).default);\n} };");
    Path config = config("find_additional_modules = true\n[[rules]]\ntype = \"ESModule\"\nglobs = [\"**/*.js\"]\n");
    try (Miniflare mf = Miniflare.builder().wranglerConfig(config, null).build()) {
      assertThat(mf.dispatchFetch("http://localhost/?lang=fr").text()).isEqualTo("bonjour note a");
      assertThat(mf.dispatchFetch("http://localhost/?lang=en").text()).isEqualTo("hello note a");
    }
  }
}
