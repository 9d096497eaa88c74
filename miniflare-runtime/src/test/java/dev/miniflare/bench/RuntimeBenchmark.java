package dev.miniflare.bench;

import dev.miniflare.Miniflare;
import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints the runtime's headline figures (not a test): in-process {@code dispatchFetch} latency and throughput for
 * a hello-world and a KV-counter module worker, time to first response of a new instance, and the cost of a fresh
 * isolate on the shared engine. Run with {@code ci/bench.sh runtime} (see README).
 */
public final class RuntimeBenchmark {
  static final String HELLO = "export default { fetch() { return new Response('hello'); } }";
  static final String COUNTER = "export default { async fetch(req, env) {"
      + " const n = parseInt((await env.KV.get('count')) ?? '0') + 1;"
      + " await env.KV.put('count', String(n)); return new Response(String(n)); } }";

  static final String OBJECTS = "export class Counter { constructor(state) { this.storage = state.storage; }"
      + " async fetch() { const n = ((await this.storage.get('n')) ?? 0) + 1; await this.storage.put('n', n);"
      + " return new Response(String(n)); } }"
      + " export default { fetch(req, env) { const name = new URL(req.url).pathname;"
      + " return env.COUNTER.getByName(name).fetch(req); } }";

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    System.out.printf("java %s, %d cores%n", System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
    freshIsolate();
    for (String[] w : new String[][] {{"hello", HELLO}, {"kv-counter", COUNTER}}) {
      try (Miniflare mf = Miniflare.builder()
          .worker(b -> b.name(w[0]).modules(true).script(w[1]).kvNamespace("KV", "bench"))
          .build()) {
        latency(mf, w[0]);
        throughput(mf, w[0], seconds);
      }
    }
    try (Miniflare mf = Miniflare.builder()
        .worker(b -> b.name("objects").modules(true).script(OBJECTS).durableObject("COUNTER", "Counter")).build()) {
      for (int i = 0; i < 3000; i++) {
        mf.dispatchFetch("http://localhost/warm" + (i % 100));
      }
      durableObjects(mf, "one object  ", 1, seconds);
      durableObjects(mf, "100 objects ", 100, seconds);
    }
    BundleBenchmark.run();
  }

  /** Read-modify-write requests/s with 16 in flight, over {@code ids} objects; three runs for the noise. */
  static void durableObjects(Miniflare mf, String label, int ids, int seconds) throws Exception {
    double[] rates = new double[3];
    for (int run = 0; run < rates.length; run++) {
      AtomicLong done = new AtomicLong();
      long end = System.nanoTime() + seconds * 1_000_000_000L / 3;
      CompletableFuture<?>[] lanes = new CompletableFuture<?>[16];
      for (int i = 0; i < lanes.length; i++) {
        int lane = i;
        lanes[i] = new CompletableFuture<Void>();
        objectStep(mf, ids, lane, done, end, (CompletableFuture<Void>) lanes[i]);
      }
      long start = System.nanoTime();
      CompletableFuture.allOf(lanes).get();
      rates[run] = done.get() / ((System.nanoTime() - start) / 1e9);
    }
    Arrays.sort(rates);
    System.out.printf(Locale.ROOT, "durable object RMW, %s 16 in flight: min %.0f, median %.0f, max %.0f req/s%n",
        label, rates[0], rates[1], rates[2]);
  }

  private static void objectStep(Miniflare mf, int ids, int lane, AtomicLong done, long end,
      CompletableFuture<Void> finished) {
    if (System.nanoTime() >= end) {
      finished.complete(null);
      return;
    }
    long n = done.get();
    mf.dispatchFetchAsync(Request.get("http://localhost/o" + ((n + lane) % ids))).whenComplete((r, e) -> {
      if (e != null) {
        finished.completeExceptionally(e);
        return;
      }
      done.incrementAndGet();
      objectStep(mf, ids, lane, done, end, finished);
    });
  }

  static void freshIsolate() {
    // warm the shared engine's caches first, as every instance after the first one sees it
    for (int i = 0; i < 20; i++) {
      newInstanceFirstResponse();
    }
    int n = 50;
    long[] firstResponse = new long[n];
    long[] build = new long[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      Miniflare mf = Miniflare.builder().worker(b -> b.name("fresh").modules(true).script(HELLO)).build();
      long t1 = System.nanoTime();
      mf.dispatchFetch("http://localhost/").text();
      long t2 = System.nanoTime();
      mf.close();
      build[i] = t1 - t0;
      firstResponse[i] = t2 - t0;
    }
    System.out.printf(Locale.ROOT, "fresh isolate (context + runtime + worker module) p50 %.2f ms, p90 %.2f ms%n",
        pct(build, 50) / 1e6, pct(build, 90) / 1e6);
    System.out.printf(Locale.ROOT, "new instance to first response            p50 %.2f ms, p90 %.2f ms%n",
        pct(firstResponse, 50) / 1e6, pct(firstResponse, 90) / 1e6);
  }

  private static void newInstanceFirstResponse() {
    try (Miniflare mf = Miniflare.builder().worker(b -> b.name("warm").modules(true).script(HELLO)).build()) {
      mf.dispatchFetch("http://localhost/").text();
    }
  }

  static void latency(Miniflare mf, String name) {
    Request req = Request.get("http://localhost/");
    for (int i = 0; i < 3000; i++) {
      mf.dispatchFetch(req);
    }
    int n = 2000;
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      Response r = mf.dispatchFetch(req);
      t[i] = System.nanoTime() - t0;
      if (r.status() != 200) {
        throw new IllegalStateException(r.text());
      }
    }
    System.out.printf(Locale.ROOT, "%-10s dispatchFetch sequential x%d: p50 %.3f ms, p99 %.3f ms%n", name, n,
        pct(t, 50) / 1e6, pct(t, 99) / 1e6);
  }

  static void throughput(Miniflare mf, String name, int seconds) throws Exception {
    Request req = Request.get("http://localhost/");
    AtomicLong done = new AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    CompletableFuture<?>[] lanes = new CompletableFuture<?>[16];
    for (int i = 0; i < lanes.length; i++) {
      lanes[i] = lane(mf, req, done, end);
    }
    long start = System.nanoTime();
    CompletableFuture.allOf(lanes).get();
    double secs = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "%-10s throughput, 16 in flight, %ds: %.0f req/s%n", name, seconds, done.get() / secs);
  }

  private static CompletableFuture<Void> lane(Miniflare mf, Request req, AtomicLong done, long end) {
    CompletableFuture<Void> finished = new CompletableFuture<>();
    step(mf, req, done, end, finished);
    return finished;
  }

  private static void step(Miniflare mf, Request req, AtomicLong done, long end, CompletableFuture<Void> finished) {
    if (System.nanoTime() >= end) {
      finished.complete(null);
      return;
    }
    mf.dispatchFetchAsync(req).whenComplete((r, e) -> {
      if (e != null) {
        finished.completeExceptionally(e);
        return;
      }
      done.incrementAndGet();
      step(mf, req, done, end, finished);
    });
  }

  static long pct(long[] values, int p) {
    long[] s = values.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
  }
}
