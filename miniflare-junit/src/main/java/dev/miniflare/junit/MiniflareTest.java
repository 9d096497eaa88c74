package dev.miniflare.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated class's tests against a local Workers runtime. Bindings are injected with {@link Binding};
 * {@code Miniflare}, {@code Worker}, {@code TestClock} and {@link WorkerLogs} parameters resolve by type. Every
 * KV change a test makes is rolled back after it.
 *
 * <pre>{@code
 * @MiniflareTest(config = "wrangler.toml")
 * class CounterTest {
 *   @Test
 *   void increments(@Binding("COUNTER_NAMESPACE") KVNamespace kv, Worker worker) { ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MiniflareExtension.class)
public @interface MiniflareTest {
  /**
   * Path of a wrangler.toml / wrangler.json(c), resolved against the project directory. Several paths make several
   * workers of one instance (like {@code wrangler dev -c a -c b}): the first is the main worker that {@code Worker}
   * parameters and {@code dispatchFetch} reach; the others are reachable by their names through service bindings
   * and Durable Object {@code script_name}, and by {@code @WorkerName}.
   */
  String[] config() default {};

  /** The wrangler {@code [env.NAME]} to use with {@link #config()}. */
  String environment() default "";

  /** Without a config: the main script's path, resolved against the project directory. */
  String scriptPath() default "";

  /** Without a config: whether the script is an ES module (detected from its source when not set). */
  boolean[] modules() default {};

  /** Without a config: KV namespace bindings (each namespace's id is its binding name). */
  String[] kvNamespaces() default {};

  /** Without a config: R2 bucket bindings (each bucket's name is its binding name). */
  String[] r2Buckets() default {};

  /** Without a config: the compatibility date. */
  String compatibilityDate() default "";

  /**
   * CPU time in milliseconds one event, timer or continuation of a worker may use before it fails with "Worker
   * exceeded CPU time limit." and the test sees that error instead of hanging; {@code 0} means no limit, negative
   * (the default) the runtime's guard of 30 s. A worker's own {@code limits.cpu_ms} wins.
   */
  long cpuTimeLimitMillis() default -1;

  /** How much runtime state tests share. */
  Isolation isolation() default Isolation.PER_TEST;
}
