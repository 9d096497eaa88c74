package dev.miniflare.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.miniflare.Worker;
import dev.miniflare.d1.D1Database;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.testkit.engine.Events;

/**
 * D1 rows are isolated like every other storage: {@code @BeforeAll} rows are seen by every test, a test's rows are
 * gone in the next test (per test and per class), parallel tests never see each other's rows, and
 * {@code @Binding("DB") D1Database} is injected with clear errors for the wrong type.
 */
class D1ExtensionTest {
  static final String SCRIPT = """
      export default { async fetch(req, env) {
        const add = new URL(req.url).searchParams.get("add");
        if (add) await env.DB.prepare("INSERT INTO notes (text) VALUES (?)").bind(add).run();
        const { results } = await env.DB.prepare("SELECT text FROM notes ORDER BY rowid").all();
        return Response.json(results.map((r) => r.text));
      } };
      """;

  private static Events run(Class<?> scenario, boolean parallel) {
    return ScenarioRunner.run(scenario, parallel);
  }

  @Test
  void rowsWrittenInATestAreGoneInTheNextOne() {
    run(PerTest.class, false).assertStatistics(s -> s.started(3).succeeded(3));
  }

  @Test
  void perClassIsolationRollsBackRowsToo() {
    run(PerClass.class, false).assertStatistics(s -> s.started(3).succeeded(3));
  }

  @Test
  void parallelTestsNeverSeeEachOthersRows() {
    run(Parallel.class, true).assertStatistics(s -> s.started(16).succeeded(16));
  }

  @Test
  void badParametersNameTheBindingAndTheTypes() {
    Events events = run(BadParameters.class, false);
    events.assertStatistics(s -> s.started(2).failed(2));
    events.assertThatEvents().haveExactly(1, event(test("unknownBinding"), finishedWithFailure(
        instanceOf(ParameterResolutionException.class),
        message(m -> m.contains("no binding named \"NOPE\"") && m.contains("[DB]")))));
    events.assertThatEvents().haveExactly(1, event(test("wrongType"), finishedWithFailure(
        instanceOf(ParameterResolutionException.class),
        message(m -> m.contains("is a D1 database (dev.miniflare.d1.D1Database)")
            && m.contains("java.lang.String")))));
  }

  static MiniflareExtension.Builder notes() {
    return MiniflareExtension.builder()
        .worker(w -> w.name("notes").modules(true).script(SCRIPT).d1Database("DB", "notes-db"));
  }

  static void seed(D1Database db) {
    db.exec("CREATE TABLE notes (text TEXT NOT NULL)\nINSERT INTO notes VALUES ('seed')");
  }

  @SuppressWarnings("unchecked")
  static List<String> texts(Worker worker, String query) {
    return worker.fetch("http://localhost/" + query).json(List.class);
  }

  @Tag("scenario")
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class PerTest {
    @RegisterExtension
    static MiniflareExtension mf = notes().build();

    @Binding("DB")
    D1Database field;

    @BeforeAll
    static void seedRows(@Binding("DB") D1Database db) {
      seed(db);
    }

    @Test
    @Order(1)
    void writes(Worker worker) {
      assertThat(texts(worker, "?add=first")).containsExactly("seed", "first");
    }

    @Test
    @Order(2)
    void writesAgain(Worker worker, @Binding("DB") D1Database db) {
      assertThat(texts(worker, "")).containsExactly("seed");
      db.execute("INSERT INTO notes VALUES (?)", "from java");
      assertThat(texts(worker, "?add=second")).containsExactly("seed", "from java", "second");
      assertThat(field.query("SELECT count(*) AS n FROM notes")).isEqualTo(List.of(Map.of("n", 3L)));
    }

    @Test
    @Order(3)
    void seesOnlyTheSeed(Worker worker, @Binding("DB") D1Database db) {
      assertThat(texts(worker, "")).containsExactly("seed");
      assertThat(db.query("SELECT count(*) AS n FROM notes")).isEqualTo(List.of(Map.of("n", 1L)));
    }
  }

  @Tag("scenario")
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class PerClass {
    @RegisterExtension
    static MiniflareExtension mf = notes().isolation(Isolation.PER_CLASS).build();

    @BeforeAll
    static void seedRows(@Binding("DB") D1Database db) {
      seed(db);
    }

    @Test
    @Order(1)
    void writes(Worker worker) {
      assertThat(texts(worker, "?add=first")).containsExactly("seed", "first");
    }

    @Test
    @Order(2)
    void dropsTheTable(@Binding("DB") D1Database db) {
      assertThat(db.query("SELECT text FROM notes")).containsExactly(Map.of("text", "seed"));
      db.exec("DROP TABLE notes");
      assertThat(db.query("SELECT name FROM sqlite_schema")).isEmpty();
    }

    @Test
    @Order(3)
    void seesOnlyTheSeed(Worker worker) {
      assertThat(texts(worker, "")).containsExactly("seed");
    }
  }

  @Tag("scenario")
  @Execution(ExecutionMode.CONCURRENT)
  static class Parallel {
    @RegisterExtension
    static MiniflareExtension mf = notes().build();

    @BeforeAll
    static void seedRows(@Binding("DB") D1Database db) {
      seed(db);
    }

    @RepeatedTest(16)
    void eachTestSeesOnlyItsOwnRow(Worker worker, org.junit.jupiter.api.RepetitionInfo info) {
      String mine = "row-" + info.getCurrentRepetition();
      assertThat(texts(worker, "?add=" + mine)).containsExactly("seed", mine);
      assertThat(texts(worker, "")).containsExactly("seed", mine);
    }
  }

  @Tag("scenario")
  static class BadParameters {
    @RegisterExtension
    static MiniflareExtension mf = notes().build();

    @Test
    void unknownBinding(@Binding("NOPE") D1Database db) {}

    @Test
    void wrongType(@Binding("DB") String db) {}
  }
}
