package dev.miniflare;

import java.nio.file.Path;

/** Turns a wrangler configuration into {@link WorkerOptions}. */
final class WranglerWorkers {
  private WranglerWorkers() {}

  static WorkerOptions fromConfig(Path file, String environment) {
    throw new UnsupportedOperationException("wrangler config support is being merged");
  }
}
