package dev.miniflare.config;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The keys Wrangler accepts, grouped by how named environments treat them. */
final class Keys {
  private Keys() {}

  /** Keys a named environment takes from the top level when it does not set them itself. */
  static final Set<String> INHERITABLE =
      Set.of(
          "name", "main", "compatibility_date", "compatibility_flags", "account_id", "workers_dev",
          "preview_urls", "route", "routes", "triggers", "build", "rules", "no_bundle", "minify",
          "keep_names", "node_compat", "find_additional_modules", "preserve_file_names", "base_dir",
          "tsconfig", "jsx_factory", "jsx_fragment", "usage_model", "first_party_worker", "logfwdr",
          "logpush", "upload_source_maps", "placement", "limits", "observability", "assets",
          "migrations", "exports", "compliance_region", "python_modules", "previews", "access",
          "cache", "alias");

  /** Keys a named environment must repeat: they are never inherited (Wrangler's rule). */
  static final Set<String> NOT_INHERITABLE =
      Set.of(
          "vars", "define", "secrets", "durable_objects", "workflows", "kv_namespaces",
          "cloudchamber", "containers", "send_email", "queues", "connect", "r2_buckets",
          "d1_databases", "vectorize", "ai_search_namespaces", "ai_search", "websearch",
          "agent_memory", "hyperdrive", "services", "analytics_engine_datasets",
          "dispatch_namespaces", "mtls_certificates", "tail_consumers", "streaming_tail_consumers",
          "unsafe", "browser", "ai", "images", "stream", "media", "pipelines",
          "secrets_store_secrets", "artifacts", "unsafe_hello_world", "flagship", "worker_loaders",
          "ratelimits", "vpc_services", "vpc_networks", "version_metadata");

  /** Keys only meaningful at the top level of the file. */
  static final Set<String> TOP_LEVEL_ONLY =
      Set.of(
          "$schema", "env", "dev", "send_metrics", "keep_vars", "site", "legacy_env",
          "legacy_assets", "wasm_modules", "text_blobs", "data_blobs", "pages_build_output_dir",
          "addresses", "dependencies_instrumentation");

  /**
   * Binding-like keys this simulator does not implement, in reporting order.
   */
  static final List<String> UNSUPPORTED_BINDINGS =
      List.of(
          "analytics_engine_datasets", "ai", "vectorize", "hyperdrive", "browser",
          "mtls_certificates", "dispatch_namespaces", "send_email", "workflows", "tail_consumers",
          "streaming_tail_consumers", "version_metadata", "unsafe", "images", "stream",
          "media", "pipelines", "secrets_store_secrets", "artifacts", "unsafe_hello_world",
          "ratelimits", "vpc_services", "vpc_networks", "worker_loaders", "ai_search",
          "ai_search_namespaces", "websearch", "agent_memory", "flagship", "containers", "logfwdr",
          "site", "wasm_modules", "text_blobs", "data_blobs");

  static final Set<String> TOP_LEVEL = union(INHERITABLE, NOT_INHERITABLE, TOP_LEVEL_ONLY);
  static final Set<String> IN_ENV = union(INHERITABLE, NOT_INHERITABLE);

  static final Set<String> KV = Set.of("binding", "id", "preview_id", "remote");
  static final Set<String> SERVICE =
      Set.of("binding", "service", "environment", "entrypoint", "props", "remote");
  static final Set<String> DURABLE_OBJECTS = Set.of("bindings");
  static final Set<String> DURABLE_OBJECT =
      Set.of("name", "class_name", "script_name", "environment");
  static final Set<String> MIGRATION =
      Set.of("tag", "new_classes", "new_sqlite_classes", "renamed_classes", "deleted_classes",
          "transferred_classes");
  static final Set<String> RENAMED_CLASS = Set.of("from", "to");
  static final Set<String> R2 =
      Set.of("binding", "bucket_name", "preview_bucket_name", "jurisdiction", "remote");
  static final Set<String> D1 =
      Set.of("binding", "database_name", "database_id", "preview_database_id", "migrations_table",
          "migrations_dir", "database_internal_env", "remote");
  static final Set<String> TRIGGERS = Set.of("crons", "events");
  static final Set<String> ROUTE =
      Set.of("pattern", "zone_name", "zone_id", "custom_domain", "enabled", "previews_enabled");
  static final Set<String> QUEUES = Set.of("producers", "consumers");
  static final Set<String> QUEUE_PRODUCER = Set.of("binding", "queue", "delivery_delay", "remote");
  static final Set<String> QUEUE_CONSUMER =
      Set.of("queue", "type", "max_batch_size", "max_batch_timeout", "max_retries",
          "dead_letter_queue", "max_concurrency", "visibility_timeout_ms", "retry_delay");
  static final Set<String> SECRETS = Set.of("required");
  static final Set<String> ASSETS =
      Set.of("directory", "binding", "html_handling", "not_found_handling", "run_worker_first");

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> all = new LinkedHashSet<>();
    for (Set<String> s : sets) all.addAll(s);
    return Set.copyOf(all);
  }

  /**
   * The known key closest to {@code key}, if it is close enough to be a likely typo.
   *
   * @return the suggestion, or {@code null}
   */
  static String suggest(String key, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String lower = key.toLowerCase(java.util.Locale.ROOT).replace('-', '_');
    for (String k : known) {
      int d = lower.equals(k) ? 0 : levenshtein(lower, k);
      if (d < bestDistance || (d == bestDistance && best != null && k.compareTo(best) < 0)) {
        bestDistance = d;
        best = k;
      }
    }
    // Allow about one edit per three characters, at least two: catches plurals and transpositions
    // without suggesting unrelated short keys.
    int limit = Math.max(2, key.length() / 3);
    if (best != null && bestDistance <= limit) return best;
    // Otherwise a truncated or extended name: "class" for "class_name", "routes_list" for "routes".
    String prefixMatch = null;
    for (String k : known) {
      boolean related = (lower.length() >= 3 && k.startsWith(lower)) || (k.length() >= 3 && lower.startsWith(k));
      if (related && (prefixMatch == null || k.length() < prefixMatch.length()
          || (k.length() == prefixMatch.length() && k.compareTo(prefixMatch) < 0))) {
        prefixMatch = k;
      }
    }
    return prefixMatch;
  }

  static int levenshtein(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
