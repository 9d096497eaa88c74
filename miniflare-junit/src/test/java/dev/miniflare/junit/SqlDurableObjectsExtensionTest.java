package dev.miniflare.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miniflare.Worker;
import dev.miniflare.durableobjects.DurableObjectNamespace;
import java.util.List;
import java.util.Map;
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
 * SQL rows of SQLite-backed Durable Objects are isolated like every other storage: {@code @BeforeAll} rows are
 * seen by every test, a test's rows are gone in the next test, and parallel tests never see each other's rows.
 */
class SqlDurableObjectsExtensionTest {
  static final String SCRIPT = "src/test/resources/workers/notes.mjs";

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
    run(Parallel.class, true).assertStatistics(s -> s.started(24).succeeded(24));
  }

  static MiniflareExtension.Builder notes() {
    return MiniflareExtension.builder()
        .worker(w -> w.name("notes").modules(true).scriptPath(SCRIPT).sqliteDurableObjects("Notes")
            .durableObject("NOTES", "Notes"));
  }

  static void seed(DurableObjectNamespace ns) {
    ns.storage(ns.idFromName("shared")).sql("CREATE TABLE notes(text TEXT); INSERT INTO notes VALUES ('seed')");
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

    @BeforeAll
    static void seedRows(@Binding("NOTES") DurableObjectNamespace ns) {
      seed(ns);
    }

    @Test
    @Order(1)
    void writes(Worker worker) {
      assertThat(texts(worker, "?add=first")).containsExactly("seed", "first");
    }

    @Test
    @Order(2)
    void writesAgain(Worker worker, @Binding("NOTES") DurableObjectNamespace ns) {
      assertThat(texts(worker, "")).containsExactly("seed");
      ns.storage(ns.idFromName("shared")).sql("INSERT INTO notes VALUES ('from java')");
      assertThat(texts(worker, "?add=second")).containsExactly("seed", "from java", "second");
    }

    @Test
    @Order(3)
    void seesOnlyTheSeed(Worker worker, @Binding("NOTES") DurableObjectNamespace ns) {
      assertThat(texts(worker, "")).containsExactly("seed");
      assertThat(ns.storage(ns.idFromName("shared")).sql("SELECT count(*) AS n FROM notes"))
          .isEqualTo(List.of(Map.of("n", 1L)));
    }
  }

  @Tag("scenario")
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class PerClass {
    @RegisterExtension
    static MiniflareExtension mf = notes().isolation(Isolation.PER_CLASS).build();

    @BeforeAll
    static void seedRows(@Binding("NOTES") DurableObjectNamespace ns) {
      seed(ns);
    }

    @Test
    @Order(1)
    void writes(Worker worker) {
      assertThat(texts(worker, "?add=first")).containsExactly("seed", "first");
    }

    @Test
    @Order(2)
    void dropsTheTable(Worker worker, @Binding("NOTES") DurableObjectNamespace ns) {
      assertThat(texts(worker, "")).containsExactly("seed");
      ns.storage(ns.idFromName("shared")).sql("DROP TABLE notes");
      assertThat(texts(worker, "")).isEmpty();
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
    static void seedRows(@Binding("NOTES") DurableObjectNamespace ns) {
      seed(ns);
    }

    @RepeatedTest(24)
    void eachTestSeesOnlyItsOwnRow(Worker worker, org.junit.jupiter.api.RepetitionInfo info) {
      String mine = "row-" + info.getCurrentRepetition();
      assertThat(texts(worker, "?add=" + mine)).containsExactly("seed", mine);
      assertThat(texts(worker, "")).containsExactly("seed", mine);
    }
  }
}
