package dev.miniflare.bench;

import dev.miniflare.Miniflare;
import dev.miniflare.build.BuildOptions;
import dev.miniflare.build.Bundler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Prints bundling times (not a test): the first build of a worker (esbuild runs), a build answered by the disk
 * cache (a new JVM), and one answered by the in-memory cache (every later runtime of a test run). The worker is a
 * small Hono app installed with npm under the system temp folder when npm is available (never at test time), else
 * a generated TypeScript worker of 50 modules. Run by {@code ci/bench.sh runtime} after the runtime figures.
 */
public final class BundleBenchmark {
  private BundleBenchmark() {}

  public static void main(String[] args) throws Exception {
    run();
  }

  static void run() throws Exception {
    Path app = honoApp();
    String label = "hono app";
    if (app == null) {
      app = generatedApp();
      label = "50-module TS app";
    }
    Path entry = app.resolve("src/index.ts");
    double[] cold = new double[5];
    double[] disk = new double[5];
    double[] memory = new double[50];
    for (int i = 0; i < cold.length; i++) {
      BuildOptions options = BuildOptions.builder().projectRoot(app)
          .cacheDir(Files.createTempDirectory("mf-bench-bundles")).build();
      Bundler.clearMemoryCache();
      long t = System.nanoTime();
      Bundler.build(entry, options, false);
      cold[i] = (System.nanoTime() - t) / 1e6;
      Bundler.clearMemoryCache();
      t = System.nanoTime();
      Bundler.build(entry, options, false);
      disk[i] = (System.nanoTime() - t) / 1e6;
      if (i == cold.length - 1) {
        for (int j = 0; j < memory.length; j++) {
          t = System.nanoTime();
          Bundler.build(entry, options, false);
          memory[j] = (System.nanoTime() - t) / 1e6;
        }
      }
    }
    System.out.printf(Locale.ROOT, "bundle %-16s cold (esbuild) median %.0f ms, disk cache median %.1f ms,"
        + " memory cache median %.2f ms%n", label, median(cold), median(disk), median(memory));
    try (Miniflare mf = Miniflare.builder().worker(w -> w.name("bundled").scriptPath(entry)
        .buildOptions(BuildOptions.builder().projectRoot(entry.getParent().getParent()).build())).build()) {
      System.out.println("bundled app answers: " + mf.dispatchFetch("http://localhost/").text());
    }
  }

  /** A Hono app installed with npm in a temp folder (kept between runs), or null without npm or network. */
  private static Path honoApp() throws Exception {
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "miniflare-java-bench-hono");
    Files.createDirectories(dir.resolve("src"));
    Files.writeString(dir.resolve("src/index.ts"), "import { Hono } from 'hono';\n"
        + "import { cors } from 'hono/cors';\nimport { etag } from 'hono/etag';\n"
        + "const app = new Hono();\napp.use('*', cors(), etag());\n"
        + "app.get('/', (c) => c.json({ ok: true }));\napp.get('/hello/:name', (c) => c.text(`hi ${c.req.param('name')}`));\n"
        + "export default app;\n");
    if (!Files.isDirectory(dir.resolve("node_modules/hono"))) {
      Files.writeString(dir.resolve("package.json"), "{\"name\":\"bench-hono\",\"private\":true}");
      try {
        Process p = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "hono@4").directory(dir.toFile())
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
          p.destroyForcibly();
          return null;
        }
      } catch (java.io.IOException e) {
        return null;
      }
    }
    return dir;
  }

  private static Path generatedApp() throws Exception {
    Path dir = Files.createTempDirectory("mf-bench-app");
    StringBuilder index = new StringBuilder();
    StringBuilder sum = new StringBuilder("0");
    for (int i = 0; i < 50; i++) {
      Path f = dir.resolve("src/m" + i + ".ts");
      Files.createDirectories(f.getParent());
      Files.writeString(f, "export interface T" + i + " { v: number }\nexport const v" + i + ": number = " + i + ";\n");
      index.append("import { v").append(i).append(" } from './m").append(i).append("';\n");
      sum.append(" + v").append(i);
    }
    index.append("export default { fetch() { return new Response(String(").append(sum).append(")); } };\n");
    Files.writeString(dir.resolve("src/index.ts"), index.toString());
    return dir;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
