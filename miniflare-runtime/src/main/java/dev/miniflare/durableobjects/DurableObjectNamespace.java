package dev.miniflare.durableobjects;

import dev.miniflare.core.WorkerInstance;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Java-side access to a Durable Object namespace: the same ids the worker's binding derives, stubs to send
 * requests and RPC calls, and direct access to an object's storage without constructing the object (to seed data
 * before its constructor runs).
 */
public final class DurableObjectNamespace {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  private final DurableObjects registry;
  private final DurableObjects.ObjectClass objectClass;
  private final Function<String, WorkerInstance> workers;

  /** A view of one namespace of the registry. */
  public DurableObjectNamespace(DurableObjects registry, DurableObjects.ObjectClass objectClass,
      Function<String, WorkerInstance> workers) {
    this.registry = registry;
    this.objectClass = objectClass;
    this.workers = workers;
  }

  /** The class name of the objects. */
  public String className() {
    return objectClass.className();
  }

  /** The id the worker's {@code idFromName(name)} gives. */
  public DurableObjectId idFromName(String name) {
    return new DurableObjectId(DurableObjects.idFromName(objectClass.namespace(), name), name);
  }

  /** A new random id. */
  public DurableObjectId newUniqueId() {
    return new DurableObjectId(DurableObjects.newUniqueId(), null);
  }

  /** Parses an id; the same validation as the runtime. */
  public DurableObjectId idFromString(String hex) {
    if (!HEX64.matcher(hex).matches()) {
      throw new IllegalArgumentException("Invalid Durable Object ID: must be 64 hex digits");
    }
    return new DurableObjectId(hex, null);
  }

  /** A stub for the object. */
  public DurableObjectStub get(DurableObjectId id) {
    return new DurableObjectStub(this, address(id));
  }

  /** A stub for the object with the id of {@code name}. */
  public DurableObjectStub getByName(String name) {
    return get(idFromName(name));
  }

  /** The object's storage, readable and writable from Java without constructing the object. */
  public DurableObjectStorageView storage(DurableObjectId id) {
    return registry.storageView(address(id));
  }

  /** Ids of the objects of this namespace that hold stored data (vitest's {@code listDurableObjectIds}). */
  public List<DurableObjectId> listIds() {
    return registry.idsWithStorage(objectClass.namespace()).stream().map(h -> new DurableObjectId(h, null)).toList();
  }

  DurableObjects.ObjectAddress address(DurableObjectId id) {
    return new DurableObjects.ObjectAddress(objectClass.namespace(), id.hex(), id.name());
  }

  DurableObjects registry() {
    return registry;
  }

  DurableObjects.ObjectClass objectClass() {
    return objectClass;
  }

  WorkerInstance owner() {
    return workers.apply(objectClass.worker());
  }

  @Override
  public String toString() {
    return "DurableObjectNamespace(" + objectClass.namespace() + ")";
  }
}
