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
 * suite in plain JUnit (no Miniflare) as the floor; each with the default JVM flags and with C1 only.
 * Run: {@code ci/bench.sh junit} (see README).
 */
public final class JUnitSuiteBenchmark {
  /**
   * The JVM flag sets measured: the defaults, and C1 only ({@code -XX:TieredStopAtLevel=1}), which the README
   * recommends for test JVMs because C2's compile work competes with the tests for a small machine's cores.
   */
  private static final List<List<String>> FLAG_SETS = List.of(List.of(), List.of("-XX:TieredStopAtLevel=1"));

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("--once")) {
      // child process: run one suite once and exit (the parent times the whole process)
      System.exit(run(Class.forName(args[1]), 1) == 0 ? 1 : 0);
    }
    if (args.length == 2 && args[0].equals("--marginal")) {
      marginal(Class.forName(args[1]));
      return;
    }
    System.out.printf("java %s, %d cores%n", System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());
    for (List<String> flags : FLAG_SETS) {
      System.out.println("JVM flags: " + (flags.isEmpty() ? "(defaults)" : String.join(" ", flags)));
      for (Class<?> suite : List.of(BenchSuites.PlainJUnit.class, BenchSuites.PerTest.class,
          BenchSuites.PerClass.class)) {
        long[] process = new long[5];
        for (int i = 0; i < process.length; i++) {
          process[i] = child(flags, "--once", suite);
        }
        Arrays.sort(process);
        System.out.printf(Locale.ROOT, "  %-10s fixed cost, 1-test suite, whole process (median of 5): %d ms%n",
            suite.getSimpleName(), process[2]);
        child(flags, "--marginal", suite);
      }
    }
  }

  /** Prints the marginal cost per test of one suite in this JVM, after warming it up. */
  private static void marginal(Class<?> suite) {
    String mode = suite.getSimpleName();
    // Warm the JVM up for a fixed time rather than a number of tests: the JIT needs seconds of GraalJS
    // interpreter work before per-test costs settle, and a fast suite (PER_CLASS) covers far more tests in it.
    long warmUntil = System.nanoTime() + Long.getLong("bench.warmupMillis", 5000) * 1_000_000;
    do {
      run(suite, 200);
    } while (System.nanoTime() < warmUntil);
    // Five rounds of each size, medians: a single 200-test run moves by ±20% with GC and JIT activity.
    int[] sizes = {1, 50, 200};
    double[] t = new double[sizes.length];
    for (int i = 0; i < sizes.length; i++) {
      double[] rounds = new double[5];
      for (int r = 0; r < rounds.length; r++) {
        long t0 = System.nanoTime();
        long passed = run(suite, sizes[i]);
        rounds[r] = (System.nanoTime() - t0) / 1e6;
        if (passed != sizes[i]) {
          throw new IllegalStateException(mode + ": only " + passed + " of " + sizes[i] + " tests passed");
        }
      }
      Arrays.sort(rounds);
      t[i] = rounds[rounds.length / 2];
    }
    System.out.printf(Locale.ROOT, "  %-10s in one JVM (medians of 5): 1 test %.1f ms, 50 tests %.1f ms,"
        + " 200 tests %.1f ms; marginal %.2f ms/test%n", mode, t[0], t[1], t[2], (t[2] - t[1]) / 150);
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

  /** Runs this class in a child JVM with the flags and returns its wall time in milliseconds. */
  private static long child(List<String> flags, String what, Class<?> suite) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    cmd.addAll(flags);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), JUnitSuiteBenchmark.class.getName(), what,
        suite.getName()));
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(what + " " + suite.getSimpleName() + " failed");
    }
    return (System.nanoTime() - t0) / 1_000_000;
  }
}
