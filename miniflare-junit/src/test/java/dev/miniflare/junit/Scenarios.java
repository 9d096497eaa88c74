package dev.miniflare.junit;

import static dev.miniflare.junit.MiniflareAssertions.assertThat;

import dev.miniflare.Miniflare;
import dev.miniflare.TestClock;
import dev.miniflare.Worker;
import dev.miniflare.http.Response;
import dev.miniflare.kv.KVNamespace;
import dev.miniflare.kv.KVPutOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Test classes that {@link MiniflareExtensionTest} runs through the JUnit Platform testkit and inspects. They
 * are tagged "scenario" so the build does not run them directly.
 */
final class Scenarios {
  private Scenarios() {}

  static final String SCRIPT = "src/test/resources/workers/counter.mjs";

  @Tag("scenario")
  @MiniflareTest(scriptPath = SCRIPT, kvNamespaces = "KV")
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class PerTestIsolation {
    @BeforeAll
    static void seed(@Binding("KV") KVNamespace kv) {
      kv.put("seeded", "yes");
    }

    @BeforeEach
    void each(@Binding("KV") KVNamespace kv) {
      kv.put("each", "x");
    }

    @Test
    @Order(1)
    void writes(@Binding("KV") KVNamespace kv, Worker worker) {
      assertThat(kv).hasValue("seeded", "yes").containsKey("each");
      kv.put("a", "3");
      assertThat(worker.module().call("increment", Integer.class, kv, "a")).isEqualTo(4);
      assertThat(worker.fetch("http://localhost/requests")).hasBody("1");
    }

    @Test
    @Order(2)
    void failsAfterWriting(@Binding("KV") KVNamespace kv) {
      kv.put("from-failed", "x");
      throw new AssertionError("deliberate");
    }

    @Test
    @Order(3)
    void seesNothingFromEarlierTests(@Binding("KV") KVNamespace kv, Worker worker) {
      assertThat(kv).doesNotContainKey("a").doesNotContainKey("from-failed").hasValue("seeded", "yes");
      assertThat(worker.fetch("http://localhost/a")).hasStatus(200).hasBody("count for /a is now 1");
      // module state starts over: this isolate has served exactly two requests
      assertThat(worker.fetch("http://localhost/requests")).hasBody("2");
    }
  }

  @Tag("scenario")
  @MiniflareTest(scriptPath = SCRIPT, kvNamespaces = "KV", isolation = Isolation.PER_CLASS)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class PerClassIsolation {
    @Test
    @Order(1)
    void first(Worker worker, @Binding("KV") KVNamespace kv) {
      assertThat(worker.fetch("http://localhost/x")).hasBody("count for /x is now 1");
      assertThat(kv).hasValue("/x", "1");
    }

    @Test
    @Order(2)
    void second(Worker worker, @Binding("KV") KVNamespace kv) {
      assertThat(kv).doesNotContainKey("/x");
      assertThat(worker.fetch("http://localhost/x")).hasBody("count for /x is now 1");
      // the same isolate: module state persisted across tests (/x twice, then this one)
      assertThat(worker.fetch("http://localhost/requests")).hasBody("3");
    }
  }

  @Tag("scenario")
  @MiniflareTest(scriptPath = SCRIPT, kvNamespaces = "KV")
  static class NestedScopes {
    @BeforeAll
    static void outer(@Binding("KV") KVNamespace kv) {
      kv.put("outer", "1");
    }

    @Test
    void outerTest(@Binding("KV") KVNamespace kv) {
      assertThat(kv).containsKey("outer").doesNotContainKey("inner");
      kv.put("outer-test", "x");
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Inner {
      @BeforeAll
      void inner(@Binding("KV") KVNamespace kv) {
        assertThat(kv).containsKey("outer").doesNotContainKey("outer-test");
        kv.put("inner", "2");
      }

      @Test
      void seesBoth(@Binding("KV") KVNamespace kv) {
        assertThat(kv).containsKey("outer").containsKey("inner");
        kv.put("inner-test", "x");
      }

      @Test
      void seesNoSiblingWrites(@Binding("KV") KVNamespace kv) {
        assertThat(kv).containsKey("inner").doesNotContainKey("inner-test");
        kv.put("inner-test", "y");
      }
    }

    @Nested
    class Sibling {
      @Test
      void doesNotSeeInner(@Binding("KV") KVNamespace kv) {
        assertThat(kv).containsKey("outer").doesNotContainKey("inner").doesNotContainKey("outer-test");
      }
    }
  }

