package dev.miniflare.junit;

import dev.miniflare.core.JsEngine;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the JavaScript engine's warm-up on the second core as soon as the JUnit Platform opens its session,
 * while JUnit is still discovering tests, so the first {@code @MiniflareTest} class finds the engine ready
 * (registered through {@code META-INF/services}; {@code -Dminiflare.prewarm=false} turns it off).
 */
public final class PrewarmSessionListener implements LauncherSessionListener {
  @Override
  public void launcherSessionOpened(LauncherSession session) {
    JsEngine.prewarmInBackground();
  }
}
