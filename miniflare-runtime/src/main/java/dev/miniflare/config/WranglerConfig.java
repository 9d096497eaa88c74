package dev.miniflare.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Worker's configuration read from {@code wrangler.toml}, {@code wrangler.json} or
 * {@code wrangler.jsonc}, with local secrets from {@code .dev.vars} or {@code .env}, resolved for one
 * environment. Immutable; all collections are unmodifiable and keep the file's order.
 *
 * <p>Environments follow Wrangler: with {@code [env.NAME]} selected, inheritable keys (main,
 * compatibility date and flags, route(s), triggers, migrations, ...) come from the environment when it
 * sets them and otherwise from the top level; bindings (vars, kv_namespaces, services,
 * durable_objects, r2_buckets, d1_databases, queues, ...) come only from the environment; the name
 * becomes {@code <name>-<env>} unless the environment sets its own.
 *
 * <p>Problems that make the file unusable throw {@link ConfigException} with {@code file:line:column};
 * harmless ones (unknown keys, ignored lines) are collected in {@link #warnings()}; bindings the
 * simulator does not implement are listed in {@link #unsupportedBindings()} for the caller to refuse.
 */
public final class WranglerConfig {
  /** File names {@link #find} looks for, in Wrangler's order of preference. */
  public static final List<String> FILE_NAMES = List.of("wrangler.json", "wrangler.jsonc", "wrangler.toml");

  private final ConfigReader.Data d;
  private final Map<String, Object> bindingsVars;

  private WranglerConfig(ConfigReader.Data d) {
    this.d = d;
    Map<String, Object> merged = new LinkedHashMap<>(d.vars);
    merged.putAll(d.secrets); // a local secret overrides a var of the same name, as in wrangler dev
    this.bindingsVars = Collections.unmodifiableMap(merged);
  }

  /**
   * Reads a configuration file without selecting an environment.
   *
   * @param file a {@code .toml}, {@code .json} or {@code .jsonc} file
   * @return the configuration
   * @throws ConfigException if the file is missing, malformed or invalid
   */
  public static WranglerConfig load(Path file) {
    return load(file, null);
  }

  /**
   * Reads a configuration file and resolves it for one environment.
   *
   * @param file a {@code .toml}, {@code .json} or {@code .jsonc} file
   * @param environment the {@code [env.NAME]} to use, or {@code null} (or blank) for the top level
   * @return the configuration
   * @throws ConfigException if the file is missing, malformed or invalid, or the environment is not
   *     defined in it (the message lists the ones that are)
   */
  public static WranglerConfig load(Path file, String environment) {
    Objects.requireNonNull(file, "file");
    Path abs = file.toAbsolutePath().normalize();
    ConfigFormat format = ConfigFormat.of(abs).orElseThrow(() -> new ConfigException(
        abs, "unsupported configuration file type; expected a .toml, .json or .jsonc file"));
    String text = readText(abs);
    Node root = ConfigParser.parse(abs, format, text);
    String env = environment == null || environment.isBlank() ? null : environment;
    return new WranglerConfig(new ConfigReader(abs, format).read(root, env));
  }

  /**
   * Looks for a configuration file in {@code directory} and then its parents, the way Wrangler does,
   * preferring {@code wrangler.json}, then {@code wrangler.jsonc}, then {@code wrangler.toml} in each
   * folder.
   *
   * @param directory where to start
   * @return the first file found, or empty
   */
  public static Optional<Path> find(Path directory) {
    for (Path dir = directory.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      for (String n : FILE_NAMES) {
        Path candidate = dir.resolve(n);
        if (Files.isRegularFile(candidate)) return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static String readText(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file, "configuration file not found");
    } catch (IOException e) {
      if (Files.isDirectory(file)) throw new ConfigException(file, "is a directory, not a configuration file");
      throw new ConfigException(file, -1, -1, "cannot read: " + e, e);
    }
    try {
      String s = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
      return s.startsWith("\uFEFF") ? s.substring(1) : s;
    } catch (CharacterCodingException e) {
      throw new ConfigException(file, -1, -1, "is not valid UTF-8", e);
    }
  }

  /**
   * The configuration file.
   *
   * @return its absolute, normalized path
   */
  public Path file() {
    return d.file;
  }

  /**
   * The folder holding the configuration file; relative paths in it resolve against this.
   *
   * @return the absolute folder
   */
  public Path directory() {
    return d.file.getParent();
  }

  /**
   * The syntax the file was read as.
   *
   * @return the format
   */
  public ConfigFormat format() {
    return d.format;
  }

  /**
   * The selected environment.
   *
   * @return its name, or empty for the top level
   */
  public Optional<String> environment() {
    return Optional.ofNullable(d.environment);
  }

  /**
   * The environments the file defines under {@code env}.
   *
   * @return their names in file order
   */
  public List<String> environments() {
    return d.environments;
  }

  /**
   * The Worker's name; with an environment selected it is {@code <name>-<env>} unless the
   * environment sets its own.
   *
   * @return the name, or {@code null} when none is configured
   */
  public String name() {
    return d.name;
  }

  /**
   * The entry module as written in {@code main}.
   *
   * @return the path text, or {@code null} when not set
   */
  public String main() {
    return d.main;
  }

  /**
   * How the worker is built: {@code no_bundle}, {@code minify}, {@code define}, {@code alias}, {@code [[rules]]},
   * {@code [build]} and the other bundling keys.
   */
  public BuildConfig build() {
    return d.build;
  }

  /**
   * The entry module resolved against {@link #directory()}.
   *
   * @return the absolute path, or empty when {@code main} is not set
   */
  public Optional<Path> mainPath() {
    return d.main == null ? Optional.empty() : Optional.of(directory().resolve(d.main).normalize());
  }

  /**
   * The {@code compatibility_date}, validated as {@code YYYY-MM-DD}.
   *
   * @return the date text, or {@code null} when not set
   */
  public String compatibilityDate() {
    return d.compatibilityDate;
  }

  /**
   * The {@code compatibility_flags}.
   *
   * @return the flags, empty when none
   */
  public List<String> compatibilityFlags() {
    return d.compatibilityFlags;
  }

  /**
   * The {@code vars}, with their TOML/JSON types kept: String, Long (integers), Double, Boolean,
   * {@code List<Object>}, insertion-ordered {@code Map<String, Object>}, nested; JSON {@code null}
   * stays {@code null}.
   *
   * @return the variables in file order
   */
  public Map<String, Object> vars() {
    return d.vars;
  }

  /**
   * Local secrets from {@code .dev.vars} / {@code .dev.vars.<env>}, or, when neither exists, from
   * the {@code .env} files beside the configuration. Restricted to {@code secrets.required} when
   * that is configured.
   *
   * @return the secrets in file order
   */
  public Map<String, String> secrets() {
    return d.secrets;
  }

  /**
   * The files {@link #secrets()} were read from, in the order applied (later ones win).
   *
   * @return the files, empty when there were none
   */
  public List<Path> secretsFiles() {
    return d.secretsFiles;
  }

  /**
   * {@link #vars()} merged with {@link #secrets()}, a secret replacing a var of the same name: the
   * plain values the Worker sees on {@code env}.
   *
   * @return the merged values
   */
  public Map<String, Object> bindingsVars() {
    return bindingsVars;
  }

  /**
   * The {@code kv_namespaces} bindings.
   *
   * @return the bindings, empty when none
   */
  public List<KvNamespaceConfig> kvNamespaces() {
    return d.kvNamespaces;
  }

  /**
   * The {@code services} bindings.
   *
   * @return the bindings, empty when none
   */
  public List<ServiceBindingConfig> services() {
    return d.services;
  }

  /**
   * The routes from {@code route} or {@code routes} (never both).
   *
   * @return the routes, empty when none
   */
  public List<RouteConfig> routes() {
    return d.routes;
  }

  /**
   * The {@code durable_objects.bindings}.
   *
   * @return the bindings, empty when none
   */
  public List<DurableObjectBindingConfig> durableObjects() {
    return d.durableObjects;
  }

  /**
   * The Durable Object {@code migrations}.
   *
   * @return the migrations in order, empty when none
   */
  public List<MigrationConfig> migrations() {
    return d.migrations;
  }

  /**
   * The {@code r2_buckets} bindings.
   *
   * @return the bindings, empty when none
   */
  public List<R2BucketConfig> r2Buckets() {
    return d.r2Buckets;
  }

  /**
   * The {@code d1_databases} bindings.
   *
   * @return the bindings, empty when none
   */
  public List<D1DatabaseConfig> d1Databases() {
    return d.d1Databases;
  }

  /**
   * The {@code queues.producers}.
   *
   * @return the producers, empty when none
   */
  public List<QueueProducerConfig> queueProducers() {
    return d.queueProducers;
  }

  /**
   * The {@code queues.consumers}.
   *
   * @return the consumers, empty when none
   */
  public List<QueueConsumerConfig> queueConsumers() {
    return d.queueConsumers;
  }

  /**
   * The cron expressions from {@code [triggers] crons}.
   *
   * @return the expressions, empty when none
   */
  public List<String> crons() {
    return d.crons;
  }

  /**
   * The {@code [assets]} section (inherited by environments), when the worker serves static assets.
   *
   * @return the section, empty without {@code [assets]}
   */
  public Optional<AssetsConfig> assets() {
    return Optional.ofNullable(d.assets);
  }

  /**
   * The top-level {@code [dev]} table (e.g. {@code port}, {@code ip}, {@code local_protocol}) as
   * plain values.
   *
   * @return the settings, empty when not set
   */
  public Map<String, Object> dev() {
    return d.dev;
  }

  /**
   * {@code limits.cpu_ms}: the CPU time in milliseconds one invocation may use.
   *
   * @return the limit, or null when not set
   */
  public Long cpuMs() {
    return d.cpuMs;
  }

  /**
   * Binding-like keys present for the selected environment that the simulator does not implement,
   * each with its location, so the runtime can refuse them explicitly.
   *
   * @return the bindings, empty when none
   */
  public List<UnsupportedBinding> unsupportedBindings() {
    return d.unsupportedBindings;
  }

  /**
   * Non-fatal problems: unknown keys (with a did-you-mean hint when one is close), keys placed where
   * they have no effect, bindings not inherited by the selected environment, ignored lines in secrets
   * files, missing required secrets.
   *
   * @return the warnings in the order found
   */
  public List<ConfigWarning> warnings() {
    return d.warnings;
  }

  @Override
  public String toString() {
    return "WranglerConfig[" + d.file + (d.environment == null ? "" : ", env=" + d.environment)
        + ", name=" + d.name + ", main=" + d.main + "]";
  }
}