  /** The outer class never touches a binding (its runtime is never built): nested classes still stack. */
  @Tag("scenario")
  @MiniflareTest(scriptPath = SCRIPT, kvNamespaces = "KV")
  static class NestedUnderUntouchedOuter {
    @Test
    void outerStartsEmpty(@Binding("KV") KVNamespace kv) {
      assertThat(kv).isEmpty();
      kv.put("outer-test", "x");
    }

    @Nested
    class Inner {
      @BeforeAll
      static void inner(@Binding("KV") KVNamespace kv) {
        assertThat(kv).isEmpty();
        kv.put("inner", "1");
      }

      @Test
      void seesItsBeforeAll(@Binding("KV") KVNamespace kv) {
        assertThat(kv).hasValue("inner", "1").hasSize(1);
      }

      @Nested
      class Deeper {
        @Test
        void seesTheInnerData(@Binding("KV") KVNamespace kv) {
          assertThat(kv).hasValue("inner", "1").hasSize(1);
          kv.put("deeper-test", "x");
        }
      }
    }

    @Nested
    class Sibling {
      @Test
      void seesNothing(@Binding("KV") KVNamespace kv) {
        assertThat(kv).isEmpty();
      }
    }
  }

  @Tag("scenario")
  @MiniflareTest(scriptPath = SCRIPT, kvNamespaces = "KV")
  @Execution(ExecutionMode.CONCURRENT)
  static class Parallel {
    @RepeatedTest(40)
    void isolated(@Binding("KV") KVNamespace kv, org.junit.jupiter.api.RepetitionInfo info) throws Exception {
      String me = "test-" + info.getCurrentRepetition();
      assertThat(kv).isEmpty();
      kv.put("owner", me);
      Thread.sleep(5);
      assertThat(kv).hasValue("owner", me).hasSize(1);
    }
  }

  @Tag("scenario")
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class LateWritesAndTimeouts {
    @RegisterExtension
    static MiniflareExtension mf = MiniflareExtension.builder()
        .worker(w -> w.name("counter").modules(true).scriptPath(SCRIPT).kvNamespace("KV", "kv"))
        .build();

    @Test
    @Order(1)
    void leavesWorkRunning(Worker worker) {
      assertThat(worker.fetch("http://localhost/late")).hasBody("later");
    }

    @Test
    @Order(2)
    @Timeout(value = 500, unit = TimeUnit.MILLISECONDS)
    void hangs(Worker worker) {
      worker.fetch("http://localhost/hang");
    }

    @Test
    @Order(3)
    @Timeout(value = 500, unit = TimeUnit.MILLISECONDS)
    void spins(Worker worker) {
      // Runs on this thread: the timeout's interrupt must stop the script (not the 30 s CPU limit).
      spinResult = worker.fetch("http://localhost/spin").text();
    }

    static volatile String spinResult;

    @Test
    @Order(4)
    void neverSeesTheLateWrite(@Binding("KV") KVNamespace kv) throws Exception {
      Thread.sleep(400);
      assertThat(kv).doesNotContainKey("late");
    }
  }

