package dev.miniflare.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a parsed configuration tree and resolves the selected environment into the values
 * {@link WranglerConfig} exposes. One instance reads one file once.
 */
final class ConfigReader {
  /** Everything {@link WranglerConfig} holds, filled in by {@link #read}. */
  static final class Data {
    Path file;
    ConfigFormat format;
    String environment;
    List<String> environments = List.of();
    String name;
    String main;
    String compatibilityDate;
    List<String> compatibilityFlags = List.of();
    Map<String, Object> vars = Map.of();
    Map<String, String> secrets = Map.of();
    List<Path> secretsFiles = List.of();
    List<KvNamespaceConfig> kvNamespaces = List.of();
    List<ServiceBindingConfig> services = List.of();
    List<RouteConfig> routes = List.of();
    List<DurableObjectBindingConfig> durableObjects = List.of();
    List<MigrationConfig> migrations = List.of();
    List<R2BucketConfig> r2Buckets = List.of();
    List<D1DatabaseConfig> d1Databases = List.of();
    List<QueueProducerConfig> queueProducers = List.of();
    List<QueueConsumerConfig> queueConsumers = List.of();
    List<String> crons = List.of();
    AssetsConfig assets; // null without [assets]
    Map<String, Object> dev = Map.of();
    Long cpuMs;
    BuildConfig build = BuildConfig.NONE;
    List<UnsupportedBinding> unsupportedBindings = List.of();
    List<ConfigWarning> warnings = List.of();
  }

  /** A value looked up for the active environment, with the dotted path it was read from. */
  private static final class Field {
    final String path;
    final Node node; // null when absent

    Field(String path, Node node) {
      this.path = path;
      this.node = node == null || node.isNull() ? null : node;
    }

    boolean present() {
      return node != null;
    }
  }

  private final Path file;
  private final ConfigFormat format;
  private final List<ConfigWarning> warnings = new ArrayList<>();
  private Map<String, Node> top;
  private Map<String, Node> env; // null when no environment is selected
  private String envName;

  ConfigReader(Path file, ConfigFormat format) {
    this.file = file;
    this.format = format;
  }

  Data read(Node root, String environment) {
    top = root.table();
    Data d = new Data();
    d.file = file;
    d.format = format;
    checkKeys(top, Keys.TOP_LEVEL, "", null);

    Map<String, Map<String, Node>> envs = environments();
    d.environments = List.copyOf(envs.keySet());
    if (environment != null) {
      env = envs.get(environment);
      if (env == null) {
        Node at = top.get("env");
        throw new ConfigException(
            file,
            at == null ? -1 : at.line,
            at == null ? -1 : at.column,
            "no environment named \"" + environment + "\" in " + file.getFileName() + "; "
                + (envs.isEmpty()
                    ? "the file defines no environments (add an [env." + environment + "] section)"
                    : "available environments: " + String.join(", ", envs.keySet())));
      }
      envName = environment;
      d.environment = environment;
      warnNotInherited();
    }

    d.name = name();
    d.main = string(inherit("main"));
    d.compatibilityDate = compatibilityDate(inherit("compatibility_date"));
    d.compatibilityFlags = strings(inherit("compatibility_flags"));
    d.vars = vars(local("vars"));
    d.kvNamespaces = kvNamespaces(local("kv_namespaces"));
    d.services = services(local("services"));
    d.routes = routes();
    d.durableObjects = durableObjects(local("durable_objects"));
    d.migrations = migrations(inherit("migrations"));
    d.r2Buckets = r2Buckets(local("r2_buckets"));
    d.d1Databases = d1Databases(local("d1_databases"));
    queues(local("queues"), d);
    d.crons = crons(inherit("triggers"));
    d.build = buildConfig();
    d.assets = assets(inherit("assets"));
    d.cpuMs = cpuMs(inherit("limits"));
    Field dev = topOnly("dev");
    d.dev = dev.present() ? plainTable(dev) : Map.of();
    checkDuplicateBindings(d);
    d.unsupportedBindings = unsupportedBindings();
    loadSecrets(d, secretsRequired(local("secrets")));
    d.warnings = List.copyOf(warnings);
    return d;
  }

  // ---- environments ----

