package dev.miniflare.build;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Runs wrangler's custom build ({@code [build] command}) before a worker is loaded. */
final class CustomBuild {
  private CustomBuild() {}

  /**
   * Runs {@code command} through the system shell ({@code sh -c}, {@code cmd /c} on Windows) in {@code cwd} and
   * waits for it; its output is logged, and a non-zero exit fails with that output.
   */
  static void run(String command, Path cwd, org.slf4j.Logger log) {
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
    List<String> argv = windows ? List.of("cmd", "/c", command) : List.of("sh", "-c", command);
    log.info("[custom build] Running: {}", command);
    Process process;
    try {
      process = new ProcessBuilder(argv).directory(cwd.toFile()).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File(windows ? "NUL" : "/dev/null"))).start();
    } catch (IOException e) {
      throw new BuildException("Running custom build `" + command + "` failed: " + e.getMessage(), e);
    }
    String output;
    int exit;
    try (InputStream in = process.getInputStream()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      output = bytes.toString(StandardCharsets.UTF_8);
      exit = process.waitFor();
    } catch (IOException e) {
      process.destroyForcibly();
      throw new BuildException("Running custom build `" + command + "` failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new BuildException("Running custom build `" + command + "` was interrupted", e);
    }
    if (!output.isBlank()) {
      log.info("{}", output.strip());
    }
    if (exit != 0) {
      // wrangler's text, then the output it refers to (wrangler streams it; here it is part of the error)
      throw new BuildException("Running custom build `" + command + "` failed. There are likely more logs from your"
          + " build command above.\n[custom build] exit code " + exit + (output.isBlank() ? "" : ", output:\n" + output.strip()));
    }
  }
}
