package dev.miniflare.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miniflare.Worker;
import dev.miniflare.http.Response;
import org.junit.jupiter.api.Test;

/** {@code @MiniflareTest(cpuTimeLimitMillis = ...)}: a spinning handler fails the test's request quickly. */
@MiniflareTest(scriptPath = "src/test/resources/workers/spinner.mjs", modules = true, cpuTimeLimitMillis = 200)
class CpuTimeLimitExtensionTest {
  @Test
  void aSpinningHandlerFailsWithTheCpuLimitAndTheWorkerRecovers(Worker worker) {
    Response spun = worker.fetch("http://localhost/spin");
    assertThat(spun.status()).isEqualTo(500);
    assertThat(spun.text()).contains("Worker exceeded CPU time limit.");
    assertThat(worker.fetch("http://localhost/").text()).isEqualTo("ok");
  }
}
