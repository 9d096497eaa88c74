package dev.miniflare.assets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Supplier;

/**
 * Which file a decoded path serves, or which canonical path it redirects to, under one {@code html_handling} mode,
 * and what {@code not_found_handling} serves instead of nothing. The resolution order of every mode is Cloudflare's
 * asset worker's: a path is only redirected when the destination would serve the very same file.
 */
final class PathResolver {
  /** An existing asset file and its ETag. */
  record Asset(String eTag, Path file) {}

  /** An asset to serve (status 200, or 404 for a 404 page), or a canonical path to redirect to. */
  record Intent(Asset asset, int status, String redirect) {}

  private final Path root;
  private final HtmlHandling htmlHandling;
  private final Supplier<AssetsIgnore> ignore;

  PathResolver(Path root, HtmlHandling htmlHandling, Supplier<AssetsIgnore> ignore) {
    this.root = root;
    this.htmlHandling = htmlHandling;
    this.ignore = ignore;
  }

  /** The asset at exactly this decoded path, if it exists and is not ignored. */
  Asset exists(String decodedPath) {
    if (!decodedPath.startsWith("/") || decodedPath.indexOf('\0') >= 0 || decodedPath.indexOf('\\') >= 0) {
      return null;
    }
    String relative = decodedPath.substring(1);
    if (relative.isEmpty() || relative.endsWith("/")) {
      return null;
    }
    for (String segment : relative.split("/", -1)) {
      // never outside the directory: the path was decoded after the URL parser removed dot segments
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return null;
      }
    }
    if (ignore.get().ignores(relative)) {
      return null;
    }
    Path file;
    BasicFileAttributes attributes;
    try {
      file = root.resolve(relative).normalize();
      if (!file.startsWith(root)) {
        return null; // e.g. a drive-relative name on Windows
      }
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException | java.nio.file.InvalidPathException e) {
      return null;
    }
    if (!attributes.isRegularFile()) {
      return null;
    }
    return new Asset(AssetPaths.eTag(file.toString(), attributes.lastModifiedTime()), file);
  }

  private String eTagOf(String decodedPath) {
    Asset a = exists(decodedPath);
    return a == null ? null : a.eTag;
  }

  private static Intent found(Asset asset) {
    return new Intent(asset, 200, null);
  }

  Intent intent(String path, NotFoundHandling notFound, boolean skipRedirects) {
    return switch (htmlHandling) {
      case AUTO_TRAILING_SLASH -> autoTrailingSlash(path, notFound, skipRedirects);
      case FORCE_TRAILING_SLASH -> forceTrailingSlash(path, notFound, skipRedirects);
      case DROP_TRAILING_SLASH -> dropTrailingSlash(path, notFound, skipRedirects);
      case NONE -> {
        Asset exact = exists(path);
        yield exact != null ? found(exact) : notFound(path, notFound);
      }
    };
  }

  /**
   * Redirects to {@code destination} when nothing exists there yet it would serve the same file as {@code file}
   * (the canonical path of an HTML page).
   */
  private Intent safeRedirect(String file, String destination, NotFoundHandling notFound, boolean skip) {
    if (skip || exists(destination) != null) {
      return null;
    }
    Intent there = intent(destination, notFound, true);
    if (there != null && there.asset != null && there.asset.eTag.equals(eTagOf(file))) {
      return new Intent(null, 0, destination);
    }
    return null;
  }

  private static String cut(String s, int n) {
    return s.substring(0, s.length() - n);
  }

  private Intent autoTrailingSlash(String p, NotFoundHandling nf, boolean skip) {
    Asset exact = exists(p);
    Intent r;
    Asset a;
    if (p.endsWith("/index")) {
      if (exact != null) return found(exact);
      if ((r = safeRedirect(p + ".html", cut(p, 5), nf, skip)) != null) return r;
      if ((r = safeRedirect(cut(p, 6) + ".html", cut(p, 6), nf, skip)) != null) return r;
    } else if (p.endsWith("/index.html")) {
      if ((r = safeRedirect(p, cut(p, 10), nf, skip)) != null) return r;
      if ((r = safeRedirect(cut(p, 11) + ".html", cut(p, 11), nf, skip)) != null) return r;
    } else if (p.endsWith("/")) {
      if ((a = exists(p + "index.html")) != null) return found(a);
      if ((r = safeRedirect(cut(p, 1) + ".html", cut(p, 1), nf, skip)) != null) return r;
    } else if (p.endsWith(".html")) {
      if ((r = safeRedirect(p, cut(p, 5), nf, skip)) != null) return r;
      if ((r = safeRedirect(cut(p, 5) + "/index.html", cut(p, 5) + "/", nf, skip)) != null) return r;
    }
    if (exact != null) return found(exact);
    if ((a = exists(p + ".html")) != null) return found(a);
    if ((r = safeRedirect(p + "/index.html", p + "/", nf, skip)) != null) return r;
    return notFound(p, nf);
  }

  private Intent forceTrailingSlash(String p, NotFoundHandling nf, boolean skip) {
    Asset exact = exists(p);
    Intent r;
    Asset a;
    if (p.endsWith("/index")) {
      if (exact != null) return found(exact);
      if ((r = safeRedirect(p + ".html", cut(p, 5), nf, skip)) != null) return r;
      if ((r = safeRedirect(cut(p, 6) + ".html", cut(p, 5), nf, skip)) != null) return r;
    } else if (p.endsWith("/index.html")) {
      if ((r = safeRedirect(p, cut(p, 10), nf, skip)) != null) return r;
      if ((r = safeRedirect(cut(p, 11) + ".html", cut(p, 10), nf, skip)) != null) return r;
    } else if (p.endsWith("/")) {
      if ((a = exists(p + "index.html")) != null) return found(a);
      if ((a = exists(cut(p, 1) + ".html")) != null) return found(a);
    } else if (p.endsWith(".html")) {
      if ((r = safeRedirect(p, cut(p, 5) + "/", nf, skip)) != null) return r;
      if (exact != null) return found(exact);
      if ((r = safeRedirect(cut(p, 5) + "/index.html", cut(p, 5) + "/", nf, skip)) != null) return r;
    }
    if (exact != null) return found(exact);
    if ((r = safeRedirect(p + ".html", p + "/", nf, skip)) != null) return r;
    if ((r = safeRedirect(p + "/index.html", p + "/", nf, skip)) != null) return r;
    return notFound(p, nf);
  }

  private Intent dropTrailingSlash(String p, NotFoundHandling nf, boolean skip) {
    Asset exact = exists(p);
    Intent r;
    Asset a;
    if (p.endsWith("/index")) {
      if (exact != null) return found(exact);
      if (p.equals("/index")) {
        if ((r = safeRedirect("/index.html", "/", nf, skip)) != null) return r;
      } else {
        if ((r = safeRedirect(cut(p, 6) + ".html", cut(p, 6), nf, skip)) != null) return r;
        if ((r = safeRedirect(p + ".html", cut(p, 6), nf, skip)) != null) return r;
      }
    } else if (p.endsWith("/index.html")) {
      if (p.equals("/index.html")) {
        if ((r = safeRedirect("/index.html", "/", nf, skip)) != null) return r;
      } else {
        if ((r = safeRedirect(p, cut(p, 11), nf, skip)) != null) return r;
        if (exact != null) return found(exact);
        if ((r = safeRedirect(cut(p, 11) + ".html", cut(p, 11), nf, skip)) != null) return r;
      }
    } else if (p.endsWith("/")) {
      if (p.equals("/")) {
        if ((a = exists("/index.html")) != null) return found(a);
      } else {
        if ((r = safeRedirect(cut(p, 1) + ".html", cut(p, 1), nf, skip)) != null) return r;
        if ((r = safeRedirect(cut(p, 1) + "/index.html", cut(p, 1), nf, skip)) != null) return r;
      }
    } else if (p.endsWith(".html")) {
      if ((r = safeRedirect(p, cut(p, 5), nf, skip)) != null) return r;
      if ((r = safeRedirect(cut(p, 5) + "/index.html", cut(p, 5), nf, skip)) != null) return r;
    }
    if (exact != null) return found(exact);
    if ((a = exists(p + ".html")) != null) return found(a);
    if ((a = exists(p + "/index.html")) != null) return found(a);
    return notFound(p, nf);
  }

  private Intent notFound(String path, NotFoundHandling nf) {
    switch (nf) {
      case SINGLE_PAGE_APPLICATION -> {
        Asset index = exists("/index.html");
        return index == null ? null : found(index);
      }
      case PAGE_404 -> {
        // the nearest 404.html walking up from the requested path
        String dir = path;
        while (!dir.isEmpty()) {
          dir = dir.substring(0, dir.lastIndexOf('/'));
          Asset page = exists(dir + "/404.html");
          if (page != null) {
            return new Intent(page, 404, null);
          }
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }
}
