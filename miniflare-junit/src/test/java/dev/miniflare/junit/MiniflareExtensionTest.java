package dev.miniflare.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Runs the {@link Scenarios} classes on the JUnit Platform and checks what passed and failed, and why. */
class MiniflareExtensionTest {
  private static Events run(Class<?> scenario, boolean parallel) {
    return ScenarioRunner.run(scenario, parallel);
  }

  @Test
  void perTestIsolationRollsBackEveryTestEvenFailedOnes() {
    Events events = run(Scenarios.PerTestIsolation.class, false);
    events.assertStatistics(s -> s.started(3).succeeded(2).failed(1));
    events.assertThatEvents().haveExactly(1, event(test("failsAfterWriting"), finishedWithFailure(message("deliberate"))));
  }

  @Test
  void perClassIsolationKeepsModuleStateButRollsBackStorage() {
    Events events = run(Scenarios.PerClassIsolation.class, false);
    events.assertStatistics(s -> s.started(2).succeeded(2));
  }

  @Test
  void nestedClassesStackTheirScopes() {
    Events events = run(Scenarios.NestedScopes.class, false);
    events.assertStatistics(s -> s.started(4).succeeded(4));
  }

  @Test
  void nestedClassesStackWhenTheOuterClassNeverTouchesItsRuntime() {
    Events events = run(Scenarios.NestedUnderUntouchedOuter.class, false);
    events.assertStatistics(s -> s.started(4).succeeded(4));
  }

  @Test
  void parallelTestsNeverSeeEachOthersWrites() {
    Events events = run(Scenarios.Parallel.class, true);
    events.assertStatistics(s -> s.started(40).succeeded(40));
  }

  @Test
  void lateWritesAreDroppedAndHangingFetchesTimeOut() {
    Events events = run(Scenarios.LateWritesAndTimeouts.class, false);
    events.assertStatistics(s -> s.started(4).succeeded(2).failed(2));
    events.assertThatEvents().haveExactly(1,
        event(test("hangs"), finishedWithFailure(instanceOf(java.util.concurrent.TimeoutException.class))));
    // A busy loop runs on the test's own thread; the timeout's interrupt stops the script (rather than the 30 s CPU
    // limit), and the worker answers with the interruption as an uncaught error.
    events.assertThatEvents().haveExactly(1,
        event(test("spins"), finishedWithFailure(instanceOf(java.util.concurrent.TimeoutException.class))));
    assertThat(Scenarios.LateWritesAndTimeouts.spinResult).contains("interrupted").doesNotContain("CPU time limit");
  }

  @Test
  void fieldsConstructorsParameterizedTestsClockAndLogs() {
    Events events = run(Scenarios.InjectionAndHelpers.class, false);
    events.assertStatistics(s -> s.started(5).succeeded(5));
  }

  @Test
  void badParametersNameTheBindingAndTheTypes() {
    Events events = run(Scenarios.BadParameters.class, false);
    events.assertStatistics(s -> s.started(2).failed(2));
    events.assertThatEvents().haveExactly(1, event(test("unknownBinding"), finishedWithFailure(
        instanceOf(ParameterResolutionException.class),
        message(m -> m.contains("no binding named \"NOPE\"") && m.contains("[KV]")))));
    events.assertThatEvents().haveExactly(1, event(test("wrongType"), finishedWithFailure(
        instanceOf(ParameterResolutionException.class),
        message(m -> m.contains("KV namespace (dev.miniflare.kv.KVNamespace)") && m.contains("java.lang.String")))));
  }

  @Test
  void missingConfigNamesThePath() {
    Events all = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Scenarios.MissingConfig.class))
        .execute().containerEvents();
    all.assertThatEvents().haveAtLeastOne(event(finishedWithFailure(
        instanceOf(ExtensionConfigurationException.class),
        message(m -> m.contains("does/not/exist/wrangler.toml") && m.contains("no such file")))));
  }

  @Test
  void workerStartupFailureShowsTheJsErrorAndLocation() {
    Events all = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Scenarios.BrokenWorker.class))
        .execute().containerEvents();
    all.assertThatEvents().haveAtLeastOne(event(finishedWithFailure(
        message(m -> m.contains("TypeError: this worker fails at start-up") && m.contains("broken.mjs:6")))));
    assertThat(all.failed().count()).isGreaterThan(0);
  }

  @Test
  void durableObjectsAreInjectedAndResetBetweenTests() {
    Events events = run(Scenarios.DurableObjectsPerClass.class, false);
    events.assertStatistics(s -> s.started(3).succeeded(3));
  }

  @Test
  void cacheEntriesAreRolledBackAfterEachTest() {
    Events events = run(Scenarios.CacheRolledBack.class, false);
    events.assertStatistics(s -> s.started(2).succeeded(2));
  }
}
