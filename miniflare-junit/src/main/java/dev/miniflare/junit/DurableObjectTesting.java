package dev.miniflare.junit;

import dev.miniflare.durableobjects.DurableObjectId;
import dev.miniflare.durableobjects.DurableObjectNamespace;
import dev.miniflare.durableobjects.DurableObjectStub;
import java.util.List;
import java.util.function.BiFunction;
import org.graalvm.polyglot.Value;

/**
 * The Durable Object test helpers of {@code cloudflare:test} (vitest-pool-workers), under the same names:
 *
 * <pre>{@code
 * import static dev.miniflare.junit.DurableObjectTesting.*;
 *
 * int hits = runInDurableObject(stub, (instance, state) -> instance.getMember("hits").asInt(), Integer.class);
 * boolean ran = runDurableObjectAlarm(stub);
 * List<DurableObjectId> ids = listDurableObjectIds(namespace);
 * }</pre>
 */
public final class DurableObjectTesting {
  private DurableObjectTesting() {}

  /**
   * Runs {@code action} inside the object's isolate with its JS instance and state, while no other event runs in
   * the object; the object is constructed first if needed. Use the values only inside the action.
   */
  public static <T> T runInDurableObject(DurableObjectStub stub, BiFunction<Value, Value, Object> action,
      Class<T> resultType) {
    return stub.runInDurableObject(action, resultType);
  }

  /** Runs the object's {@code alarm()} handler now; whether an alarm had been scheduled. */
  public static boolean runDurableObjectAlarm(DurableObjectStub stub) {
    return stub.runAlarm();
  }

  /** Ids of the namespace's objects that hold stored data. */
  public static List<DurableObjectId> listDurableObjectIds(DurableObjectNamespace namespace) {
    return namespace.listIds();
  }
}
