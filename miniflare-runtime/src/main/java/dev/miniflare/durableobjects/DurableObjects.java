package dev.miniflare.durableobjects;

import dev.miniflare.TestClock;
import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import dev.miniflare.storage.SqlDatabase;
import dev.miniflare.storage.Storage;
import dev.miniflare.storage.StorageNamespace;
import dev.miniflare.storage.StoredValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Durable Object classes of one Miniflare instance and the routing to their objects: one live object per id
 * in the whole instance, living in the isolate of the worker that exports the class, whichever worker calls it.
 * Also schedules alarms by the instance's {@link TestClock}.
 */
public final class DurableObjects implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DurableObjects.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Storage kind of objects' key-value entries. */
  private static final String KV = "do";
  private static final String ALARMS = "do-alarms";
  /** Storage kind of SQLite-backed objects' databases. */
  private static final String SQL = "do-sql";
  /** The storage kinds of Durable Object data, with the sub-folder each persists to. */
  public static final Map<String, String> STORAGE_KINDS = Map.of(KV, "kv", ALARMS, "alarms", SQL, "sql");
  /** How often a failing alarm handler is retried before the alarm is dropped. */
  static final int MAX_ALARM_RETRIES = 6;

  /**
   * One object: its namespace ("worker:Class"), 64-hex id and the name it was derived from (or null).
   *
   * @param namespace the namespace key
   * @param hex the id
   * @param name the name for idFromName ids, else null
   */
  public record ObjectAddress(String namespace, String hex, String name) {}

  /**
   * A Durable Object class.
   *
   * @param namespace its namespace key
   * @param worker the worker exporting it
   * @param className the exported class name
   */
  public record ObjectClass(String namespace, String worker, String className) {}

  /** What the registry needs from the instance: the workers that run objects. */
  public interface Workers {
    /** The running worker with this name. */
    ObjectRunner worker(String name);
  }

  /** A worker that runs Durable Objects of the classes it exports. */
  public interface ObjectRunner {
    /** Delivers a request to an object. */
    CompletableFuture<Response> objectFetch(ObjectClass cls, ObjectAddress address, ObjectHost host, Request request);

    /** Calls a method of an object with serialised arguments; completes with the serialised result. */
    CompletableFuture<String> objectRpc(ObjectClass cls, ObjectAddress address, ObjectHost host, String method,
        String args);

    /** Runs an object's alarm handler. */
    CompletableFuture<String> objectAlarm(ObjectClass cls, ObjectAddress address, ObjectHost host, int retryCount);

    /** Forgets live objects (their next event constructs them again). */
    void resetObjects();
  }

  /** Delivers answers to the calling isolate's loop. */
  public interface Caller {
    /** Calls {@code onResponse(view)} or {@code onError(name, message)} when the response arrives. */
    void deliverResponse(CompletableFuture<Response> response, Value onResponse, Value onError);

    /** Calls {@code onResult(serialised)} or {@code onError(serialisedError)} when the result arrives. */
    void deliverResult(CompletableFuture<String> result, Value onResult, Value onError);
  }

  private final Map<String, ObjectClass> classes = new LinkedHashMap<>();
  private final Set<String> sqliteNamespaces = ConcurrentHashMap.newKeySet();
  private final Storage storage;
  private final TestClock clock;
  private Workers workers;
  private final Set<String> alarmsRunning = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> retries = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler;

  /** A registry over the instance's storage and clock. */
  public DurableObjects(Storage storage, TestClock clock) {
    this.storage = storage;
    this.clock = clock;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "miniflare-alarms");
      t.setDaemon(true);
      return t;
    });
  }

  /** Connects the registry to the instance's workers and starts the alarm scheduler. */
  public void start(Workers workers) {
    this.workers = workers;
    if (classes.isEmpty()) {
      return; // no Durable Objects: no alarm thread (a JUnit PER_TEST run builds many instances)
    }
    scheduler.scheduleWithFixedDelay(this::fireDueAlarms, 20, 20, TimeUnit.MILLISECONDS);
    clock.onChange(() -> scheduler.execute(this::fireDueAlarms));
  }

  /** Registers a class; returns its namespace key. */
  public String register(String worker, String className) {
    String namespace = worker + ":" + className;
    classes.putIfAbsent(namespace, new ObjectClass(namespace, worker, className));
    return namespace;
  }

  /**
   * Marks the class {@code className} exported by {@code worker} as SQLite-backed (wrangler's
   * {@code new_sqlite_classes}): its objects get {@code ctx.storage.sql}.
   */
  public void markSqlite(String worker, String className) {
    sqliteNamespaces.add(worker + ":" + className);
  }

  /** Whether objects of the namespace are SQLite-backed. */
  public boolean isSqlite(String namespace) {
    return sqliteNamespaces.contains(namespace);
  }

  /** The registered classes. */
  public Map<String, ObjectClass> classes() {
    return java.util.Collections.unmodifiableMap(classes);
  }

  /** The JS-facing host of a namespace binding in a calling isolate. */
  public NamespaceHost namespaceHost(String namespace, Caller caller) {
    return new NamespaceHost(this, namespace, caller);
  }

  /** The deterministic 64-hex id of {@code name} in a namespace. */
  public static String idFromName(String namespace, String name) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(namespace.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      return HexFormat.of().formatHex(sha.digest(name.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A random 64-hex id. */
  public static String newUniqueId() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private ObjectClass classOf(ObjectAddress address) {
    ObjectClass cls = classes.get(address.namespace());
    if (cls == null) {
      throw new IllegalArgumentException("no Durable Object namespace " + address.namespace());
    }
    return cls;
  }

  /** The storage of one object. */
  public StorageNamespace storageOf(ObjectAddress address) {
    return storage.namespace(KV, address.namespace() + "/" + address.hex());
  }

  /** The SQLite database of one object, or null when its class is not SQLite-backed. */
  public SqlDatabase sqlOf(ObjectAddress address) {
    return isSqlite(address.namespace())
        ? storage.sqlDatabase(SQL, address.namespace() + "/" + address.hex()) : null;
  }

  /** The JS-facing storage host of one object. */
  public ObjectHost objectHost(ObjectAddress address) {
    return new ObjectHost(this, address, storageOf(address), sqlOf(address));
  }

  /** The Java view of one object's storage. */
  DurableObjectStorageView storageView(ObjectAddress address) {
    return new DurableObjectStorageView(storageOf(address), sqlOf(address));
  }

  /** Sends a request to an object. */
  public CompletableFuture<Response> fetch(ObjectAddress address, Request request) {
    try {
      ObjectClass cls = classOf(address);
      return workers.worker(cls.worker()).objectFetch(cls, address, objectHost(address), request);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Calls a method of an object. */
  public CompletableFuture<String> rpc(ObjectAddress address, String method, String args) {
    try {
      ObjectClass cls = classOf(address);
      return workers.worker(cls.worker()).objectRpc(cls, address, objectHost(address), method, args);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Ids of the objects of a namespace that have stored data, sorted. */
  public List<String> idsWithStorage(String namespace) {
    storage.snapshot(); // serialises SQL databases written since the last snapshot, so empty ones are not listed
    java.util.TreeSet<String> out = new java.util.TreeSet<>();
    String prefix = namespace + "/";
    for (String kind : List.of(KV, SQL)) {
      for (String id : storage.namespaceIds(kind)) {
        if (id.startsWith(prefix)) {
          out.add(id.substring(prefix.length()));
        }
      }
    }
    return new ArrayList<>(out);
  }

  /** Forgets every live object of every worker (their state in storage stays). */
  public void resetObjects() {
    if (workers == null) {
      return;
    }
    for (ObjectClass cls : classes.values()) {
      workers.worker(cls.worker()).resetObjects();
    }
  }

  // --- alarms ---------------------------------------------------------------------------------------------------

  private StorageNamespace alarms() {
    return storage.namespace(ALARMS, "all");
  }

  private static String alarmKey(ObjectAddress a) {
    return a.namespace() + "\n" + a.hex();
  }

  /** The object's alarm time, or null. */
  public Long alarm(ObjectAddress address) {
    StoredValue v = alarms().get(alarmKey(address));
    return v == null ? null : Long.parseLong(new String(v.value(), StandardCharsets.UTF_8));
  }

  /** Schedules the object's alarm. */
  public void setAlarm(ObjectAddress address, long epochMillis) {
    alarms().put(alarmKey(address), new StoredValue(Long.toString(epochMillis).getBytes(StandardCharsets.UTF_8),
        address.name(), 0));
    scheduler.execute(this::fireDueAlarms);
  }

  /** Cancels the object's alarm. */
  public void deleteAlarm(ObjectAddress address) {
    alarms().delete(alarmKey(address));
  }

  /**
   * Runs and removes the object's alarm now if one is scheduled (vitest's {@code runDurableObjectAlarm});
   * completes with whether an alarm ran.
   */
  public CompletableFuture<Boolean> runAlarmNow(ObjectAddress address) {
    if (alarm(address) == null) {
      return CompletableFuture.completedFuture(false);
    }
    boolean scheduled = true;
    deleteAlarm(address);
    ObjectClass cls = classOf(address);
    return workers.worker(cls.worker()).objectAlarm(cls, address, objectHost(address), 0).thenApply(x -> scheduled);
  }

  private void fireDueAlarms() {
    if (workers == null) {
      return;
    }
    long now = clock.millis();
    for (Map.Entry<String, StoredValue> e : alarms().entries().entrySet()) {
      long at = Long.parseLong(new String(e.getValue().value(), StandardCharsets.UTF_8));
      if (at > now || !alarmsRunning.add(e.getKey())) {
        continue;
      }
      String[] parts = e.getKey().split("\n", 2);
      ObjectAddress address = new ObjectAddress(parts[0], parts[1], e.getValue().metadata());
      alarms().delete(e.getKey());
      Integer retry = retries.remove(e.getKey());
      runAlarm(address, e.getKey(), retry == null ? 0 : retry);
    }
  }

  private void runAlarm(ObjectAddress address, String key, int retry) {
    ObjectClass cls;
    try {
      cls = classOf(address);
    } catch (RuntimeException ex) {
      alarmsRunning.remove(key);
      return;
    }
    workers.worker(cls.worker()).objectAlarm(cls, address, objectHost(address), retry).whenComplete((r, error) -> {
      if (error == null || retry >= MAX_ALARM_RETRIES) {
        if (error != null) {
          LOG.error("alarm of Durable Object {} {} failed {} times; giving up", cls.className(), address.hex(),
              retry + 1, error);
        }
        alarmsRunning.remove(key);
        return;
      }
      // Retry with exponential back-off (2 s, 4 s, ...) by the instance clock, unless the handler set a new
      // alarm: the retry is stored like an alarm, so TestClock.advance fires it too.
      if (alarm(address) == null) {
        retries.put(key, retry + 1);
        alarms().put(key, new StoredValue(Long.toString(clock.millis() + (2000L << retry))
            .getBytes(StandardCharsets.UTF_8), address.name(), 0));
      }
      alarmsRunning.remove(key);
    });
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
