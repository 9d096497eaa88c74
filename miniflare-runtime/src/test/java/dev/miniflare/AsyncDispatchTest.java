package dev.miniflare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Where events run: inline for blocking callers, on the loop for asynchronous ones. */
class AsyncDispatchTest {
  private static final String WORKER = "export default { fetch() { console.log('hi'); return new Response('ok'); } }";

  @Test
  void blockingCallsRunOnTheCallersThreadAndAsyncOnesOnTheLoop() throws Exception {
    List<String> threads = new CopyOnWriteArrayList<>();
    try (Miniflare mf = Miniflare.builder().logSink((worker, level, message) ->
        threads.add(Thread.currentThread().getName())).worker(w -> w.name("w").modules(true).script(WORKER)).build()) {
      mf.dispatchFetch("http://localhost/");
      mf.worker().fetch("http://localhost/");
      mf.dispatchFetchAsync(Request.get("http://localhost/")).get(10, TimeUnit.SECONDS);
    }
    String caller = Thread.currentThread().getName();
    assertThat(threads).containsExactly(caller, caller, "miniflare-loop-w");
  }

  @Test
  void requestsChainedOnCompletionDoNotRecurseOnTheCallersStack() throws Exception {
    try (Miniflare mf = Miniflare.builder().worker(w -> w.name("w").modules(true)
        .script("export default { fetch() { return new Response('ok'); } }")).build()) {
      mf.dispatchFetch("http://localhost/"); // the isolate is idle and warm: the worst case for recursion
      AtomicInteger left = new AtomicInteger(20_000);
      CompletableFuture<Void> done = new CompletableFuture<>();
      chain(mf, left, done);
      done.get(60, TimeUnit.SECONDS);
      assertThat(left).hasValue(0);
    }
  }

  private static void chain(Miniflare mf, AtomicInteger left, CompletableFuture<Void> done) {
    if (left.get() == 0) {
      done.complete(null);
      return;
    }
    mf.dispatchFetchAsync(Request.get("http://localhost/")).whenComplete((Response r, Throwable e) -> {
      if (e != null) {
        done.completeExceptionally(e);
        return;
      }
      left.decrementAndGet();
      chain(mf, left, done);
    });
  }
}
