package dev.miniflare.junit.bench;

import static dev.miniflare.junit.MiniflareAssertions.assertThat;

import dev.miniflare.Worker;
import dev.miniflare.junit.Binding;
import dev.miniflare.junit.Isolation;
import dev.miniflare.junit.MiniflareTest;
import dev.miniflare.kv.KVNamespace;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated suites of {@link JUnitSuiteBenchmark}: {@code bench.tests} copies of the samples' counter test
 * (assert the key is absent, put, call {@code increment}, fetch), each a full test with its own scope.
 */
final class BenchSuites {
  private BenchSuites() {}

  static IntStream cases() {
    return IntStream.range(0, Integer.getInteger("bench.tests", 1));
  }

  static void counterTest(KVNamespace kv, Worker worker) {
    assertThat(kv).doesNotContainKey("a");
    kv.put("a", "3");
    assertThat(worker.module().call("increment", Integer.class, kv, "a")).isEqualTo(4);
    assertThat(worker.fetch("http://localhost/b")).hasBody("count for /b is now 1");
  }

  @Tag("scenario")
  @MiniflareTest(scriptPath = "src/test/resources/workers/counter.mjs", kvNamespaces = "KV")
  static class PerTest {
    @ParameterizedTest
    @MethodSource("dev.miniflare.junit.bench.BenchSuites#cases")
    void counter(int n, @Binding("KV") KVNamespace kv, Worker worker) {
      counterTest(kv, worker);
    }
  }

  @Tag("scenario")
  @MiniflareTest(scriptPath = "src/test/resources/workers/counter.mjs", kvNamespaces = "KV",
      isolation = Isolation.PER_CLASS)
  static class PerClass {
    @ParameterizedTest
    @MethodSource("dev.miniflare.junit.bench.BenchSuites#cases")
    void counter(int n, @Binding("KV") KVNamespace kv, Worker worker) {
      counterTest(kv, worker);
    }
  }

  /** The same generated suite without Miniflare: the floor JUnit itself costs per parameterized test. */
  @Tag("scenario")
  static class PlainJUnit {
    @ParameterizedTest
    @MethodSource("dev.miniflare.junit.bench.BenchSuites#cases")
    void counter(int n) {
      org.assertj.core.api.Assertions.assertThat(n).isNotNegative();
    }
  }
}
