package dev.miniflare.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Folders no worker may import modules from, whatever its module root: the persistence folders of every instance
 * in this JVM (KV, R2, Durable Object, D1 and cache data are not code, and a worker reading another's stored data
 * through {@code import} would bypass its bindings).
 */
public final class ModuleAccess {
  private static final Set<Path> EXCLUDED = ConcurrentHashMap.newKeySet();

  private ModuleAccess() {}

  /** Excludes {@code folder} (and everything below it, by real path) from every worker's module loader. */
  public static void excludeFolder(Path folder) {
    Path absolute = folder.toAbsolutePath().normalize();
    EXCLUDED.add(absolute);
    try {
      EXCLUDED.add(absolute.toRealPath());
    } catch (IOException e) {
      // not created yet: the absolute form covers it once it is (real paths below are compared to both)
    }
  }

  /** Whether {@code realPath} lies in an excluded folder. */
  static boolean isExcluded(Path realPath) {
    for (Path folder : EXCLUDED) {
      if (realPath.startsWith(folder)) {
        return true;
      }
    }
    return false;
  }
}
