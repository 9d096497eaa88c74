package dev.miniflare.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Runs a scenario test class on the JUnit Platform (optionally with methods in parallel) for the extension's tests. */
final class ScenarioRunner {
  private ScenarioRunner() {}

  /** The scenario's test events; failures are printed so a broken scenario explains itself. */
  static Events run(Class<?> scenario, boolean parallel) {
    var results = EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.execution.parallel.enabled", String.valueOf(parallel))
        .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
        .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "8")
        .selectors(selectClass(scenario))
        .execute();
    results.containerEvents().failed().stream().forEach(e -> System.err.println("container "
        + e.getTestDescriptor().getDisplayName() + ": " + e.getPayload().orElse(null)));
    Events events = results.testEvents();
    events.failed().stream().forEach(e -> System.err.println(e.getTestDescriptor().getDisplayName() + ": "
        + e.getPayload().orElse(null)));
    return events;
  }
}