  private Map<String, Map<String, Node>> environments() {
    Field f = topOnly("env");
    Map<String, Map<String, Node>> envs = new LinkedHashMap<>();
    if (!f.present()) return envs;
    for (Map.Entry<String, Node> e : table(f).entrySet()) {
      Field ef = new Field("env." + e.getKey(), e.getValue());
      if (!ef.present()) continue;
      Map<String, Node> t = table(ef);
      envs.put(e.getKey(), t);
      checkKeys(t, Keys.IN_ENV, ef.path + ".", Keys.TOP_LEVEL_ONLY);
    }
    return envs;
  }

  /** Wrangler warns when a binding exists only at the top level: environments do not inherit it. */
  private void warnNotInherited() {
    for (Map.Entry<String, Node> e : top.entrySet()) {
      String key = e.getKey();
      Node n = e.getValue();
      if (!Keys.NOT_INHERITABLE.contains(key) || isEmpty(n) || new Field(key, env.get(key)).present()) {
        continue;
      }
      warn(n, key, "\"" + key + "\" exists at the top level, but not on \"env." + envName
          + "\"; it is not inherited by environments, so \"env." + envName + "\" has none");
    }
  }

  private Field inherit(String key) {
    if (env != null) {
      Field f = new Field("env." + envName + "." + key, env.get(key));
      if (f.present()) return f;
    }
    return new Field(key, top.get(key));
  }

  private Field local(String key) {
    return env != null ? new Field("env." + envName + "." + key, env.get(key)) : new Field(key, top.get(key));
  }

  private Field topOnly(String key) {
    return new Field(key, top.get(key));
  }

  private String name() {
    if (env != null) {
      Field own = new Field("env." + envName + ".name", env.get("name"));
      if (own.present()) return string(own);
      String base = string(topOnly("name"));
      return base == null ? null : base + "-" + envName;
    }
    return string(topOnly("name"));
  }

  // ---- scalar helpers ----

  private ConfigException error(Node at, String message) {
    return new ConfigException(file, at == null ? -1 : at.line, at == null ? -1 : at.column, message);
  }

  private void warn(Node at, String keyPath, String message) {
    warnings.add(new ConfigWarning(file, at == null ? -1 : at.line, at == null ? -1 : at.column, keyPath, message));
  }

  private ConfigException typeError(Field f, String expected) {
    return error(f.node, "\"" + f.path + "\" must be " + expected + ", but is " + f.node.typeName(format));
  }

  private String string(Field f) {
    if (!f.present()) return null;
    if (!(f.node.value instanceof String)) throw typeError(f, "a string");
    return (String) f.node.value;
  }

  private Boolean bool(Field f) {
    if (!f.present()) return null;
    if (!(f.node.value instanceof Boolean)) throw typeError(f, "a boolean");
    return (Boolean) f.node.value;
  }

  /** {@code limits.cpu_ms}: a positive integer (milliseconds), or null. */
  private Long cpuMs(Field limits) {
    if (!limits.present()) return null;
    Node node = limits.node;
    table(limits);
    Field cpu = member(node, limits.path, "cpu_ms");
    Long ms = integer(cpu);
    if (ms != null && ms <= 0) {
      throw error(cpu.node, "\"" + cpu.path + "\" must be a positive number of milliseconds, but is " + ms);
    }
    return ms;
  }

  private Long integer(Field f) {
    if (!f.present()) return null;
    if (!(f.node.value instanceof Long)) throw typeError(f, "an integer");
    return (Long) f.node.value;
  }

  private List<String> strings(Field f) {
    if (!f.present()) return List.of();
    if (!f.node.isArray()) throw typeError(f, "an array of strings");
    List<String> out = new ArrayList<>();
    List<Node> items = f.node.array();
    for (int i = 0; i < items.size(); i++) {
      Node n = items.get(i);
      if (!(n.value instanceof String)) {
        throw error(n, "\"" + f.path + "[" + i + "]\" must be a string, but is " + n.typeName(format));
      }
      out.add((String) n.value);
    }
    return List.copyOf(out);
  }

  private Map<String, Node> table(Field f) {
    if (!f.node.isTable()) throw typeError(f, format.aTable());
    return f.node.table();
  }

  /** An array whose elements must all be tables, e.g. {@code [[kv_namespaces]]}. */
  private List<Node> tableArray(Field f) {
    if (!f.present()) return List.of();
    String expected = "an array of " + format.tableWord() + "s";
    if (!f.node.isArray()) throw typeError(f, expected);
    for (int i = 0; i < f.node.array().size(); i++) {
      Node n = f.node.array().get(i);
      if (!n.isTable()) {
        throw error(n, "\"" + f.path + "\" must be " + expected + ", but element " + i + " is " + n.typeName(format));
      }
    }
    return f.node.array();
  }

