package dev.miniflare.junit;

/** How much of the runtime a test shares with the other tests of its class. */
public enum Isolation {
  /**
   * Every test gets fresh isolates (module-level variables start over, a fresh {@code env}) and storage as it
   * stood after {@code @BeforeAll}. The default. Tests may run in parallel.
   */
  PER_TEST,
  /**
   * One runtime per class: module state persists between tests (like jest-environment-miniflare), storage is
   * still rolled back after every test. Tests of the class run one at a time, even under parallel execution.
   */
  PER_CLASS
}
