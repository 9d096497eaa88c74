package dev.miniflare.queues;

import dev.miniflare.TestClock;
import dev.miniflare.core.LogSink;
import dev.miniflare.core.WorkerError;
import dev.miniflare.http.Json;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The queues of one Miniflare instance: messages sent by any worker (or from Java) wait here, in memory, until
 * they are delivered in batches to the worker consuming their queue, as Miniflare's queue broker does. Delivery
 * delays, batch timeouts and retry delays follow the instance's {@link TestClock}: {@code clock.advance(...)}
 * delivers what became due without sleeping, and with the clock untouched a real timer delivers it.
 *
 * <p>Deliveries of one queue never overlap: the next batch is taken when the consumer has finished the last one
 * (Miniflare's broker behaves the same way). Pending messages are not part of storage snapshots; they belong to
 * the instance and go away with it, or with {@link #reset()}.
 */
public final class QueueBroker implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long NONE = Long.MAX_VALUE;

  /** Delivers a batch to a consumer worker; completes with the JSON result the JS dispatcher reports. */
  @FunctionalInterface
  public interface Dispatcher {
    /** Runs {@code worker}'s {@code queue()} handler with the batch. */
    CompletableFuture<String> dispatch(String worker, QueueBatchHost batch);
  }

  /**
   * One message to enqueue.
   *
   * @param contentType json, text, bytes or v8
   * @param body the serialised body
   * @param delaySeconds its own delay, or null for the send's (or the producer's) default
   */
  public record Outgoing(String contentType, byte[] body, Integer delaySeconds) {}

  private record Consumer(String worker, QueueConsumerOptions options) {}

  private static final class Entry {
    final String id;
    final long timestamp;
    final String contentType;
    final byte[] body;
    int failedAttempts;

    Entry(String id, long timestamp, String contentType, byte[] body) {
      this.id = id;
      this.timestamp = timestamp;
      this.contentType = contentType;
      this.body = body;
    }

    QueueMessage view() {
      return new QueueMessage(id, Instant.ofEpochMilli(timestamp), contentType, failedAttempts + 1, body);
    }
  }

  private record Delayed(long due, long seq, Entry entry) implements Comparable<Delayed> {
    @Override
    public int compareTo(Delayed o) {
      return due != o.due ? Long.compare(due, o.due) : Long.compare(seq, o.seq);
    }
  }

  private static final class State {
    final String name;
    final ArrayDeque<Entry> ready = new ArrayDeque<>();
    final TreeSet<Delayed> delayed = new TreeSet<>();
    long backlogBytes;
    long flushAt = NONE;
    boolean delivering;
    List<Entry> inFlightEntries = List.of();
    CompletableFuture<QueueDelivery.Batch> inFlight;

    State(String name) {
      this.name = name;
    }
  }

  private record Start(State state, Consumer consumer, List<Entry> entries, String metadata,
      CompletableFuture<QueueDelivery.Batch> done, long generation) {}

  private record LogLine(String worker, String level, String message) {}

  private final TestClock clock;
  private final LogSink log;
  private final Map<String, Consumer> consumers = new LinkedHashMap<>();
  private final Map<String, State> queues = new LinkedHashMap<>();
  private final ScheduledExecutorService scheduler;
  private Dispatcher dispatcher;
  private ScheduledFuture<?> timer;
  private long timerAt = NONE;
  private long sequence;
  private long generation;
  private boolean closed;

  /** A broker over the instance's clock; its log lines (batch outcomes, retries, drops) go to {@code log}. */
  public QueueBroker(TestClock clock, LogSink log) {
    this.clock = clock;
    this.log = log;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "miniflare-queues");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Makes {@code worker} the consumer of {@code options.queue()}.
   *
   * @throws IllegalArgumentException when the queue already has a consumer
   */
  public synchronized void registerConsumer(String worker, QueueConsumerOptions options) {
    Consumer before = consumers.putIfAbsent(options.queue(), new Consumer(worker, options));
    if (before != null) {
      throw new IllegalArgumentException("queue \"" + options.queue() + "\" has two consumers, workers \""
          + before.worker() + "\" and \"" + worker + "\"; a queue can have only one consumer");
    }
  }

  /** The consumer options of a queue, or null when no worker consumes it. */
  public synchronized QueueConsumerOptions consumer(String queue) {
    Consumer c = consumers.get(queue);
    return c == null ? null : c.options();
  }

  /** The worker consuming a queue, or null. */
  public synchronized String consumerWorker(String queue) {
    Consumer c = consumers.get(queue);
    return c == null ? null : c.worker();
  }

  /** Connects the broker to the instance's workers and starts following the clock. */
  public void start(Dispatcher dispatcher) {
    synchronized (this) {
      this.dispatcher = dispatcher;
    }
    clock.onChange(() -> {
      synchronized (this) {
        if (closed) {
          return;
        }
      }
      scheduler.execute(this::tick);
    });
  }

  /** A new random message id: 32 hex digits, as Miniflare makes them. */
  public static String newId() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  // --- sending ----------------------------------------------------------------------------------------------------

  /**
   * Checks one {@code send} the way the runtime does (size and delay) and enqueues it; returns the send's
   * {@code metadata} as JSON text (the queue's metrics before the message was added).
   *
   * @throws QueueException with the runtime's message when a limit is exceeded
   */
  public String send(String queue, Outgoing message, Integer producerDelay) {
    return send(queue, message, producerDelay, new ArrayList<>());
  }

  /** {@link #send(String, Outgoing, Integer)} that also adds the new message's id to {@code ids}. */
  public String send(String queue, Outgoing message, Integer producerDelay, List<String> ids) {
    if (message.body().length > QueueLimits.MAX_MESSAGE_BYTES) {
      throw new QueueException("Error", "Queue send failed: message length of " + message.body().length
          + " bytes exceeds limit of " + QueueLimits.MAX_MESSAGE_BYTES);
    }
    checkDelay("send", message.delaySeconds());
    return enqueue(queue, List.of(message), producerDelay, ids);
  }

  /**
   * Checks one {@code sendBatch} the way the runtime does (count, sizes, delays) and enqueues it; returns the
   * {@code metadata} JSON. {@code batchDelay} is the batch's {@code delaySeconds} option (null when not given).
   */
  public String sendBatch(String queue, List<Outgoing> messages, Integer batchDelay, Integer producerDelay) {
    if (messages.isEmpty()) {
      throw new QueueException("TypeError", "sendBatch() requires at least one message");
    }
    if (messages.size() > QueueLimits.MAX_BATCH_COUNT) {
      throw new QueueException("Error", "Queue sendBatch failed: batch message count of " + messages.size()
          + " exceeds limit of " + QueueLimits.MAX_BATCH_COUNT);
    }
    long total = 0;
    int largest = 0;
    for (Outgoing m : messages) {
      total += m.body().length;
      largest = Math.max(largest, m.body().length);
    }
    if (largest > QueueLimits.MAX_MESSAGE_BYTES) {
      throw new QueueException("Error", "Queue sendBatch failed: message in batch has length " + largest
          + " bytes which exceeds single message size limit of " + QueueLimits.MAX_MESSAGE_BYTES);
    }
    if (total > QueueLimits.MAX_BATCH_BYTES) {
      throw new QueueException("Error", "Queue sendBatch failed: batch size of " + total
          + " bytes exceeds limit of " + QueueLimits.MAX_BATCH_BYTES);
    }
    checkDelay("sendBatch", batchDelay);
    for (Outgoing m : messages) {
      checkDelay("sendBatch", m.delaySeconds());
    }
    return enqueue(queue, messages, batchDelay != null ? batchDelay : producerDelay, new ArrayList<>());
  }

  private static void checkDelay(String op, Integer delay) {
    if (delay != null && (delay < 0 || delay > QueueLimits.MAX_DELAY_SECONDS)) {
      throw new QueueException("Error", "Queue " + op + " failed: message delay of " + delay
          + " seconds is invalid; it must be between 0 and " + QueueLimits.MAX_DELAY_SECONDS + " seconds");
    }
  }

  private String enqueue(String queue, List<Outgoing> messages, Integer defaultDelay, List<String> ids) {
    String metadata;
    synchronized (this) {
      State s = state(queue);
      metadata = "{\"metrics\":" + metricsJson(s, false) + "}";
      long now = clock.millis();
      for (Outgoing m : messages) {
        Entry e = new Entry(newId(), now, m.contentType(), m.body());
        ids.add(e.id);
        int delay = m.delaySeconds() != null ? m.delaySeconds() : defaultDelay != null ? defaultDelay : 0;
        add(s, e, now, delay * 1000L);
      }
      reschedule();
    }
    return metadata;
  }

  private void add(State s, Entry e, long now, long delayMillis) {
    if (delayMillis <= 0) {
      s.ready.add(e);
      s.backlogBytes += e.body.length;
      ensurePendingFlush(s, now);
    } else {
      s.delayed.add(new Delayed(now + delayMillis, sequence++, e));
    }
  }

  private State state(String queue) {
    return queues.computeIfAbsent(queue, State::new);
  }

  /** The queue's metrics as {@code queue.metrics()} reports them, as JSON text. */
  public synchronized String metrics(String queue) {
    return metricsJson(state(queue), true);
  }

  private static String metricsJson(State s, boolean alwaysOldest) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("backlogCount", s.ready.size());
    m.put("backlogBytes", s.backlogBytes);
    if (!s.ready.isEmpty()) {
      m.put("oldestMessageTimestamp", s.ready.peekFirst().timestamp);
    } else if (alwaysOldest) {
      m.put("oldestMessageTimestamp", 0);
    }
    return Json.write(m);
  }

  /** The messages waiting in a queue (ready first, then delayed ones by due time); not those being delivered. */
  public synchronized List<QueueMessage> pending(String queue) {
    State s = queues.get(queue);
    if (s == null) {
      return List.of();
    }
    List<QueueMessage> out = new ArrayList<>();
    s.ready.forEach(e -> out.add(e.view()));
    s.delayed.forEach(d -> out.add(d.entry().view()));
    return out;
  }

  /** Drops every pending message of every queue; deliveries in flight finish but their retries are dropped. */
  public void reset() {
    synchronized (this) {
      generation++;
      for (State s : queues.values()) {
        if (s.inFlight != null) {
          s.inFlight.complete(null);
        }
      }
      queues.clear();
      reschedule();
      notifyAll();
    }
  }

  // --- delivery -----------------------------------------------------------------------------------------------------

  private void ensurePendingFlush(State s, long now) {
    Consumer c = consumers.get(s.name);
    if (c == null || s.delivering) {
      return;
    }
    if (s.ready.size() >= c.options().maxBatchSize()) {
      s.flushAt = Math.min(s.flushAt, now);
    } else if (s.flushAt == NONE) {
      s.flushAt = now + c.options().maxBatchTimeout().toMillis();
    }
  }

  private void promote(State s, long now) {
    while (!s.delayed.isEmpty() && s.delayed.first().due() <= now) {
      Entry e = s.delayed.pollFirst().entry();
      s.ready.add(e);
      s.backlogBytes += e.body.length;
      ensurePendingFlush(s, now);
    }
  }

  private void reschedule() {
    if (closed) {
      return;
    }
    long next = NONE;
    for (State s : queues.values()) {
      if (!s.delayed.isEmpty()) {
        next = Math.min(next, s.delayed.first().due());
      }
      if (!s.delivering && !s.ready.isEmpty() && consumers.containsKey(s.name)) {
        next = Math.min(next, s.flushAt);
      }
    }
    if (next == timerAt && timer != null && !timer.isDone()) {
      return;
    }
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
    timerAt = next;
    if (next != NONE) {
      // With a TestClock moved by hand the delay is re-planned on every change (start() listens for them).
      timer = scheduler.schedule(this::tick, Math.max(0, next - clock.millis()), TimeUnit.MILLISECONDS);
    }
  }

  private void tick() {
    List<Start> starts = new ArrayList<>();
    synchronized (this) {
      if (closed || dispatcher == null) {
        return;
      }
      timer = null;
      timerAt = NONE;
      long now = clock.millis();
      for (State s : queues.values()) {
        promote(s, now);
        if (!s.delivering && !s.ready.isEmpty() && s.flushAt <= now && consumers.containsKey(s.name)) {
          starts.add(begin(s, null));
        }
      }
      reschedule();
    }
    starts.forEach(this::launch);
  }

  /** Takes the next batch (only entries in {@code only}, when given); call with the lock held. */
  private Start begin(State s, Set<Entry> only) {
    Consumer c = consumers.get(s.name);
    List<Entry> batch = new ArrayList<>();
    for (java.util.Iterator<Entry> it = s.ready.iterator(); it.hasNext() && batch.size() < c.options().maxBatchSize(); ) {
      Entry e = it.next();
      if (only == null || only.remove(e)) {
        it.remove();
        s.backlogBytes -= e.body.length;
        batch.add(e);
      }
    }
    if (batch.isEmpty()) {
      return null;
    }
    s.delivering = true;
    s.flushAt = NONE;
    s.inFlightEntries = batch;
    s.inFlight = new CompletableFuture<>();
    String metadata = "{\"metrics\":" + metricsJson(s, false) + "}";
    return new Start(s, c, batch, metadata, s.inFlight, generation);
  }

  private void launch(Start start) {
    List<QueueMessage> views = start.entries().stream().map(Entry::view).toList();
    QueueBatchHost host = new QueueBatchHost(start.state().name, views, start.metadata());
    long began = System.nanoTime();
    CompletableFuture<String> result;
    try {
      result = dispatcher.dispatch(start.consumer().worker(), host);
    } catch (RuntimeException e) {
      result = CompletableFuture.failedFuture(e);
    }
    result.handle((json, error) -> {
      QueueResult r;
      if (error == null) {
        r = QueueResult.fromJson(json, host.ids());
      } else {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String message = String.valueOf(cause.getMessage());
        log.log(start.consumer().worker(), "error", message);
        r = new QueueResult("exception", false, new QueueResult.RetryBatch(false, null), List.of(), List.of(),
            host.ids(), new WorkerError("Error", message, message));
      }
      return settle(start, r, (System.nanoTime() - began) / 1_000_000);
    }).whenComplete((batch, error) -> {
      start.done().complete(batch);
      synchronized (this) {
        if (!closed) {
          scheduler.execute(this::tick);
        }
      }
    });
  }

  private QueueDelivery.Batch settle(Start start, QueueResult r, long millis) {
    List<String> retried = new ArrayList<>();
    List<String> deadLettered = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    List<LogLine> lines = new ArrayList<>();
    State s = start.state();
    QueueConsumerOptions options = start.consumer().options();
    String worker = start.consumer().worker();
    synchronized (this) {
      if (start.generation() != generation || closed) {
        return new QueueDelivery.Batch(s.name, r, List.of(), List.of(), List.of());
      }
      long now = clock.millis();
      int maxAttempts = options.maxRetries() + 1;
      String attemptsWord = maxAttempts == 1 ? " failed attempt" : " failed attempts";
      for (Entry e : start.entries()) {
        if (!r.isRetried(e.id)) {
          continue;
        }
        if (++e.failedAttempts < maxAttempts) {
          lines.add(new LogLine(worker, "debug", "Retrying message \"" + e.id + "\" on queue \"" + s.name + "\"..."));
          Integer delay = r.retryDelay(e.id);
          long delayMillis = delay != null ? delay * 1000L : options.retryDelay().toMillis();
          add(s, e, now, delayMillis);
          retried.add(e.id);
        } else if (options.deadLetterQueue() != null) {
          lines.add(new LogLine(worker, "warn", "Moving message \"" + e.id + "\" on queue \"" + s.name
              + "\" to dead letter queue \"" + options.deadLetterQueue() + "\" after " + maxAttempts + attemptsWord
              + "..."));
          // A fresh entry: the dead letter queue counts its own attempts, but id and timestamp are kept.
          add(state(options.deadLetterQueue()), new Entry(e.id, e.timestamp, e.contentType, e.body), now, 0);
          deadLettered.add(e.id);
        } else {
          lines.add(new LogLine(worker, "warn", "Dropped message \"" + e.id + "\" on queue \"" + s.name + "\" after "
              + maxAttempts + attemptsWord + "!"));
          dropped.add(e.id);
        }
      }
      int total = start.entries().size();
      int failed = retried.size() + deadLettered.size() + dropped.size();
      lines.add(new LogLine(worker, "info", "QUEUE " + s.name + " " + (total - failed) + "/" + total + " (" + millis
          + "ms)"));
      s.delivering = false;
      s.inFlight = null;
      s.inFlightEntries = List.of();
      s.flushAt = NONE;
      if (!s.ready.isEmpty()) {
        ensurePendingFlush(s, now);
      }
      reschedule();
      notifyAll();
    }
    for (LogLine l : lines) {
      log.log(l.worker(), l.level(), l.message());
    }
    return new QueueDelivery.Batch(s.name, r, retried, deadLettered, dropped);
  }

  /**
   * Delivers now, batch by batch, every message of the queue that is due (delivery delays are respected; the
   * batch timeout is not waited for), including a batch already being delivered, and waits for the consumer to
   * finish each. Messages retried meanwhile are not delivered again by this call.
   *
   * @throws IllegalStateException when no worker consumes the queue
   */
  public QueueDelivery flush(String queue) {
    synchronized (this) {
      if (!consumers.containsKey(queue)) {
        throw new IllegalStateException("no worker consumes queue \"" + queue + "\"; consumed queues: "
            + consumers.keySet() + " (add .queueConsumer(\"" + queue + "\") to a worker, or [[queues.consumers]])");
      }
    }
    List<QueueDelivery.Batch> out = new ArrayList<>();
    Set<Entry> todo = null;
    while (true) {
      CompletableFuture<QueueDelivery.Batch> wait = null;
      Start start = null;
      synchronized (this) {
        if (closed) {
          throw new IllegalStateException("this Miniflare instance is closed");
        }
        State s = queues.get(queue);
        if (s == null) {
          break;
        }
        promote(s, clock.millis());
        if (todo == null) {
          todo = Collections.newSetFromMap(new IdentityHashMap<>());
          todo.addAll(s.ready);
          todo.addAll(s.inFlightEntries);
        }
        if (s.delivering) {
          boolean relevant = false;
          for (Entry e : s.inFlightEntries) {
            relevant |= todo.remove(e);
          }
          wait = relevant ? s.inFlight : null;
          if (wait == null) {
            // Someone else's batch: wait for it to settle before taking ours.
            waitQuietly();
            continue;
          }
        } else {
          start = begin(s, todo);
          if (start == null) {
            break;
          }
          reschedule();
        }
      }
      if (start != null) {
        launch(start);
        wait = start.done();
      }
      QueueDelivery.Batch b = wait.join();
      if (b != null) {
        out.add(b);
      }
    }
    return new QueueDelivery(out);
  }

  private void waitQuietly() {
    try {
      wait(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a queue delivery", e);
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      if (timer != null) {
        timer.cancel(false);
      }
      for (State s : queues.values()) {
        if (s.inFlight != null) {
          s.inFlight.complete(null);
        }
      }
      notifyAll();
    }
    scheduler.shutdownNow();
  }
}
