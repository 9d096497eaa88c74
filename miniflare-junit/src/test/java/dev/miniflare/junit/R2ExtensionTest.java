package dev.miniflare.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.miniflare.Worker;
import dev.miniflare.kv.KVNamespace;
import dev.miniflare.r2.R2Bucket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.testkit.engine.Events;

/**
 * R2 objects are isolated like every other storage: {@code @BeforeAll} objects are seen by every test, a test's
 * objects are gone in the next test, and parallel tests never see each other's objects.
 */
class R2ExtensionTest {
  /** {@code GET /?put=k} stores k, then the response lists the bucket's keys. */
  static final String SCRIPT = "export default { async fetch(req, env) {"
      + " const put = new URL(req.url).searchParams.get('put'); if (put) await env.BUCKET.put(put, 'v');"
      + " return Response.json((await env.BUCKET.list()).objects.map((o) => o.key)); } }";

  private static Events run(Class<?> scenario, boolean parallel) {
    return ScenarioRunner.run(scenario, parallel);
  }

  @Test
  void objectsWrittenInATestAreGoneInTheNextOne() {
    run(PerTest.class, false).assertStatistics(s -> s.started(3).succeeded(3));
  }

  @Test
  void perClassIsolationRollsBackObjectsToo() {
    run(PerClass.class, false).assertStatistics(s -> s.started(2).succeeded(2));
  }

  @Test
  void parallelTestsNeverSeeEachOthersObjects() {
    run(Parallel.class, true).assertStatistics(s -> s.started(16).succeeded(16));
  }

  @Test
  void wrongTypesAndUnknownNamesAreExplained() {
    Events events = run(BadParameters.class, false);
    events.assertStatistics(s -> s.started(2).failed(2));
    events.assertThatEvents().haveExactly(1, event(test("wrongType"), finishedWithFailure(message(m -> m.startsWith(
        "binding \"BUCKET\" of worker \"r2\" is an R2 bucket (dev.miniflare.r2.R2Bucket) but the parameter")
        && m.endsWith("is declared as " + KVNamespace.class.getName())))));
    events.assertThatEvents().haveExactly(1, event(test("unknownName"), finishedWithFailure(message(m ->
        m.startsWith("worker \"r2\" has no binding named \"NOPE\"; its bindings are [BUCKET]")))));
  }

  static MiniflareExtension.Builder bucket() {
    return MiniflareExtension.builder().worker(w -> w.name("r2").modules(true).script(SCRIPT).r2Buckets("BUCKET"));
  }

  @SuppressWarnings("unchecked")
  static java.util.List<String> keys(Worker worker, String query) {
    return worker.fetch("http://localhost/" + query).json(java.util.List.class);
  }

  @Tag("scenario")
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class PerTest {
    @RegisterExtension
    static MiniflareExtension mf = bucket().build();

    @BeforeAll
    static void seed(@Binding("BUCKET") R2Bucket bucket) {
      bucket.put("seed", "from @BeforeAll");
    }

    @Test
    @Order(1)
    void writes(Worker worker) {
      assertThat(keys(worker, "?put=first")).containsExactly("first", "seed");
    }

    @Test
    @Order(2)
    void writesFromJava(Worker worker, @Binding("BUCKET") R2Bucket bucket) {
      assertThat(keys(worker, "")).containsExactly("seed");
      bucket.put("java", "x");
      bucket.delete("seed");
      assertThat(keys(worker, "")).containsExactly("java");
    }

    @Test
    @Order(3)
    void seesOnlyTheSeed(@Binding("BUCKET") R2Bucket bucket) {
      assertThat(bucket.keys(null)).containsExactly("seed");
      MiniflareAssertions.assertThat(bucket).hasText("seed", "from @BeforeAll").doesNotContainKey("java");
    }
  }

  @Tag("scenario")
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class PerClass {
    @RegisterExtension
    static MiniflareExtension mf = bucket().isolation(Isolation.PER_CLASS).build();

    @BeforeAll
    static void seed(@Binding("BUCKET") R2Bucket bucket) {
      bucket.put("seed", "x");
    }

    @Test
    @Order(1)
    void writes(Worker worker) {
      assertThat(keys(worker, "?put=first")).containsExactly("first", "seed");
    }

    @Test
    @Order(2)
    void seesOnlyTheSeed(Worker worker) {
      assertThat(keys(worker, "")).containsExactly("seed");
    }
  }

  @Tag("scenario")
  @Execution(ExecutionMode.CONCURRENT)
  static class Parallel {
    @RegisterExtension
    static MiniflareExtension mf = bucket().build();

    @BeforeAll
    static void seed(@Binding("BUCKET") R2Bucket bucket) {
      bucket.put("seed", "x");
    }

    @RepeatedTest(16)
    void eachTestSeesOnlyItsOwnObject(Worker worker, org.junit.jupiter.api.RepetitionInfo info) {
      String mine = "obj-" + info.getCurrentRepetition();
      assertThat(keys(worker, "?put=" + mine)).containsExactly(mine, "seed");
    }
  }

  @Tag("scenario")
  static class BadParameters {
    @RegisterExtension
    static MiniflareExtension mf = bucket().build();

    @Test
    void wrongType(@Binding("BUCKET") KVNamespace kv) {}

    @Test
    void unknownName(@Binding("NOPE") R2Bucket bucket) {}
  }
}
