package dev.miniflare.assets;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A worker's static assets, as wrangler's {@code [assets]} section: the directory, the optional {@code env} binding,
 * HTML and not-found handling, and whether requests reach the worker before the assets. Immutable; the
 * {@code with...} methods return changed copies.
 *
 * <pre>{@code
 * WorkerOptions.builder().scriptPath("src/index.mjs")
 *     .assets(AssetsOptions.of(Path.of("public")).withBinding("ASSETS")
 *         .withNotFoundHandling(NotFoundHandling.SINGLE_PAGE_APPLICATION)
 *         .withRunWorkerFirst("/api/*", "!/api/docs/*"))
 * }</pre>
 */
public final class AssetsOptions {
  private final Path directory;
  private final String binding;
  private final HtmlHandling htmlHandling;
  private final NotFoundHandling notFoundHandling;
  private final boolean runWorkerFirst;
  private final List<String> runWorkerFirstRules;

  private AssetsOptions(Path directory, String binding, HtmlHandling htmlHandling, NotFoundHandling notFoundHandling,
      boolean runWorkerFirst, List<String> runWorkerFirstRules) {
    this.directory = directory;
    this.binding = binding;
    this.htmlHandling = htmlHandling;
    this.notFoundHandling = notFoundHandling;
    this.runWorkerFirst = runWorkerFirst;
    this.runWorkerFirstRules = runWorkerFirstRules;
  }

  /** Assets served from {@code directory} with wrangler's defaults (no binding, auto trailing slash, no 404 page). */
  public static AssetsOptions of(Path directory) {
    return new AssetsOptions(Objects.requireNonNull(directory, "directory"), null, HtmlHandling.AUTO_TRAILING_SLASH,
        NotFoundHandling.NONE, false, List.of());
  }

  /** Also binds the assets on the worker's {@code env} under this name (a Fetcher: {@code env.ASSETS.fetch(...)}). */
  public AssetsOptions withBinding(String binding) {
    return new AssetsOptions(directory, binding, htmlHandling, notFoundHandling, runWorkerFirst, runWorkerFirstRules);
  }

  /** wrangler's {@code html_handling}. */
  public AssetsOptions withHtmlHandling(HtmlHandling handling) {
    return new AssetsOptions(directory, binding, Objects.requireNonNull(handling, "handling"), notFoundHandling,
        runWorkerFirst, runWorkerFirstRules);
  }

  /** wrangler's {@code not_found_handling}. */
  public AssetsOptions withNotFoundHandling(NotFoundHandling handling) {
    return new AssetsOptions(directory, binding, htmlHandling, Objects.requireNonNull(handling, "handling"),
        runWorkerFirst, runWorkerFirstRules);
  }

  /** {@code run_worker_first = true}: every request goes to the worker, which may call the assets binding. */
  public AssetsOptions withRunWorkerFirst(boolean runFirst) {
    return new AssetsOptions(directory, binding, htmlHandling, notFoundHandling, runFirst, List.of());
  }

  /**
   * {@code run_worker_first = ["/api/*", "!/api/docs/*"]}: requests whose path matches a pattern go to the worker
   * first, except those matching a negated ({@code !/...}) pattern, which go to the assets. Invalid rule sets fail
   * with wrangler's message when the worker starts.
   */
  public AssetsOptions withRunWorkerFirst(String... patterns) {
    if (patterns.length == 0) {
      throw new IllegalArgumentException("No `run_worker_first` rules were provided; must provide at least 1 rule.");
    }
    return new AssetsOptions(directory, binding, htmlHandling, notFoundHandling, false, List.of(patterns));
  }

  /** The assets directory. */
  public Path directory() {
    return directory;
  }

  /** The {@code env} binding name, or {@code null} when the worker gets none. */
  public String binding() {
    return binding;
  }

  /** How HTML paths are resolved. */
  public HtmlHandling htmlHandling() {
    return htmlHandling;
  }

  /** What a missing asset gets. */
  public NotFoundHandling notFoundHandling() {
    return notFoundHandling;
  }

  /** Whether every request goes to the worker first ({@code run_worker_first = true}). */
  public boolean runWorkerFirst() {
    return runWorkerFirst;
  }

  /** The {@code run_worker_first} route patterns, empty when it is a boolean. */
  public List<String> runWorkerFirstRules() {
    return runWorkerFirstRules;
  }

  @Override
  public String toString() {
    return "AssetsOptions[" + directory + (binding == null ? "" : ", binding=" + binding) + ", "
        + htmlHandling.configValue() + ", " + notFoundHandling.configValue()
        + (runWorkerFirst ? ", run_worker_first" : runWorkerFirstRules.isEmpty() ? "" : ", " + runWorkerFirstRules) + "]";
  }
}
