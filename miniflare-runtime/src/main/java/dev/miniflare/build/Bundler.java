package dev.miniflare.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniflare.core.ModuleSources;
import dev.miniflare.core.ModuleType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a worker's entry as wrangler does: esbuild with wrangler's options (ESM output, conditions
 * {@code workerd}, {@code worker}, {@code browser}, TypeScript and JSX, {@code define}, {@code alias},
 * {@code cloudflare:*} and {@code node:*} external, {@code [[rules]]} imports kept as separate typed modules), or
 * with {@code no_bundle} the entry and the modules found by the rules.
 *
 * <p>Bundles are cached by a hash of the options and of every file esbuild read (its metafile's inputs, plus the
 * {@code package.json} and {@code tsconfig.json} files that steer resolution): in memory for the JVM, and on disk
 * (under the system temp folder unless {@link BuildOptions#cacheDir()} says), so a test run bundles each worker
 * once and a later run reuses the bundle while no input changed.
 */
public final class Bundler {
  private static final Logger LOG = LoggerFactory.getLogger(Bundler.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, CachedBundle> MEMORY = new ConcurrentHashMap<>();
  private static final Map<String, Object> LOCKS = new ConcurrentHashMap<>();
  private static final AtomicInteger ESBUILD_RUNS = new AtomicInteger();
  private static final Set<String> CUSTOM_BUILDS_RUN = new java.util.HashSet<>();
  private static final String MANIFEST = "miniflare-bundle.json";
  /** Changes whenever what a cache entry holds changes, so entries written by older code are never read. */
  private static final int CACHE_FORMAT = 2;
  private static final java.time.Duration UNUSED_ENTRY_AGE = java.time.Duration.ofDays(7);
  private static final Set<Path> PRUNED_ROOTS = ConcurrentHashMap.newKeySet();

  /** Node.js built-in modules, for wrangler's {@code nodejs_compat} hints and aliases. */
  static final Set<String> NODE_BUILTINS = Set.of("assert", "async_hooks", "buffer", "child_process", "cluster",
      "console", "constants", "crypto", "dgram", "diagnostics_channel", "dns", "domain", "events", "fs", "http",
      "http2", "https", "inspector", "module", "net", "os", "path", "perf_hooks", "process", "punycode",
      "querystring", "readline", "repl", "stream", "string_decoder", "sys", "timers", "tls", "trace_events", "tty",
      "url", "util", "v8", "vm", "wasi", "worker_threads", "zlib");

  /**
   * A bundle and the content hashes of its inputs; {@code stamps} remembers each input's size and modification time
   * when its hash was last checked, so an unchanged file is not read again for every runtime a test run starts.
   */
  private record CachedBundle(Bundle bundle, Map<String, String> inputHashes, Map<String, String> stamps) {
    CachedBundle(Bundle bundle, Map<String, String> inputHashes) {
      this(bundle, inputHashes, new ConcurrentHashMap<>());
    }

    boolean unchanged() {
      for (Map.Entry<String, String> e : inputHashes.entrySet()) {
        Path file = Path.of(e.getKey());
        String stamp = stamp(file);
        if (stamp.equals(stamps.get(e.getKey()))) {
          continue;
        }
        if (!e.getValue().equals(fileHash(file))) {
          return false;
        }
        stamps.put(e.getKey(), stamp);
      }
      return true;
    }

    private static String stamp(Path file) {
      try {
        java.nio.file.attribute.BasicFileAttributes a =
            Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
        return a.size() + "/" + a.lastModifiedTime() + "/" + a.fileKey(); // full precision, not millis
      } catch (IOException e) {
        return "absent";
      }
    }
  }

  private Bundler() {}

  /**
   * Builds the worker whose entry is {@code entry}.
   *
   * @param entry the {@code main} script
   * @param options the build options
   * @param nodejsCompat whether the {@code nodejs_compat} flag is on ({@code node:*} and Node.js built-ins are
   *     left to the runtime)
   * @return the modules to load
   * @throws BuildException with esbuild's {@code file:line:column} errors, or the custom build's output
   */
  public static Bundle build(Path entry, BuildOptions options, boolean nodejsCompat) {
    Path main = entry.toAbsolutePath().normalize();
    Path projectRoot = (options.projectRoot() != null ? options.projectRoot() : main.getParent()).toAbsolutePath().normalize();
    if (options.buildCommand() != null && !options.buildCommand().isBlank()) {
      Path cwd = options.buildCwd() != null ? projectRoot.resolve(options.buildCwd()).normalize() : projectRoot;
      // Once per JVM, as once per `wrangler dev`: every runtime a test run starts must not rerun it.
      synchronized (CUSTOM_BUILDS_RUN) {
        if (!CUSTOM_BUILDS_RUN.contains(cwd + "\n" + options.buildCommand())) {
          CustomBuild.run(options.buildCommand(), cwd, LOG);
          CUSTOM_BUILDS_RUN.add(cwd + "\n" + options.buildCommand());
        }
      }
    }
    if (!Files.isRegularFile(main)) {
      throw new BuildException("The entry-point file at \"" + main + "\" was not found.");
    }
    Path baseDir = (options.baseDir() != null ? projectRoot.resolve(options.baseDir()) : main.getParent()).normalize();
    if (!options.bundle()) {
      return noBundle(main, baseDir, options);
    }
    String key = sha256Hex((CACHE_FORMAT + "\n" + EsbuildBinary.VERSION + "\n" + main + "\n" + nodejsCompat + "\n" + options.cacheKeyText())
        .getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    synchronized (LOCKS.computeIfAbsent(key, k -> new Object())) {
      Bundle bundle = cached(key, options);
      if (bundle == null) {
        bundle = esbuild(key, main, projectRoot, baseDir, options, nodejsCompat);
      }
      if (options.findAdditionalModules()) {
        Map<String, String> modules = new LinkedHashMap<>(bundle.modules());
        Path outDir = bundle.mainPath().getParent();
        // Served beside the bundle under their names relative to base_dir, as wrangler uploads them, so imports
        // esbuild could not follow (a computed specifier) find them at run time.
        findAdditionalModules(baseDir, main, options.rules()).forEach((name, file) ->
            modules.putIfAbsent(outDir.resolve(name).normalize().toString(), typedSource(file.type(), file.path(),
                outDir.resolve(name).normalize())));
        bundle = new Bundle(bundle.mainPath(), Map.copyOf(modules), null, bundle.sourceMap(), bundle.fromCache(),
            bundle.esModule());
      }
      if (bundle.sourceMap() != null) {
        bundle.sourceMap().register();
      }
      return bundle;
    }
  }

  /** How many times esbuild ran in this JVM (the cache's effect is visible in tests and benchmarks). */
  public static int esbuildRuns() {
    return ESBUILD_RUNS.get();
  }

  /**
   * Forgets the bundles cached in memory (the disk cache stays) and which custom build commands ran, as a new JVM
   * would start: the next build runs {@code [build] command} again (a watcher calls this after a change).
   */
  public static void clearMemoryCache() {
    MEMORY.clear();
    synchronized (CUSTOM_BUILDS_RUN) {
      CUSTOM_BUILDS_RUN.clear();
    }
  }

  // ---- no_bundle ----

  private static Bundle noBundle(Path main, Path baseDir, BuildOptions options) {
    Map<String, String> modules = new LinkedHashMap<>();
    if (options.findAdditionalModules()) {
      findAdditionalModules(baseDir, main, options.rules()).forEach((name, file) -> {
        Path at = baseDir.resolve(name).normalize();
        modules.put(at.toString(), typedSource(file.type(), file.path(), at));
      });
    }
    return new Bundle(main, Map.copyOf(modules), baseDir, null, false, null);
  }

  private record FoundModule(Path path, ModuleType type) {}

  /**
   * The files below {@code baseDir} that a rule types (wrangler's {@code find_additional_modules}), by module
   * name relative to {@code baseDir}; the entry, {@code .wrangler} and {@code node_modules} are skipped.
   */
  private static Map<String, FoundModule> findAdditionalModules(Path baseDir, Path main, List<ModuleRule> configured) {
    List<ModuleRule> rules = ModuleRule.effective(configured);
    Map<String, FoundModule> found = new TreeMap<>();
    try (Stream<Path> files = Files.walk(baseDir)) {
      files.filter(Files::isRegularFile).forEach(file -> {
        String name = baseDir.relativize(file).toString().replace('\\', '/');
        if (file.equals(main) || name.startsWith(".wrangler/") || name.startsWith("node_modules/")
            || name.contains("/node_modules/")) {
          return;
        }
        ModuleRule rule = ModuleRule.matching(rules, name);
        if (rule != null) {
          found.put(name, new FoundModule(file, rule.type()));
        }
      });
    } catch (IOException e) {
      throw new BuildException("cannot list the modules below " + baseDir + ": " + e.getMessage(), e);
    }
    return found;
  }

  private static String typedSource(ModuleType type, Path file, Path servedAt) {
    try {
      return ModuleSources.toEsModule(type, Files.readAllBytes(file), servedAt.toString().replace('\\', '/'));
    } catch (IOException e) {
      throw new BuildException("cannot read module " + file + ": " + e.getMessage(), e);
    }
  }

  // ---- cache ----

  /**
   * The disk cache: the configured folder, else one under the system temp folder. Not the project's
   * {@code .wrangler}: a project may be read-only or shared (as a conformance suite), and the key already holds
   * the entry's absolute path.
   */
  private static Path cacheRoot(BuildOptions options) {
    Path root = options.cacheDir() != null ? options.cacheDir().toAbsolutePath().normalize()
        : Path.of(System.getProperty("java.io.tmpdir"), "miniflare-java", "bundles");
    if (PRUNED_ROOTS.add(root)) {
      pruneUnused(root);
    }
    return root;
  }

  /** Deletes entries not written for a week (projects in temp folders leave entries nobody reads again). */
  private static void pruneUnused(Path root) {
    if (!Files.isDirectory(root)) {
      return;
    }
    java.nio.file.attribute.FileTime limit = java.nio.file.attribute.FileTime.from(
        java.time.Instant.now().minus(UNUSED_ENTRY_AGE));
    try (Stream<Path> entries = Files.list(root)) {
      entries.filter(e -> {
        try {
          return Files.getLastModifiedTime(e).compareTo(limit) < 0;
        } catch (IOException ex) {
          return false;
        }
      }).forEach(Bundler::deleteTree);
    } catch (IOException e) {
      LOG.debug("cannot prune the bundle cache {}", root, e);
    }
  }

  /** The cached bundle for {@code key} if every input it was built from is unchanged, else null. */
  private static Bundle cached(String key, BuildOptions options) {
    CachedBundle inMemory = MEMORY.get(key);
    if (inMemory != null && inMemory.unchanged()) {
      Bundle b = inMemory.bundle();
      return new Bundle(b.mainPath(), b.modules(), b.diskRoot(), b.sourceMap(), true, b.esModule());
    }
    Path dir = cacheRoot(options).resolve(key);
    Path manifestFile = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(manifestFile)) {
      return null;
    }
    try {
      JsonNode manifest = JSON.readTree(manifestFile.toFile());
      Map<String, String> inputs = new LinkedHashMap<>();
      manifest.path("inputs").fields().forEachRemaining(e -> inputs.put(e.getKey(), e.getValue().asText()));
      if (!unchanged(inputs)) {
        return null;
      }
      Path mainPath = dir.resolve(manifest.path("main").asText());
      Map<String, String> modules = new LinkedHashMap<>();
      modules.put(mainPath.toString(), Files.readString(mainPath));
      for (JsonNode m : manifest.path("modules")) {
        Path at = dir.resolve(m.path("name").asText()).normalize();
        modules.put(at.toString(), typedSource(ModuleType.valueOf(m.path("type").asText()),
            Path.of(m.path("file").asText()), at));
      }
      SourceMap map = SourceMap.read(dir.resolve(manifest.path("main").asText() + ".map"), mainPath);
      Bundle bundle = new Bundle(mainPath, Map.copyOf(modules), null, map, true, manifest.path("esModule").asBoolean());
      MEMORY.put(key, new CachedBundle(bundle, inputs));
      return bundle;
    } catch (IOException | RuntimeException e) {
      LOG.debug("ignoring unreadable bundle cache entry {}", dir, e);
      return null;
    }
  }

  private static boolean unchanged(Map<String, String> inputHashes) {
    for (Map.Entry<String, String> e : inputHashes.entrySet()) {
      if (!e.getValue().equals(fileHash(Path.of(e.getKey())))) {
        return false;
      }
    }
    return true;
  }

  /** The SHA-256 of a file's content, or "absent". */
  private static String fileHash(Path file) {
    try {
      return sha256Hex(Files.readAllBytes(file));
    } catch (IOException e) {
      return "absent";
    }
  }

  // ---- esbuild ----

  private static Bundle esbuild(String key, Path main, Path projectRoot, Path baseDir, BuildOptions options,
      boolean nodejsCompat) {
    Path root = cacheRoot(options);
    Path out;
    try {
      Files.createDirectories(root);
      out = Files.createTempDirectory(root, key + ".tmp-");
    } catch (IOException e) {
      throw new BuildException("cannot create the bundle folder under " + root + ": " + e.getMessage(), e);
    }
    String entryName = stripExtension(main.getFileName().toString());
    Path metafile = out.resolve("bundle-meta.json");
    List<String> rules = ModuleRule.effective(options.rules()).stream().filter(r -> !r.isJavaScript())
        .flatMap(r -> r.globs().stream()).toList();
    List<String> argv = esbuildArguments(main, options, nodejsCompat, out, entryName, metafile, rules);
    ESBUILD_RUNS.incrementAndGet();
    String stderr = runEsbuild(argv, projectRoot);
    List<String> messages = messageBlocks(stderr);
    List<String> errors = messages.stream().filter(m -> m.startsWith("✘ [ERROR]") || m.startsWith("X [ERROR]"))
        .map(m -> rewriteError(m, nodejsCompat)).toList();
    if (!errors.isEmpty() || !Files.isRegularFile(out.resolve(entryName + ".js"))) {
      deleteTree(out);
      if (errors.isEmpty()) {
        throw new BuildException("Build failed: esbuild " + stderr.strip());
      }
      throw new BuildException("Build failed with " + errors.size() + " error" + (errors.size() == 1 ? "" : "s")
          + ":\n" + String.join("\n", errors).stripTrailing());
    }
    messages.stream().filter(m -> m.startsWith("▲ [WARNING]")).forEach(w -> LOG.warn("{}", w.strip()));
    try {
      JsonNode meta = JSON.readTree(metafile.toFile());
      Map<String, String> inputs = new TreeMap<>();
      List<ObjectNode> moduleEntries = new ArrayList<>();
      Path bundlePath = out.resolve(entryName + ".js");
      String code = Files.readString(bundlePath);
      Map<String, String> renamed = new LinkedHashMap<>();
      Map<String, Path> renamedFrom = new LinkedHashMap<>();
      Map<String, List<String>> nodeImports = new TreeMap<>();
      Iterable<Map.Entry<String, JsonNode>> metaInputs = () -> meta.path("inputs").fields();
      for (Map.Entry<String, JsonNode> input : metaInputs) {
        Path file = inputPath(projectRoot, input.getKey());
        if (file == null) {
          continue;
        }
        inputs.put(file.toString(), fileHash(file));
        addResolutionFiles(file, projectRoot, inputs);
        for (JsonNode imp : input.getValue().path("imports")) {
          if (!imp.path("external").asBoolean(false)) {
            continue;
          }
          String specifier = imp.path("path").asText();
          if (specifier.startsWith("node:") && !nodejsCompat) {
            nodeImports.computeIfAbsent(specifier, k -> new ArrayList<>()).add(input.getKey());
          }
          ModuleRule rule = ModuleRule.matching(ModuleRule.effective(options.rules()).stream()
              .filter(r -> !r.isJavaScript()).toList(), specifier);
          if (rule == null) {
            continue;
          }
          Path moduleFile = resolveRuleImport(file, specifier, projectRoot, input.getKey());
          byte[] bytes = Files.readAllBytes(moduleFile);
          String cleaned = stripQuery(specifier);
          String name = options.preserveFileNames()
              ? (cleaned.startsWith("./") ? cleaned.substring(2) : cleaned)
              : sha1Hex(bytes) + "-" + moduleFile.getFileName();
          Path previous = renamedFrom.putIfAbsent(specifier, moduleFile);
          if (previous != null && !previous.equals(moduleFile)
              && !sha1Hex(Files.readAllBytes(previous)).equals(sha1Hex(bytes))) {
            throw new BuildException("Build failed: \"" + specifier + "\" names two different files (" + previous
                + " and " + moduleFile + ") in one bundle; rename one of them");
          }
          if (renamed.putIfAbsent(specifier, name) == null) {
            inputs.put(moduleFile.toString(), fileHash(moduleFile));
            ObjectNode m = JSON.createObjectNode();
            m.put("name", name).put("type", rule.type().name()).put("file", moduleFile.toString());
            moduleEntries.add(m);
          }
        }
      }
      // wrangler's warning, one per package with its importers (the import then fails when the worker loads)
      nodeImports.forEach((specifier, importers) -> LOG.warn("The package \"{}\" wasn't found on the file system but"
          + " is built into node.\n\nYour Worker may throw errors at runtime unless you enable the \"nodejs_compat\""
          + " compatibility flag. Refer to https://developers.cloudflare.com/workers/runtime-apis/nodejs/ for more"
          + " details. Imported from:\n{}", specifier,
          String.join("\n", importers.stream().map(i -> " - " + i).toList())));
      for (Map.Entry<String, String> r : renamed.entrySet()) {
        code = replaceImportSpecifier(code, r.getKey(), "./" + r.getValue());
      }
      Files.writeString(bundlePath, code);
      if (options.tsconfig() != null) {
        Path tsconfig = projectRoot.resolve(options.tsconfig()).normalize();
        inputs.put(tsconfig.toString(), fileHash(tsconfig));
      }
      ObjectNode manifest = JSON.createObjectNode();
      // esbuild lists the bundle's exports: none means a service worker (wrangler's format guess)
      boolean esModule = false;
      for (JsonNode output : meta.path("outputs")) {
        if (output.has("entryPoint") && output.path("exports").size() > 0) {
          esModule = true;
        }
      }
      manifest.put("main", entryName + ".js");
      manifest.put("esModule", esModule);
      ObjectNode inputsNode = manifest.putObject("inputs");
      inputs.forEach(inputsNode::put);
      manifest.putArray("modules").addAll(moduleEntries);
      JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve(MANIFEST).toFile(), manifest);

      Path dir = publish(out, root.resolve(key));
      Path mainPath = dir.resolve(entryName + ".js");
      Map<String, String> modules = new LinkedHashMap<>();
      modules.put(mainPath.toString(), code);
      for (ObjectNode m : moduleEntries) {
        Path at = dir.resolve(m.path("name").asText()).normalize();
        modules.put(at.toString(), typedSource(ModuleType.valueOf(m.path("type").asText()),
            Path.of(m.path("file").asText()), at));
      }
      SourceMap map = SourceMap.read(dir.resolve(entryName + ".js.map"), mainPath);
      Bundle bundle = new Bundle(mainPath, Map.copyOf(modules), null, map, false, esModule);
      MEMORY.put(key, new CachedBundle(bundle, inputs));
      return bundle;
    } catch (IOException e) {
      deleteTree(out);
      throw new BuildException("Build failed: cannot read esbuild's output: " + e.getMessage(), e);
    }
  }

  private static List<String> esbuildArguments(Path main, BuildOptions options, boolean nodejsCompat, Path out,
      String entryName, Path metafile, List<String> ruleGlobs) {
    List<String> argv = new ArrayList<>(List.of(EsbuildBinary.path().toString(), main.toString(), "--bundle",
        "--format=esm", "--target=es2024", "--supported:import-source=true", "--loader:.js=jsx",
        "--loader:.mjs=jsx", "--loader:.cjs=jsx", "--conditions=workerd,worker,browser", "--sourcemap=external",
        "--outdir=" + out, "--entry-names=" + entryName, "--metafile=" + metafile, "--color=false",
        "--log-level=warning", "--log-limit=0", "--external:__STATIC_CONTENT_MANIFEST", "--external:cloudflare:*",
        "--external:node:*"));
    // What wrangler's dev defines; a configured define of the same name wins (later flags override).
    for (String name : List.of("process.env.NODE_ENV", "global.process.env.NODE_ENV",
        "globalThis.process.env.NODE_ENV")) {
      argv.add("--define:" + name + "=\"development\"");
    }
    options.define().forEach((k, v) -> argv.add("--define:" + k + "=" + v));
    if (nodejsCompat) {
      // Bare built-in names load the runtime's node: modules, as with wrangler's nodejs_compat plugin.
      NODE_BUILTINS.forEach(b -> {
        if (!options.alias().containsKey(b)) {
          argv.add("--alias:" + b + "=node:" + b);
        }
      });
    }
    options.alias().forEach((k, v) -> argv.add("--alias:" + k + "=" + v));
    if (options.keepNames()) {
      argv.add("--keep-names");
    }
    if (options.minify()) {
      argv.add("--minify");
    }
    if (options.jsxFactory() != null) {
      argv.add("--jsx-factory=" + options.jsxFactory());
    }
    if (options.jsxFragment() != null) {
      argv.add("--jsx-fragment=" + options.jsxFragment());
    }
    if (options.tsconfig() != null) {
      argv.add("--tsconfig=" + options.tsconfig());
    }
    // Imports a rule types stay separate modules: external here, renamed and served typed afterwards. esbuild's
    // external patterns take one wildcard, so a glob's last path segment stands for it ("**/*.txt" -> "*.txt");
    // the full glob is checked against each import afterwards.
    // A segment of wildcards alone ("**/*") would make every import external: such globs only type found modules.
    ruleGlobs.stream().map(g -> g.substring(g.lastIndexOf('/') + 1)).distinct()
        .filter(p -> !p.replace("*", "").isEmpty())
        .forEach(p -> argv.add("--external:" + p));
    return argv;
  }

  private static String runEsbuild(List<String> argv, Path workingDir) {
    try {
      Process p = new ProcessBuilder(argv).directory(workingDir.toFile())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      p.getOutputStream().close();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      try (InputStream in = p.getErrorStream()) {
        in.transferTo(err);
      }
      p.waitFor();
      return err.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BuildException("cannot run esbuild (" + argv.get(0) + "): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BuildException("interrupted while bundling", e);
    }
  }

  /** esbuild's log split into its messages, each starting with its "✘ [ERROR]" / "▲ [WARNING]" line. */
  static List<String> messageBlocks(String log) {
    List<String> blocks = new ArrayList<>();
    StringBuilder current = null;
    for (String line : log.split("\n", -1)) {
      boolean start = line.startsWith("✘ [ERROR]") || line.startsWith("X [ERROR]") || line.startsWith("▲ [WARNING]");
      if (start) {
        if (current != null) {
          blocks.add(current.toString().stripTrailing());
        }
        current = new StringBuilder();
      }
      if (line.matches("\\d+ (errors?|warnings?)( and \\d+ (errors?|warnings?))?")) {
        continue; // esbuild's closing count
      }
      if (current != null) {
        current.append(line).append('\n');
      }
    }
    if (current != null) {
      blocks.add(current.toString().stripTrailing());
    }
    return blocks;
  }

  private static final Pattern COULD_NOT_RESOLVE = Pattern.compile("^\\S+ \\[ERROR\\] Could not resolve \"([^\"]+)\"");

  /**
   * wrangler's rewrites of esbuild's resolution errors: a Node.js built-in gets the {@code nodejs_compat} hint,
   * a missing package the {@code alias} hint and (ours) the reminder to install it.
   */
  static String rewriteError(String block, boolean nodejsCompat) {
    Matcher m = COULD_NOT_RESOLVE.matcher(block);
    if (!m.find()) {
      return block;
    }
    String specifier = m.group(1);
    String bare = specifier.startsWith("node:") ? specifier.substring(5) : specifier;
    // esbuild's notes are the lines indented by two spaces (the source excerpt is indented by four)
    String head = block.lines().filter(l -> !(l.startsWith("  ") && !l.startsWith("   ") && !l.isBlank()))
        .reduce("", (a, b) -> a + b + "\n").stripTrailing();
    if (NODE_BUILTINS.contains(bare.split("/")[0]) && !nodejsCompat) {
      return head + "\n\n  The package \"" + specifier + "\" wasn't found on the file system but is built into node.\n"
          + "  - Add the \"nodejs_compat\" compatibility flag to your project.";
    }
    if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("cloudflare:")) {
      return block;
    }
    String packageName = specifier.startsWith("@") ? String.join("/", List.of(specifier.split("/", 3)).subList(0,
        Math.min(2, specifier.split("/", 3).length))) : specifier.split("/")[0];
    return head + "\n\n  The package \"" + packageName + "\" is not installed: run your package manager (npm install,"
        + " pnpm install or yarn) in the project, or add it to package.json first.\n"
        + "  To fix this, you can add an entry to \"alias\" in your Wrangler configuration.\n"
        + "  For more guidance see: https://developers.cloudflare.com/workers/wrangler/configuration/#bundling-issues";
  }

  /** The absolute file of a metafile input, or null for esbuild's virtual inputs. */
  private static Path inputPath(Path projectRoot, String input) {
    if (input.startsWith("<") || input.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*") && !input.matches("^[a-zA-Z]:[\\\\/].*")) {
      return null;
    }
    return projectRoot.resolve(input).normalize();
  }

  /** The nearest package.json of an input and the tsconfig.json files above it: they change how imports resolve. */
  private static void addResolutionFiles(Path input, Path projectRoot, Map<String, String> inputs) {
    boolean packageFound = false;
    for (Path dir = input.getParent(); dir != null; dir = dir.getParent()) {
      Path pkg = dir.resolve("package.json");
      if (!packageFound && Files.isRegularFile(pkg)) {
        inputs.computeIfAbsent(pkg.toString(), k -> fileHash(pkg));
        packageFound = true;
      }
      if (dir.startsWith(projectRoot)) {
        Path tsconfig = dir.resolve("tsconfig.json");
        if (!inputs.containsKey(tsconfig.toString())) {
          inputs.put(tsconfig.toString(), fileHash(tsconfig));
        }
      }
      if (dir.equals(projectRoot) || packageFound && !dir.startsWith(projectRoot)) {
        break;
      }
    }
  }

  /** The file a rule-typed import names: relative to the importer, absolute, or a file in a package. */
  private static Path resolveRuleImport(Path importer, String specifier, Path projectRoot, String importerName) {
    String cleaned = stripQuery(specifier);
    Path dir = importer.getParent();
    List<Path> candidates = new ArrayList<>();
    if (cleaned.startsWith("./") || cleaned.startsWith("../")) {
      candidates.add(dir.resolve(cleaned).normalize());
    } else if (cleaned.startsWith("/")) {
      candidates.add(Path.of(cleaned));
    } else {
      for (Path d = dir; d != null; d = d.getParent()) {
        candidates.add(d.resolve("node_modules").resolve(cleaned).normalize());
      }
    }
    for (Path c : candidates) {
      if (Files.isRegularFile(c)) {
        return c;
      }
    }
    throw new BuildException("Build failed with 1 error:\n✘ [ERROR] Could not resolve \"" + specifier + "\"\n\n    "
        + importerName + ": the file " + candidates.get(0) + " does not exist");
  }

  /** Replaces the module specifier of import/export statements and dynamic imports of {@code from}. */
  static String replaceImportSpecifier(String code, String from, String to) {
    Pattern p = Pattern.compile("(\\bfrom\\s*|\\bimport\\s*\\(\\s*|\\bimport\\s*)([\"'])" + Pattern.quote(from) + "\\2");
    return p.matcher(code).replaceAll(r -> Matcher.quoteReplacement(r.group(1) + "\"" + to + "\""));
  }

  /** Moves a finished build to its cache folder (replacing an older one); keeps it where it is if that fails. */
  private static Path publish(Path built, Path target) {
    try {
      if (Files.exists(target)) {
        Path old = target.resolveSibling(target.getFileName() + ".old-" + System.nanoTime());
        Files.move(target, old);
        deleteTree(old);
      }
      Files.move(built, target, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      // another JVM published the same key meanwhile: this build stays valid in its own folder
      return built;
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      LOG.debug("cannot delete {}", dir, e);
    }
  }

  private static String stripExtension(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private static String stripQuery(String specifier) {
    int q = specifier.indexOf('?');
    return q >= 0 ? specifier.substring(0, q) : specifier;
  }

  static String sha256Hex(byte[] bytes) {
    return digest("SHA-256", bytes);
  }

  private static String sha1Hex(byte[] bytes) {
    return digest("SHA-1", bytes);
  }

  private static String digest(String algorithm, byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
