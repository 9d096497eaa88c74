package dev.miniflare.junit.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Prints the JUnit figures of the design (not a test): the fixed cost of a one-test suite as a whole process,
 * and the marginal cost per test of 50- and 200-test suites in one JVM, in both isolation modes, next to the same
 * suite in plain JUnit (no Miniflare) as the floor.
 * Run: {@code mvn -pl miniflare-junit -am -Pbench test-compile exec:exec} (see README).
 */
public final class JUnitSuiteBenchmark {
  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("--once")) {
      // child process: run one suite once and exit (the parent times the whole process)
      System.exit(run(Class.forName(args[1]), 1) == 0 ? 1 : 0);
    }
    System.out.printf("java %s, %d cores%n", System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());
    for (Class<?> suite : List.of(BenchSuites.PlainJUnit.class, BenchSuites.PerTest.class,
        BenchSuites.PerClass.class)) {
      String mode = suite.getSimpleName();
      long[] process = new long[3];
      for (int i = 0; i < process.length; i++) {
        process[i] = wholeProcessMillis(suite);
      }
      Arrays.sort(process);
      System.out.printf(Locale.ROOT, "%-10s fixed cost, 1-test suite, whole process (median of 3): %d ms%n", mode,
          process[1]);
      // Warm the JVM up: the JIT needs a few hundred tests' worth of GraalJS interpreter work before per-test
      // costs settle (a 20-test warm-up left the 50/200 runs still compiling and overstated the marginal cost).
      for (int i = 0; i < 3; i++) {
        run(suite, 200);
      }
      double[] t = new double[3];
      int[] sizes = {1, 50, 200};
      for (int i = 0; i < sizes.length; i++) {
        long t0 = System.nanoTime();
        long passed = run(suite, sizes[i]);
        t[i] = (System.nanoTime() - t0) / 1e6;
        if (passed != sizes[i]) {
          throw new IllegalStateException(mode + ": only " + passed + " of " + sizes[i] + " tests passed");
        }
      }
      System.out.printf(Locale.ROOT, "%-10s in one JVM: 1 test %.1f ms, 50 tests %.1f ms, 200 tests %.1f ms;"
          + " marginal %.2f ms/test%n", mode, t[0], t[1], t[2], (t[2] - t[1]) / 150);
    }
  }

  private static long run(Class<?> suite, int tests) {
    System.setProperty("bench.tests", String.valueOf(tests));
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(suite))
        .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false").build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(request, listener);
    TestExecutionSummary summary = listener.getSummary();
    if (summary.getTotalFailureCount() > 0) {
      summary.getFailures().forEach(f -> f.getException().printStackTrace());
    }
    return summary.getTestsSucceededCount();
  }

  private static long wholeProcessMillis(Class<?> suite) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin" + File.separator
        + "java", "-cp", System.getProperty("java.class.path"), JUnitSuiteBenchmark.class.getName(), "--once",
        suite.getName()));
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("the one-test suite failed");
    }
    return (System.nanoTime() - t0) / 1_000_000;
  }
}