  private static Field member(Node entry, String entryPath, String key) {
    return new Field(entryPath + "." + key, entry.table().get(key));
  }

  private String required(Node entry, String entryPath, String key) {
    Field f = member(entry, entryPath, key);
    if (!f.present()) throw error(entry, entryPath + " needs \"" + key + "\"");
    return string(f);
  }

  private void checkKeys(Map<String, Node> table, Set<String> known, String prefix, Set<String> topOnly) {
    for (Map.Entry<String, Node> e : table.entrySet()) {
      String key = e.getKey();
      if (known.contains(key)) continue;
      if (topOnly != null && topOnly.contains(key)) {
        warn(e.getValue(), prefix + key, "\"" + prefix + key + "\" is only allowed at the top level; it is ignored here");
        continue;
      }
      String hint = Keys.suggest(key, known);
      warn(e.getValue(), prefix + key, "unknown key \"" + prefix + key + "\""
          + (hint == null ? "" : " (did you mean \"" + prefix + hint + "\"?)"));
    }
  }

  private void checkEntryKeys(Node entry, String entryPath, Set<String> known) {
    checkKeys(entry.table(), known, entryPath + ".", null);
  }

  private static boolean isEmpty(Node n) {
    if (n == null || n.isNull()) return true;
    if (n.isArray()) return n.array().isEmpty();
    if (n.isTable()) return n.table().isEmpty();
    return false;
  }

  // ---- sections ----

  private String compatibilityDate(Field f) {
    if (!f.present()) return null;
    // A bare TOML date (compatibility_date = 2024-01-01) is accepted as if it were quoted.
    String s = f.node.value instanceof LocalDate ? f.node.value.toString() : string(f);
    if (!s.matches("\\d{4}-\\d{2}-\\d{2}")) {
      throw error(f.node, "\"" + f.path + "\" must be a date like \"2024-09-23\", but is \"" + s + "\"");
    }
    try {
      LocalDate.parse(s);
    } catch (DateTimeException e) {
      throw error(f.node, "\"" + f.path + "\" is not a valid date: \"" + s + "\"");
    }
    return s;
  }

  private Map<String, Object> vars(Field f) {
    if (!f.present()) return Map.of();
    Map<String, Node> t = table(f);
    for (Map.Entry<String, Node> e : t.entrySet()) rejectDates(e.getValue(), f.path + "." + e.getKey());
    @SuppressWarnings("unchecked")
    Map<String, Object> plain = (Map<String, Object>) f.node.toPlain();
    return plain;
  }

  /** Wrangler rejects TOML dates in vars: they have no faithful JSON form for {@code env}. */
  private void rejectDates(Node n, String path) {
    if (n.value instanceof TemporalAccessor) {
      throw error(n, "\"" + path + "\" is a TOML date/time, which vars cannot hold; quote it to make it a string");
    } else if (n.isTable()) {
      n.table().forEach((k, v) -> rejectDates(v, path + "." + k));
    } else if (n.isArray()) {
      for (int i = 0; i < n.array().size(); i++) rejectDates(n.array().get(i), path + "[" + i + "]");
    }
  }

  private Map<String, Object> plainTable(Field f) {
    table(f);
    @SuppressWarnings("unchecked")
    Map<String, Object> plain = (Map<String, Object>) f.node.toPlain();
    return plain;
  }

  private List<KvNamespaceConfig> kvNamespaces(Field f) {
    List<KvNamespaceConfig> out = new ArrayList<>();
    List<Node> entries = tableArray(f);
    for (int i = 0; i < entries.size(); i++) {
      Node e = entries.get(i);
      String p = f.path + "[" + i + "]";
      checkEntryKeys(e, p, Keys.KV);
      out.add(new KvNamespaceConfig(
          required(e, p, "binding"), string(member(e, p, "id")), string(member(e, p, "preview_id"))));
    }
    return List.copyOf(out);
  }

