package dev.miniflare.junit;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/** The start-up warm-up swallows its errors (it is only an optimisation), so check here that it works. */
class PrewarmSessionListenerTest {
  @Test
  void dispatchWarmUpRunsARequestAnExportCallAndKvWithoutErrors() {
    assertThatCode(PrewarmSessionListener::warmUpDispatch).doesNotThrowAnyException();
  }
}
