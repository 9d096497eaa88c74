package dev.miniflare.samples;

import static dev.miniflare.junit.MiniflareAssertions.assertThat;

import dev.miniflare.Miniflare;
import dev.miniflare.Worker;
import dev.miniflare.http.Response;
import dev.miniflare.junit.Binding;
import dev.miniflare.junit.MiniflareExtension;
import dev.miniflare.junit.WorkerName;
import dev.miniflare.kv.KVNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two workers configured in code: a module worker and a service-worker "incrementer" sharing one KV namespace,
 * plus a service binding answered by a Java function.
 */
class MultiWorkerTest {
  @RegisterExtension
  static MiniflareExtension mf = MiniflareExtension.builder()
      .worker(w -> w.name("worker").modules(true).scriptPath("workers/multi/main.mjs")
          .kvNamespace("COUNTS", "counts")
          .serviceBinding("INCREMENTER", "incrementer")
          .serviceBinding("CUSTOM", request -> Response.text("The count is ")))
      .worker(w -> w.name("incrementer").scriptPath("workers/multi/incrementer.js")
          .kvNamespace("NUMBERS", "counts"))
      .build();

  @Test
  void countsThroughTheOtherWorker(Miniflare miniflare) {
    assertThat(miniflare.dispatchFetch("http://localhost")).hasBody("The count is 3");
  }

  @Test
  void startsFromZeroInEveryTest(Miniflare miniflare, @Binding("COUNTS") KVNamespace counts) {
    assertThat(counts).doesNotContainKey("count");
    assertThat(miniflare.dispatchFetch("http://localhost")).hasBody("The count is 3");
    assertThat(counts).hasValue("count", "3");
  }

  @Test
  void theIncrementerCanBeCalledDirectly(@WorkerName("incrementer") Worker incrementer,
      @Binding("NUMBERS") @WorkerName("incrementer") KVNamespace numbers) {
    assertThat(incrementer.fetch("http://localhost/")).hasBody("1");
    assertThat(incrementer.fetch("http://localhost/")).hasBody("2");
    assertThat(numbers).hasValue("count", "2");
  }
}
