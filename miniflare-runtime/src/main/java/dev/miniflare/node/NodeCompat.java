package dev.miniflare.node;

import java.util.List;

/**
 * Which Node.js compatibility a worker gets, derived from its compatibility date and flags exactly as workerd
 * derives it ({@code src/workerd/io/compatibility-date.capnp}).
 *
 * @param modules {@code nodejs_compat}: the {@code node:} built-in modules can be imported
 * @param v2 {@code nodejs_compat_v2}: bare names ({@code "buffer"}) resolve too, and the globals {@code Buffer},
 *     {@code process}, {@code global}, {@code setImmediate}/{@code clearImmediate} exist
 * @param asyncLocalStorage {@code node:async_hooks} is available ({@code nodejs_als}, or implied by
 *     {@code nodejs_compat})
 * @param populateProcessEnv {@code process.env} holds the worker's string bindings
 */
public record NodeCompat(boolean modules, boolean v2, boolean asyncLocalStorage, boolean populateProcessEnv) {

  /** No Node.js compatibility at all. */
  public static final NodeCompat NONE = new NodeCompat(false, false, false, false);

  /** The date from which {@code nodejs_compat} implies {@code nodejs_compat_v2}. */
  public static final String V2_IMPLIED_DATE = "2024-09-23";
  /** The date from which {@code nodejs_compat} fills {@code process.env} ({@code nodejs_compat_populate_process_env}). */
  public static final String POPULATE_PROCESS_ENV_DATE = "2025-04-01";
  /** The date from which {@code nodejs_compat} and {@code nodejs_compat_v2} are on without a flag. */
  public static final String DEFAULT_ON_DATE = "2026-08-04";

  /**
   * The compatibility workerd gives these settings. Unlike other date-driven features, a missing date does not
   * mean "today" here: that would turn Node.js compatibility (and its globals) on for every worker without a date.
   */
  public static NodeCompat of(String compatibilityDate, List<String> flags) {
    boolean byDate = compatibilityDate != null && compatibilityDate.compareTo(DEFAULT_ON_DATE) >= 0;
    boolean compat = !flags.contains("no_nodejs_compat") && (flags.contains("nodejs_compat") || byDate);
    boolean v2 = !flags.contains("no_nodejs_compat_v2") && (flags.contains("nodejs_compat_v2")
        || byDate || (compat && compatibilityDate != null && compatibilityDate.compareTo(V2_IMPLIED_DATE) >= 0));
    boolean modules = compat || v2; // v2 implies nodejs_compat
    boolean als = modules || flags.contains("nodejs_als");
    boolean env = modules && !flags.contains("nodejs_compat_do_not_populate_process_env")
        && (flags.contains("nodejs_compat_populate_process_env")
            || (compatibilityDate != null && compatibilityDate.compareTo(POPULATE_PROCESS_ENV_DATE) >= 0));
    return new NodeCompat(modules, v2, als, env);
  }

  /** Whether the isolate needs any Node.js support (modules, globals or AsyncLocalStorage). */
  public boolean any() {
    return modules || asyncLocalStorage;
  }
}