  private List<ServiceBindingConfig> services(Field f) {
    List<ServiceBindingConfig> out = new ArrayList<>();
    List<Node> entries = tableArray(f);
    for (int i = 0; i < entries.size(); i++) {
      Node e = entries.get(i);
      String p = f.path + "[" + i + "]";
      checkEntryKeys(e, p, Keys.SERVICE);
      out.add(new ServiceBindingConfig(
          required(e, p, "binding"),
          required(e, p, "service"),
          string(member(e, p, "environment")),
          string(member(e, p, "entrypoint"))));
    }
    return List.copyOf(out);
  }

  /**
   * {@code route} and {@code routes} are inherited as a pair: if the environment sets either, both
   * come from it, so a top-level {@code routes} never leaks into an environment that set {@code route}.
   */
  private List<RouteConfig> routes() {
    boolean fromEnv = env != null
        && (new Field("", env.get("route")).present() || new Field("", env.get("routes")).present());
    Map<String, Node> scope = fromEnv ? env : top;
    String prefix = fromEnv ? "env." + envName + "." : "";
    Field route = new Field(prefix + "route", scope.get("route"));
    Field routes = new Field(prefix + "routes", scope.get("routes"));
    if (route.present() && routes.present()) {
      throw error(routes.node, "\"" + route.path + "\" and \"" + routes.path + "\" cannot both be set; use \"routes\"");
    }
    List<RouteConfig> out = new ArrayList<>();
    if (route.present()) {
      // Wrangler treats route = "" as no route.
      if (!"".equals(route.node.value)) out.add(route(route.node, route.path));
    } else if (routes.present()) {
      if (!routes.node.isArray()) throw typeError(routes, "an array of strings or " + format.tableWord() + "s");
      List<Node> items = routes.node.array();
      for (int i = 0; i < items.size(); i++) out.add(route(items.get(i), routes.path + "[" + i + "]"));
    }
    return List.copyOf(out);
  }

  private RouteConfig route(Node n, String path) {
    if (n.value instanceof String) return new RouteConfig((String) n.value, null, false);
    if (!n.isTable()) {
      throw error(n, "\"" + path + "\" must be a string or " + format.aTable() + ", but is " + n.typeName(format));
    }
    checkEntryKeys(n, path, Keys.ROUTE);
    Boolean custom = bool(member(n, path, "custom_domain"));
    return new RouteConfig(required(n, path, "pattern"), string(member(n, path, "zone_name")), Boolean.TRUE.equals(custom));
  }

  private List<DurableObjectBindingConfig> durableObjects(Field f) {
    if (!f.present()) return List.of();
    Map<String, Node> t = table(f);
    checkKeys(t, Keys.DURABLE_OBJECTS, f.path + ".", null);
    Field bindings = new Field(f.path + ".bindings", t.get("bindings"));
    List<DurableObjectBindingConfig> out = new ArrayList<>();
    List<Node> entries = tableArray(bindings);
    for (int i = 0; i < entries.size(); i++) {
      Node e = entries.get(i);
      String p = bindings.path + "[" + i + "]";
      checkEntryKeys(e, p, Keys.DURABLE_OBJECT);
      out.add(new DurableObjectBindingConfig(
          required(e, p, "name"),
          required(e, p, "class_name"),
          string(member(e, p, "script_name")),
          string(member(e, p, "environment"))));
    }
    return List.copyOf(out);
  }

  private List<MigrationConfig> migrations(Field f) {
    List<MigrationConfig> out = new ArrayList<>();
    List<Node> entries = tableArray(f);
    for (int i = 0; i < entries.size(); i++) {
      Node e = entries.get(i);
      String p = f.path + "[" + i + "]";
      checkEntryKeys(e, p, Keys.MIGRATION);
      Field renamedField = member(e, p, "renamed_classes");
      List<MigrationConfig.RenamedClass> renamed = new ArrayList<>();
      List<Node> renames = tableArray(renamedField);
      for (int j = 0; j < renames.size(); j++) {
        Node r = renames.get(j);
        String rp = renamedField.path + "[" + j + "]";
        checkEntryKeys(r, rp, Keys.RENAMED_CLASS);
        renamed.add(new MigrationConfig.RenamedClass(required(r, rp, "from"), required(r, rp, "to")));
      }
      out.add(new MigrationConfig(
          required(e, p, "tag"),
          strings(member(e, p, "new_classes")),
          strings(member(e, p, "new_sqlite_classes")),
          renamed,
          strings(member(e, p, "deleted_classes"))));
    }
    return List.copyOf(out);
  }

