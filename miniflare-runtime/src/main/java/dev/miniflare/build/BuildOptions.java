package dev.miniflare.build;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a worker's entry is built before it runs, with wrangler's keys and defaults: bundled with esbuild unless
 * {@link Builder#bundle(boolean) bundle(false)} ({@code no_bundle}), names kept, not minified.
 *
 * <pre>{@code
 * BuildOptions.builder().projectRoot(Path.of("."))
 *     .define("DEBUG", "false").alias("react", "preact/compat")
 *     .rule(new ModuleRule(ModuleType.Text, List.of("**}{@code /*.md"), false))
 *     .build();
 * }</pre>
 */
public final class BuildOptions {
  private final boolean bundle;
  private final Path projectRoot;
  private final Path baseDir;
  private final boolean minify;
  private final boolean keepNames;
  private final Map<String, String> define;
  private final Map<String, String> alias;
  private final String jsxFactory;
  private final String jsxFragment;
  private final Path tsconfig;
  private final List<ModuleRule> rules;
  private final boolean findAdditionalModules;
  private final boolean preserveFileNames;
  private final String buildCommand;
  private final Path buildCwd;
  private final Path cacheDir;

  private BuildOptions(Builder b) {
    this.bundle = b.bundle;
    this.projectRoot = b.projectRoot;
    this.baseDir = b.baseDir;
    this.minify = b.minify;
    this.keepNames = b.keepNames;
    this.define = Map.copyOf(b.define);
    this.alias = Map.copyOf(b.alias);
    this.jsxFactory = b.jsxFactory;
    this.jsxFragment = b.jsxFragment;
    this.tsconfig = b.tsconfig;
    this.rules = List.copyOf(b.rules);
    this.findAdditionalModules = b.findAdditionalModules;
    this.preserveFileNames = b.preserveFileNames;
    this.buildCommand = b.buildCommand;
    this.buildCwd = b.buildCwd;
    this.cacheDir = b.cacheDir;
  }

  /** A builder with wrangler's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether the entry is bundled with esbuild (false: wrangler's {@code no_bundle}). */
  public boolean bundle() {
    return bundle;
  }

  /** The folder relative paths are resolved against (the wrangler config's folder), or null for the entry's. */
  public Path projectRoot() {
    return projectRoot;
  }

  /** {@code base_dir}: the root of module names and of found additional modules, or null for the entry's folder. */
  public Path baseDir() {
    return baseDir;
  }

  /** {@code minify}. */
  public boolean minify() {
    return minify;
  }

  /** {@code keep_names} (default true). */
  public boolean keepNames() {
    return keepNames;
  }

  /** {@code define}: identifiers replaced by JavaScript expressions. */
  public Map<String, String> define() {
    return define;
  }

  /** {@code alias}: module specifiers replaced by others. */
  public Map<String, String> alias() {
    return alias;
  }

  /** {@code jsx_factory}, or null for esbuild's ({@code React.createElement}). */
  public String jsxFactory() {
    return jsxFactory;
  }

  /** {@code jsx_fragment}, or null for esbuild's ({@code React.Fragment}). */
  public String jsxFragment() {
    return jsxFragment;
  }

  /** {@code tsconfig}, or null for the nearest {@code tsconfig.json} esbuild finds. */
  public Path tsconfig() {
    return tsconfig;
  }

  /** {@code [[rules]]}, before wrangler's default rules. */
  public List<ModuleRule> rules() {
    return rules;
  }

  /** {@code find_additional_modules}. */
  public boolean findAdditionalModules() {
    return findAdditionalModules;
  }

  /** {@code preserve_file_names}: additional modules keep their names instead of {@code <sha1>-<name>}. */
  public boolean preserveFileNames() {
    return preserveFileNames;
  }

  /** {@code [build] command}, run before building, or null. */
  public String buildCommand() {
    return buildCommand;
  }

  /** {@code [build] cwd}, or null for the project root. */
  public Path buildCwd() {
    return buildCwd;
  }

  /** Where bundles are cached on disk, or null for the default (a folder under the system temp folder). */
  public Path cacheDir() {
    return cacheDir;
  }

  /** Everything that changes esbuild's output, as one stable text (a part of the bundle cache key). */
  String cacheKeyText() {
    return String.join("\n", "bundle=" + bundle, "minify=" + minify, "keepNames=" + keepNames,
        "define=" + new java.util.TreeMap<>(define), "alias=" + new java.util.TreeMap<>(alias),
        "jsxFactory=" + jsxFactory, "jsxFragment=" + jsxFragment, "tsconfig=" + tsconfig, "rules=" + rules,
        "findAdditionalModules=" + findAdditionalModules, "preserveFileNames=" + preserveFileNames,
        "baseDir=" + baseDir, "projectRoot=" + projectRoot);
  }

  /** Builds {@link BuildOptions}. */
  public static final class Builder {
    private boolean bundle = true;
    private Path projectRoot;
    private Path baseDir;
    private boolean minify;
    private boolean keepNames = true;
    private final Map<String, String> define = new LinkedHashMap<>();
    private final Map<String, String> alias = new LinkedHashMap<>();
    private String jsxFactory;
    private String jsxFragment;
    private Path tsconfig;
    private final List<ModuleRule> rules = new java.util.ArrayList<>();
    private boolean findAdditionalModules;
    private boolean preserveFileNames;
    private String buildCommand;
    private Path buildCwd;
    private Path cacheDir;

    private Builder() {}

    /** Bundle with esbuild (default) or serve the entry and its modules as they are ({@code no_bundle}). */
    public Builder bundle(boolean bundle) {
      this.bundle = bundle;
      return this;
    }

    /** The folder relative paths are resolved against (a wrangler config's folder). */
    public Builder projectRoot(Path projectRoot) {
      this.projectRoot = projectRoot;
      return this;
    }

    /** {@code base_dir}. */
    public Builder baseDir(Path baseDir) {
      this.baseDir = baseDir;
      return this;
    }

    /** {@code minify}. */
    public Builder minify(boolean minify) {
      this.minify = minify;
      return this;
    }

    /** {@code keep_names}. */
    public Builder keepNames(boolean keepNames) {
      this.keepNames = keepNames;
      return this;
    }

    /** Adds a {@code define} entry: {@code identifier} is replaced by the JavaScript expression {@code value}. */
    public Builder define(String identifier, String value) {
      define.put(Objects.requireNonNull(identifier), Objects.requireNonNull(value));
      return this;
    }

    /** Adds an {@code alias} entry: imports of {@code specifier} load {@code replacement} instead. */
    public Builder alias(String specifier, String replacement) {
      alias.put(Objects.requireNonNull(specifier), Objects.requireNonNull(replacement));
      return this;
    }

    /** {@code jsx_factory}. */
    public Builder jsxFactory(String jsxFactory) {
      this.jsxFactory = jsxFactory;
      return this;
    }

    /** {@code jsx_fragment}. */
    public Builder jsxFragment(String jsxFragment) {
      this.jsxFragment = jsxFragment;
      return this;
    }

    /** {@code tsconfig}. */
    public Builder tsconfig(Path tsconfig) {
      this.tsconfig = tsconfig;
      return this;
    }

    /** Adds a {@code [[rules]]} entry (applied in the order added, before the default rules). */
    public Builder rule(ModuleRule rule) {
      rules.add(Objects.requireNonNull(rule));
      return this;
    }

    /** {@code find_additional_modules}. */
    public Builder findAdditionalModules(boolean findAdditionalModules) {
      this.findAdditionalModules = findAdditionalModules;
      return this;
    }

    /** {@code preserve_file_names}. */
    public Builder preserveFileNames(boolean preserveFileNames) {
      this.preserveFileNames = preserveFileNames;
      return this;
    }

    /** {@code [build] command} and {@code cwd} (null: the project root). */
    public Builder buildCommand(String command, Path cwd) {
      this.buildCommand = command;
      this.buildCwd = cwd;
      return this;
    }

    /** Where bundles are cached on disk. */
    public Builder cacheDir(Path cacheDir) {
      this.cacheDir = cacheDir;
      return this;
    }

    /** The options. */
    public BuildOptions build() {
      return new BuildOptions(this);
    }
  }
}
