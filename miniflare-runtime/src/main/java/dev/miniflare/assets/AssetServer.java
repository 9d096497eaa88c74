package dev.miniflare.assets;

import dev.miniflare.http.Headers;
import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one worker's static assets the way Cloudflare's asset worker does under {@code wrangler dev}: HTML
 * handling, not-found handling, {@code _redirects}, {@code _headers}, {@code .assetsignore}, {@code ETag} and
 * {@code If-None-Match}, and the router's choice between the assets and the worker ({@code run_worker_first}).
 * {@link #fetch(Request)} is what the worker's assets binding ({@code env.ASSETS.fetch}) does.
 *
 * <p>Files are read from disk on every request and the rule files are parsed again when they change, so a file
 * written into the directory is served at once. The {@code ETag} of a file is derived from its absolute path and
 * modification time, as in {@code wrangler dev}.
 */
public final class AssetServer {
  private static final Logger LOG = LoggerFactory.getLogger(AssetServer.class);
  /** Cloudflare's limits on one version's assets. */
  static final long MAX_ASSET_SIZE = 25L * 1024 * 1024;
  static final int MAX_ASSET_COUNT = 100_000;
  private static final String CACHE_CONTROL = "public, max-age=0, must-revalidate";
  /** After this date, a navigation request ({@code Sec-Fetch-Mode: navigate}) prefers assets (not-found handling). */
  static final String NAVIGATION_PREFERS_ASSETS_DATE = "2025-04-01";

  private final AssetsOptions options;
  private final Path root;
  private final boolean hasWorker;
  private final StaticRouting staticRouting; // null unless run_worker_first is a list
  private final boolean navigationPrefersAssets;
  private final CachedFile<AssetsIgnore> ignore;
  private final CachedFile<HeadersFile> headersFile;
  private final CachedFile<RedirectsFile> redirectsFile;
  private final PathResolver resolver;

  /**
   * Checks the options as {@code wrangler dev} does when it starts (the directory exists, {@code run_worker_first}
   * and the binding need a worker, the rules are valid, the files are within Cloudflare's limits) and logs the
   * invalid lines of {@code _headers} and {@code _redirects}.
   *
   * @param options the assets
   * @param hasWorker whether a worker script runs behind the assets (false for an assets-only worker)
   * @param compatibilityDate the worker's compatibility date, or null for today's behaviour
   * @param compatibilityFlags the worker's compatibility flags
   * @throws IllegalArgumentException with wrangler's message when the options are invalid
   */
  public AssetServer(AssetsOptions options, boolean hasWorker, String compatibilityDate, List<String> compatibilityFlags) {
    this.options = options;
    this.root = options.directory().toAbsolutePath().normalize();
    this.hasWorker = hasWorker;
    validate(options, hasWorker);
    this.staticRouting = options.runWorkerFirstRules().isEmpty() ? null : StaticRouting.parse(options.runWorkerFirstRules());
    if (options.runWorkerFirst() && options.binding() == null) {
      LOG.warn("run_worker_first=true set without an assets binding\nSetting run_worker_first to true will always"
          + " invoke your Worker script.\nTo fetch your assets from your Worker, please set the [assets.binding] key"
          + " in your configuration file.");
    }
    this.navigationPrefersAssets = !compatibilityFlags.contains("assets_navigation_has_no_effect")
        && (compatibilityFlags.contains("assets_navigation_prefers_asset_serving") || compatibilityDate == null
            || compatibilityDate.compareTo(NAVIGATION_PREFERS_ASSETS_DATE) >= 0);
    this.ignore = new CachedFile<>(root.resolve(".assetsignore"), AssetsIgnore::parse);
    this.headersFile = new CachedFile<>(root.resolve("_headers"), text -> {
      HeadersFile parsed = text == null ? HeadersFile.EMPTY : HeadersFile.parse(text);
      if (text != null) {
        report("header", parsed.rules.size(), parsed.problems, root.resolve("_headers"));
      }
      return parsed;
    });
    this.redirectsFile = new CachedFile<>(root.resolve("_redirects"), text -> {
      RedirectsFile parsed = text == null ? RedirectsFile.EMPTY : RedirectsFile.parse(text, options.htmlHandling());
      if (text != null) {
        report("redirect", parsed.ruleCount(), parsed.problems, root.resolve("_redirects"));
        for (RedirectsFile.Rule r : parsed.demoted) {
          LOG.info("The redirect rule {} \u2192 {} {} could be made more performant by bringing it above any lines"
              + " with splats or placeholders.", r.from(), r.status(), r.to());
        }
      }
      return parsed;
    });
    this.resolver = new PathResolver(root, options.htmlHandling(), ignore::get);
    checkLimits();
    headersFile.get();
    redirectsFile.get();
  }

  /**
   * The checks {@code wrangler dev} makes before serving: the directory exists and is one, an assets-only worker has
   * neither a binding nor {@code run_worker_first}, and {@code run_worker_first} rules are valid.
   *
   * @param options the assets
   * @param hasWorker whether a worker script runs behind the assets
   * @throws IllegalArgumentException with wrangler's message when a check fails
   */
  public static void validate(AssetsOptions options, boolean hasWorker) {
    Path dir = options.directory().toAbsolutePath().normalize();
    if (!Files.exists(dir)) {
      throw new IllegalArgumentException("The directory specified by the \"assets.directory\" field in your"
          + " configuration file does not exist:\n" + dir);
    }
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("The path specified by the \"assets.directory\" field in your configuration"
          + " file doesn't point to a directory:\n" + dir);
    }
    if (!hasWorker && options.binding() != null) {
      throw new IllegalArgumentException("Cannot use assets with a binding in an assets-only Worker.\nPlease remove"
          + " the asset binding from your configuration file, or provide a Worker script in your configuration file"
          + " (`main`).");
    }
    if (!hasWorker && (options.runWorkerFirst() || !options.runWorkerFirstRules().isEmpty())) {
      throw new IllegalArgumentException("Cannot set run_worker_first without a Worker script.\nPlease remove"
          + " run_worker_first from your configuration file, or provide a Worker script in your configuration file"
          + " (`main`).");
    }
    if (!options.runWorkerFirstRules().isEmpty()) {
      StaticRouting.parse(options.runWorkerFirstRules());
    }
  }

  /** The options served. */
  public AssetsOptions options() {
    return options;
  }

  /** Rule files already reported, by path, time and size: test runtimes built one per test report a file once. */
  private static final Set<String> REPORTED = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** Directories whose limits were checked in this JVM (a test suite builds many runtimes over one directory). */
  private static final Set<Path> CHECKED = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** wrangler's summary of a rules file, with each invalid line as {@code file:line | text}. */
  private static void report(String kind, int valid, List<RuleProblem> problems, Path file) {
    try {
      if (!REPORTED.add(file + "\n" + Files.getLastModifiedTime(file) + "\n" + Files.size(file))) {
        return;
      }
    } catch (IOException e) {
      // report it anyway
    }
    LOG.info("\u2728 Parsed {} valid {} rule{}.", valid, kind, valid == 1 ? "" : "s");
    if (problems.isEmpty()) {
      return;
    }
    StringBuilder list = new StringBuilder();
    for (RuleProblem p : problems) {
      list.append("\u25B6\uFE0E ").append(p.message()).append('\n');
      if (p.line() != null) {
        list.append("    at ").append(file).append(p.lineNumber() > 0 ? ":" + p.lineNumber() : "").append(" | ")
            .append(p.line()).append("\n\n");
      }
    }
    LOG.warn("Found {} invalid {} rule{}:\n{}", problems.size(), kind, problems.size() == 1 ? "" : "s", list);
  }

  private void checkLimits() {
    if (CHECKED.contains(root)) {
      return;
    }
    AssetsIgnore ignored = ignore.get();
    int[] count = {0};
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(Files::isRegularFile).forEach(file -> {
        String relative = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        if (ignored.ignores(relative)) {
          return;
        }
        long size;
        try {
          size = Files.size(file);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read the asset " + file, e);
        }
        if (size > MAX_ASSET_SIZE) {
          throw new IllegalArgumentException("Asset too large.\nCloudflare Workers supports assets with sizes of up"
              + " to 25 MiB. We found a file " + file + " with a size of " + mebibytes(size) + ".\nEnsure all assets"
              + " in your assets directory \"" + root + "\" conform with the Workers maximum size requirement.");
        }
        count[0]++;
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the assets directory " + root, e);
    }
    if (count[0] > MAX_ASSET_COUNT) {
      throw new IllegalArgumentException("Maximum number of assets exceeded.\nCloudflare Workers supports up to"
          + " 100,000 assets in a version. We found " + String.format(Locale.ROOT, "%,d", count[0]) + " files in the"
          + " specified assets directory \"" + root + "\".\nEnsure your assets directory contains a maximum of"
          + " 100,000 files, and that you have specified your assets directory correctly.");
    }
    CHECKED.add(root);
  }

  private static String mebibytes(long size) {
    return String.format(Locale.ROOT, "%.1f MiB", size / 1024.0 / 1024.0);
  }

  // ---- routing (the router worker) ----

  /**
   * Whether a request that arrives at this worker runs the worker's script rather than being served from the
   * assets: {@code run_worker_first} rules decide first; otherwise the worker runs only when no asset (or
   * redirect) answers the path, and an assets-only worker always serves the assets.
   */
  public boolean routesToWorker(Request request) {
    if (!hasWorker) {
      return false;
    }
    String pathname = request.uri().getRawPath();
    if (staticRouting != null) {
      if (staticRouting.forcesAssets(pathname)) {
        return false;
      }
      if (staticRouting.forcesWorker(pathname)) {
        return true;
      }
    }
    if (options.runWorkerFirst()) {
      return true;
    }
    return !canFetch(request);
  }

  /**
   * Whether the assets answer this request with anything but "no such asset". Not-found handling only counts
   * with {@code run_worker_first} rules, or for navigation requests from compatibility date 2025-04-01.
   */
  boolean canFetch(Request request) {
    boolean useNotFoundHandling = staticRouting != null
        || (navigationPrefersAssets && "navigate".equals(request.header("sec-fetch-mode")));
    return !(handle(request, useNotFoundHandling) instanceof NoIntent);
  }

  // ---- the asset worker ----

  /** Serves a request from the assets, as the assets binding's {@code fetch} does. */
  public Response fetch(Request request) {
    Outcome outcome = handle(request, true);
    Response response = outcome instanceof NoIntent n ? n.response : outcome instanceof Answer a ? a.response
        : serve(((Serve) outcome).intent(), request);
    return attachCustomHeaders(request, response);
  }

  /** Serves a GET of {@code url} from the assets. */
  public Response fetch(String url) {
    return fetch(Request.get(url));
  }

  private sealed interface Outcome permits NoIntent, Answer, Serve {}

  /** No asset for the path: a bare 404, and for the router "go to the worker". */
  private record NoIntent(Response response) implements Outcome {}

  private record Answer(Response response) implements Outcome {}

  /** An asset to serve, resolved from the path. */
  private record Serve(PathResolver.Intent intent) implements Outcome {}

  private Outcome handle(Request request, boolean useNotFoundHandling) {
    URI uri = request.uri();
    String pathname = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String search = uri.getRawQuery() == null || uri.getRawQuery().isEmpty() ? "" : "?" + uri.getRawQuery();
    boolean proxied = false;
    RedirectMatch rule = matchRedirect(uri.getHost(), hostWithPort(uri), pathname);
    if (rule != null) {
      String to = rule.to();
      if (rule.status() == 200) {
        pathname = resolve(request.url(), to).getRawPath();
        proxied = true;
      } else {
        return new Answer(redirect(rule.status(), location(request.url(), to, search)));
      }
    }
    String decoded = AssetPaths.decodePath(pathname);
    NotFoundHandling notFound = useNotFoundHandling ? options.notFoundHandling() : NotFoundHandling.NONE;
    PathResolver.Intent intent = resolver.intent(decoded, notFound, false);
    if (intent == null) {
      Response notFoundResponse = Response.builder(404).statusText("Not Found").build();
      return proxied ? new Answer(notFoundResponse) : new NoIntent(notFoundResponse);
    }
    String method = request.method().toUpperCase(Locale.ROOT);
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return new Answer(Response.builder(405).statusText("Method Not Allowed").build());
    }
    String encoded = AssetPaths.encodePath(intent.redirect() != null ? intent.redirect() : decoded);
    if ((intent.asset() != null && !encoded.equals(pathname)) || intent.redirect() != null) {
      return new Answer(redirect(307, encoded + search));
    }
    return new Serve(intent);
  }

  private Response serve(PathResolver.Intent intent, Request request) {
    String contentType = ContentTypes.forFileName(intent.asset().file().getFileName().toString());
    Headers.Builder headers = Headers.builder().add("ETag", "\"" + intent.asset().eTag() + "\"");
    if (contentType != null) {
      headers.add("Content-Type", contentType);
    }
    // responses to requests with credentials or ranges are not cacheable (the range itself is ignored)
    if (request.header("authorization") == null && request.header("range") == null) {
      headers.add("Cache-Control", CACHE_CONTROL);
    }
    headers.add("CF-Cache-Status", "HIT");
    String ifNoneMatch = request.header("if-none-match");
    String strong = "\"" + intent.asset().eTag() + "\"";
    if (strong.equals(ifNoneMatch) || ("W/" + strong).equals(ifNoneMatch)) {
      return Response.builder(304).statusText("Not Modified").headers(headers.build()).build();
    }
    Response.Builder response = Response.builder(intent.status())
        .statusText(intent.status() == 404 ? "Not Found" : "OK").headers(headers.build());
    if (!request.method().equalsIgnoreCase("HEAD")) {
      try {
        response.bodyUnsafe(Files.readAllBytes(intent.asset().file()));
      } catch (NoSuchFileException e) {
        return Response.builder(404).statusText("Not Found").build(); // deleted since it was found
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the asset " + intent.asset().file(), e);
      }
    }
    return response.build();
  }

  private static Response redirect(int status, String location) {
    String text = switch (status) {
      case 301 -> "Moved Permanently";
      case 303 -> "See Other";
      case 307 -> "Temporary Redirect";
      case 308 -> "Permanent Redirect";
      default -> "Found";
    };
    return Response.builder(status == 301 || status == 303 || status == 307 || status == 308 ? status : 302)
        .statusText(text).header("Location", location).build();
  }

  // ---- _redirects ----

  /** A matched {@code _redirects} rule with its target's placeholders filled in. */
  private record RedirectMatch(int status, String to) {}

  private RedirectMatch matchRedirect(String hostname, String host, String pathname) {
    RedirectsFile file = redirectsFile.get();
    RedirectsFile.Rule withHost = file.staticRules.get("https://" + host + pathname);
    RedirectsFile.Rule withoutHost = file.staticRules.get(pathname);
    if (withHost != null || withoutHost != null) {
      RedirectsFile.Rule r = withHost == null ? withoutHost : withoutHost == null ? withHost
          : withHost.lineNumber() < withoutHost.lineNumber() ? withHost : withoutHost;
      return new RedirectMatch(r.status(), r.to());
    }
    for (RedirectsFile.Rule r : file.dynamicRules) {
      Map<String, String> values = r.pattern().match(hostname, pathname);
      if (values != null) {
        String target = RoutePattern.substitute(r.to(), values).strip();
        if (!target.matches("^\\w+://.*")) {
          target = target.replaceAll("/+", "/");
        }
        return new RedirectMatch(r.status(), target);
      }
    }
    return null;
  }

  /** The Location of a {@code _redirects} rule: same-origin targets as a path, the request's query kept unless replaced. */
  private static String location(String requestUrl, String to, String search) {
    URI request = URI.create(requestUrl);
    URI destination = resolve(requestUrl, to);
    String query = destination.getRawQuery() == null || destination.getRawQuery().isEmpty() ? search
        : "?" + destination.getRawQuery();
    String hash = destination.getRawFragment() == null || destination.getRawFragment().isEmpty() ? ""
        : "#" + destination.getRawFragment();
    String path = destination.getRawPath() == null || destination.getRawPath().isEmpty() ? "/" : destination.getRawPath();
    boolean sameOrigin = String.valueOf(destination.getScheme()).equalsIgnoreCase(String.valueOf(request.getScheme()))
        && String.valueOf(hostWithPort(destination)).equalsIgnoreCase(String.valueOf(hostWithPort(request)));
    return sameOrigin ? path + query + hash
        : destination.getScheme() + "://" + destination.getRawAuthority() + path + query + hash;
  }

  private static URI resolve(String base, String reference) {
    try {
      return URI.create(base).resolve(reference);
    } catch (IllegalArgumentException e) {
      // a target the JDK's stricter parser refuses: encode what it objects to
      return URI.create(base).resolve(RuleUrls.pathname(reference, true));
    }
  }

  private static String hostWithPort(URI uri) {
    return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }

  // ---- _headers ----

  private Response attachCustomHeaders(Request request, Response response) {
    HeadersFile file = headersFile.get();
    if (file.rules.isEmpty()) {
      return response;
    }
    URI uri = request.uri();
    String pathname = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    Headers.Builder headers = response.headers().toBuilder();
    Set<String> setHere = new HashSet<>();
    boolean changed = false;
    for (HeadersFile.Rule rule : file.rules) {
      Map<String, String> values = rule.pattern().match(uri.getHost(), pathname);
      if (values == null) {
        continue;
      }
      changed = true;
      rule.unset().forEach(headers::remove);
      for (Map.Entry<String, String> h : rule.set().entrySet()) {
        String value = RoutePattern.substitute(h.getValue(), values);
        if (setHere.add(h.getKey())) {
          headers.set(h.getKey(), value);
        } else {
          headers.add(h.getKey(), value); // a second matching rule adds to what the first set
        }
      }
    }
    return changed ? response.toBuilder().headers(headers.build()).build() : response;
  }

}