  @Tag("scenario")
  @MiniflareTest(scriptPath = SCRIPT, kvNamespaces = "KV")
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  static class InjectionAndHelpers {
    @Binding("KV")
    KVNamespace field;

    final Worker constructed;

    InjectionAndHelpers(Worker worker) {
      this.constructed = worker;
    }

    @Test
    void fieldsAndConstructorParametersAreInjected(Miniflare mf) {
      field.put("f", "1");
      assertThat(mf.getKVNamespace("KV")).hasValue("f", "1");
      assertThat(constructed).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/p", "/q"})
    void parameterized(String path, Worker worker) {
      assertThat(worker.fetch("http://localhost" + path)).hasBody("count for " + path + " is now 1");
    }

    @Test
    void clockExpiresKv(@Binding("KV") KVNamespace kv, TestClock clock) {
      kv.put("session", "s", KVPutOptions.expirationTtl(60));
      clock.advance(Duration.ofSeconds(59));
      assertThat(kv).containsKey("session");
      clock.advance(Duration.ofSeconds(2));
      assertThat(kv).doesNotContainKey("session");
    }

    @Test
    void logsAreCaptured(Worker worker, WorkerLogs logs) {
      Response r = worker.fetch("http://localhost/log?who=ada");
      assertThat(r).hasBody("logged");
      assertThat(logs.messages()).containsExactly("hello from ada");
    }
  }

  @Tag("scenario")
  @MiniflareTest(scriptPath = SCRIPT, kvNamespaces = "KV")
  static class BadParameters {
    @Test
    void unknownBinding(@Binding("NOPE") KVNamespace kv) {}

    @Test
    void wrongType(@Binding("KV") String kv) {}
  }

  @Tag("scenario")
  @MiniflareTest(config = "does/not/exist/wrangler.toml")
  static class MissingConfig {
    @Test
    void never() {}
  }

  @Tag("scenario")
  @MiniflareTest(scriptPath = "src/test/resources/workers/broken.mjs")
  static class BrokenWorker {
    @Test
    void never() {}
  }

  @Tag("scenario")
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class DurableObjectsPerClass {
    @RegisterExtension
    static MiniflareExtension mf = MiniflareExtension.builder()
        .worker(w -> w.name("objects").modules(true).scriptPath("src/test/resources/workers/objects.mjs")
            .durableObject("COUNTER", "Counter"))
        .isolation(Isolation.PER_CLASS)
        .build();

    @Test
    @Order(1)
    void first(Worker worker, @Binding("COUNTER") dev.miniflare.durableobjects.DurableObjectNamespace ns) {
      assertThat(worker.fetch("http://localhost/")).hasBody("1/1");
      assertThat(worker.fetch("http://localhost/")).hasBody("2/2");
      assertThat(ns.listIds()).hasSize(1);
    }

    @Test
    @Order(2)
    void vitestStyleHelpers(@Binding("COUNTER") dev.miniflare.durableobjects.DurableObjectNamespace ns, Worker worker) {
      worker.fetch("http://localhost/");
      var stub = ns.getByName("one");
      assertThat(DurableObjectTesting.runInDurableObject(stub, (instance, state) -> instance.getMember("hits").asInt(),
          Integer.class)).isEqualTo(1);
      assertThat(DurableObjectTesting.listDurableObjectIds(ns)).extracting(dev.miniflare.durableobjects.DurableObjectId::hex)
          .containsExactly(ns.idFromName("one").hex());
      assertThat(DurableObjectTesting.runDurableObjectAlarm(stub)).isFalse();
    }

    @Test
    @Order(3)
    void storageAndLiveInstancesAreGone(Worker worker, @Binding("COUNTER") dev.miniflare.durableobjects.DurableObjectNamespace ns) {
      assertThat(ns.listIds()).isEmpty();
      assertThat(worker.fetch("http://localhost/")).hasBody("1/1");
    }
  }

  @Tag("scenario")
  @MiniflareTest(scriptPath = SCRIPT, kvNamespaces = "KV", isolation = Isolation.PER_CLASS)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class CacheRolledBack {
    @Test
    @Order(1)
    void seeds(Miniflare mf) {
      mf.defaultCache().put("https://example.com/a", Response.builder(200)
          .header("cache-control", "max-age=60").body("a").build());
      org.assertj.core.api.Assertions.assertThat(mf.defaultCache().match("https://example.com/a")).isPresent();
    }

    @Test
    @Order(2)
    void isEmptyAgain(Miniflare mf) {
      org.assertj.core.api.Assertions.assertThat(mf.defaultCache().match("https://example.com/a")).isEmpty();
    }
  }
}