  private List<R2BucketConfig> r2Buckets(Field f) {
    List<R2BucketConfig> out = new ArrayList<>();
    List<Node> entries = tableArray(f);
    for (int i = 0; i < entries.size(); i++) {
      Node e = entries.get(i);
      String p = f.path + "[" + i + "]";
      checkEntryKeys(e, p, Keys.R2);
      out.add(new R2BucketConfig(required(e, p, "binding"), string(member(e, p, "bucket_name"))));
    }
    return List.copyOf(out);
  }

  private List<D1DatabaseConfig> d1Databases(Field f) {
    List<D1DatabaseConfig> out = new ArrayList<>();
    List<Node> entries = tableArray(f);
    for (int i = 0; i < entries.size(); i++) {
      Node e = entries.get(i);
      String p = f.path + "[" + i + "]";
      checkEntryKeys(e, p, Keys.D1);
      out.add(new D1DatabaseConfig(
          required(e, p, "binding"),
          string(member(e, p, "database_name")),
          string(member(e, p, "database_id")),
          string(member(e, p, "migrations_dir")),
          string(member(e, p, "preview_database_id"))));
    }
    return List.copyOf(out);
  }

  private void queues(Field f, Data d) {
    if (!f.present()) return;
    Map<String, Node> t = table(f);
    checkKeys(t, Keys.QUEUES, f.path + ".", null);
    Field producers = new Field(f.path + ".producers", t.get("producers"));
    List<QueueProducerConfig> ps = new ArrayList<>();
    List<Node> pe = tableArray(producers);
    for (int i = 0; i < pe.size(); i++) {
      Node e = pe.get(i);
      String p = producers.path + "[" + i + "]";
      checkEntryKeys(e, p, Keys.QUEUE_PRODUCER);
      ps.add(new QueueProducerConfig(required(e, p, "binding"), required(e, p, "queue"), integer(member(e, p, "delivery_delay"))));
    }
    Field consumers = new Field(f.path + ".consumers", t.get("consumers"));
    List<QueueConsumerConfig> cs = new ArrayList<>();
    List<Node> ce = tableArray(consumers);
    for (int i = 0; i < ce.size(); i++) {
      Node e = ce.get(i);
      String p = consumers.path + "[" + i + "]";
      checkEntryKeys(e, p, Keys.QUEUE_CONSUMER);
      cs.add(new QueueConsumerConfig(
          required(e, p, "queue"),
          integer(member(e, p, "max_batch_size")),
          integer(member(e, p, "max_batch_timeout")),
          integer(member(e, p, "max_retries")),
          string(member(e, p, "dead_letter_queue")),
          integer(member(e, p, "retry_delay"))));
    }
    d.queueProducers = List.copyOf(ps);
    d.queueConsumers = List.copyOf(cs);
  }

  private List<String> crons(Field f) {
    if (!f.present()) return List.of();
    Map<String, Node> t = table(f);
    checkKeys(t, Keys.TRIGGERS, f.path + ".", null);
    return strings(new Field(f.path + ".crons", t.get("crons")));
  }

  /** {@code [assets]}, checked with wrangler's words for wrong types and values. */
  private AssetsConfig assets(Field f) {
    if (!f.present()) return null;
    Map<String, Node> t = table(f);
    checkKeys(t, Keys.ASSETS, f.path + ".", null);
    String directory = assetsString(f, t, "directory", null);
    String binding = assetsString(f, t, "binding", null);
    String html = assetsString(f, t, "html_handling",
        List.of("auto-trailing-slash", "force-trailing-slash", "drop-trailing-slash", "none"));
    String notFound = assetsString(f, t, "not_found_handling", List.of("single-page-application", "404-page", "none"));
    Field first = new Field(f.path + ".run_worker_first", t.get("run_worker_first"));
    Boolean runFirst = null;
    List<String> rules = null;
    if (first.present()) {
      if (first.node.value instanceof Boolean b) {
        runFirst = b;
      } else if (first.node.isArray()) {
        List<Node> items = first.node.array();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
          Node n = items.get(i);
          if (!(n.value instanceof String s)) {
            throw error(n, "Expected \"" + first.path + ".[" + i + "]\" to be of type string but got " + jsonText(n) + ".");
          }
          out.add(s);
        }
        rules = out;
      } else {
        throw error(first.node, "The field \"" + first.path + "\" should be an array of strings or a boolean, but got "
            + jsonText(first.node) + ".");
      }
    }
    return new AssetsConfig(directory == null ? null : file.getParent().resolve(directory).normalize(), binding, html,
        notFound, runFirst, rules, f.path, f.node.line);
  }

  private String assetsString(Field section, Map<String, Node> t, String key, List<String> choices) {
    Field f = new Field(section.path + "." + key, t.get(key));
    if (!f.present()) return null;
    if (!(f.node.value instanceof String s)) {
      throw error(f.node, "Expected \"" + f.path + "\" to be of type string but got " + jsonText(f.node) + ".");
    }
    if (choices != null && !choices.contains(s)) {
      throw error(f.node, "Expected \"" + f.path + "\" field to be one of [\"" + String.join("\",\"", choices)
          + "\"] but got " + jsonText(f.node) + ".");
    }
    return s;
  }

  /** A value as {@code JSON.stringify} shows it in wrangler's messages. */
  private static String jsonText(Node n) {
    Object plain = n.toPlain();
    if (plain instanceof String s) {
      return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(plain);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return String.valueOf(plain);
    }
  }

  private List<String> secretsRequired(Field f) {
    if (!f.present()) return null;
    Map<String, Node> t = table(f);
    checkKeys(t, Keys.SECRETS, f.path + ".", null);
    Field req = new Field(f.path + ".required", t.get("required"));
    return req.present() ? strings(req) : null;
  }

  /** Two bindings with one name would shadow each other on {@code env}; Wrangler refuses that too. */
  private void checkDuplicateBindings(Data d) {
    Map<String, String> seen = new LinkedHashMap<>();
    List<String[]> all = new ArrayList<>();
    d.vars.keySet().forEach(k -> all.add(new String[] {k, "vars"}));
    d.kvNamespaces.forEach(b -> all.add(new String[] {b.binding(), "kv_namespaces"}));
    d.services.forEach(b -> all.add(new String[] {b.binding(), "services"}));
    d.durableObjects.forEach(b -> all.add(new String[] {b.name(), "durable_objects"}));
    d.r2Buckets.forEach(b -> all.add(new String[] {b.binding(), "r2_buckets"}));
    d.d1Databases.forEach(b -> all.add(new String[] {b.binding(), "d1_databases"}));
    d.queueProducers.forEach(b -> all.add(new String[] {b.binding(), "queues.producers"}));
    if (d.assets != null && d.assets.binding() != null) all.add(new String[] {d.assets.binding(), "assets"});
    for (String[] b : all) {
      String before = seen.putIfAbsent(b[0], b[1]);
      if (before != null) {
        Field where = b[1].equals("assets") ? inherit("assets") : local(b[1].startsWith("queues") ? "queues" : b[1]);
        throw error(where.node, "binding name \"" + b[0] + "\" is used twice (in \"" + before + "\" and \"" + b[1]
            + "\"); each binding on env needs a unique name");
      }
    }
  }

  private List<UnsupportedBinding> unsupportedBindings() {
    List<UnsupportedBinding> out = new ArrayList<>();
    for (String key : Keys.UNSUPPORTED_BINDINGS) {
      Field f = Keys.TOP_LEVEL_ONLY.contains(key) ? topOnly(key)
          : Keys.INHERITABLE.contains(key) ? inherit(key) : local(key);
      // An empty list or table binds nothing, so there is nothing to refuse.
      if (!f.present() || isEmpty(f.node)) continue;
      out.add(new UnsupportedBinding(key, f.path, file, f.node.line, f.node.column));
    }
    return List.copyOf(out);
  }

  // ---- secrets ----

  /**
   * Loads local secrets the way {@code wrangler dev} does: {@code .dev.vars.<env>} if it exists, else
   * {@code .dev.vars}; only when neither exists, the {@code .env} files, merged with
   * {@code .env < .env.<env> < .env.local < .env.<env>.local} (later wins).
   */
  private void loadSecrets(Data d, List<String> required) {
    Path dir = file.getParent();
    List<Path> files = new ArrayList<>();
    if (envName != null && Files.isRegularFile(dir.resolve(".dev.vars." + envName))) {
      files.add(dir.resolve(".dev.vars." + envName));
    } else if (Files.isRegularFile(dir.resolve(".dev.vars"))) {
      files.add(dir.resolve(".dev.vars"));
    } else {
      List<String> names = new ArrayList<>(List.of(".env"));
      if (envName != null) names.add(".env." + envName);
      names.add(".env.local");
      if (envName != null) names.add(".env." + envName + ".local");
      for (String n : names) {
        if (Files.isRegularFile(dir.resolve(n))) files.add(dir.resolve(n));
      }
    }
    Map<String, String> secrets = new LinkedHashMap<>();
    for (Path p : files) {
      secrets.putAll(DotEnv.parse(DotEnv.read(p), (line, msg) -> warnings.add(new ConfigWarning(p, line, -1, "", msg))));
    }
    if (required != null) {
      // With secrets.required, only the listed names reach env, and a missing one is reported.
      secrets.keySet().retainAll(Set.copyOf(required));
      for (String name : required) {
        if (!secrets.containsKey(name)) {
          Field f = local("secrets");
          warn(f.node, f.path + ".required", "required secret \"" + name + "\" is not set in "
              + (files.isEmpty() ? ".dev.vars or .env" : names(files)));
        }
      }
    }
    d.secrets = Collections.unmodifiableMap(secrets);
    d.secretsFiles = List.copyOf(files);
  }

  private static String names(Collection<Path> files) {
    List<String> out = new ArrayList<>();
    for (Path p : files) out.add(p.getFileName().toString());
    return String.join(", ", out);
  }

  // ---- how the worker is built (bundling) ----

  private static final Set<String> BUILD_KEYS = Set.of("command", "cwd", "watch_dir");
  private static final Set<String> RULE_KEYS = Set.of("type", "globs", "fallthrough");
  private static final List<String> RULE_TYPES = List.of("ESModule", "CommonJS", "CompiledWasm", "Text", "Data");

  private BuildConfig buildConfig() {
    Boolean noBundle = bool(inherit("no_bundle"));
    Boolean minify = bool(inherit("minify"));
    Boolean findAdditional = bool(inherit("find_additional_modules"));
    Boolean preserve = bool(inherit("preserve_file_names"));
    String command = null;
    String cwd = null;
    List<String> watchDirs = List.of();
    Field build = inherit("build");
    if (build.present()) {
      Map<String, Node> t = table(build);
      checkKeys(t, BUILD_KEYS, build.path + ".", null);
      command = string(new Field(build.path + ".command", t.get("command")));
      cwd = string(new Field(build.path + ".cwd", t.get("cwd")));
      Field watch = new Field(build.path + ".watch_dir", t.get("watch_dir"));
      watchDirs = watch.present() && watch.node.value instanceof String ? List.of((String) watch.node.value)
          : strings(watch);
    }
    List<dev.miniflare.build.ModuleRule> rules = new ArrayList<>();
    Field rulesField = inherit("rules");
    List<Node> entries = tableArray(rulesField);
    for (int i = 0; i < entries.size(); i++) {
      Node e = entries.get(i);
      String p = rulesField.path + "[" + i + "]";
      checkEntryKeys(e, p, RULE_KEYS);
      String type = required(e, p, "type");
      if (!RULE_TYPES.contains(type)) {
        throw error(e.table().get("type"), "\"" + p + ".type\" must be one of " + String.join(", ", RULE_TYPES)
            + ", but is \"" + type + "\"");
      }
      Field globs = member(e, p, "globs");
      if (!globs.present()) throw error(e, p + " needs \"globs\"");
      Boolean fallthrough = bool(member(e, p, "fallthrough"));
      rules.add(new dev.miniflare.build.ModuleRule(dev.miniflare.core.ModuleType.valueOf(type), strings(globs),
          Boolean.TRUE.equals(fallthrough)));
    }
    return new BuildConfig(Boolean.TRUE.equals(noBundle), Boolean.TRUE.equals(minify), bool(inherit("keep_names")),
        stringMap(local("define")), stringMap(inherit("alias")), string(inherit("jsx_factory")),
        string(inherit("jsx_fragment")), string(inherit("tsconfig")), string(inherit("base_dir")),
        Boolean.TRUE.equals(findAdditional), Boolean.TRUE.equals(preserve), List.copyOf(rules), command, cwd,
        watchDirs);
  }

  /** A table whose values must all be strings ({@code define}, {@code alias}). */
  private Map<String, String> stringMap(Field f) {
    if (!f.present()) return Map.of();
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Node> e : table(f).entrySet()) {
      out.put(e.getKey(), string(new Field(f.path + "." + e.getKey(), e.getValue())));
    }
    return Collections.unmodifiableMap(out);
  }
}
