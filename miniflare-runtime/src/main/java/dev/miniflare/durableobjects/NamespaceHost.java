package dev.miniflare.durableobjects;

import dev.miniflare.core.JsBytes;
import dev.miniflare.http.Request;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * The host half of a worker's Durable Object namespace binding: ids, and requests and RPC calls sent to the
 * object (which may live in another worker's isolate). Answers are delivered back on the caller's loop.
 */
public final class NamespaceHost {
  private final DurableObjects registry;
  private final String namespace;
  private final DurableObjects.Caller caller;

  NamespaceHost(DurableObjects registry, String namespace, DurableObjects.Caller caller) {
    this.registry = registry;
    this.namespace = namespace;
    this.caller = caller;
  }

  /** The deterministic id of a name in this namespace. */
  @HostAccess.Export
  public String idFromName(String name) {
    return DurableObjects.idFromName(namespace, name);
  }

  /** A new random id. */
  @HostAccess.Export
  public String newUniqueId() {
    return DurableObjects.newUniqueId();
  }

  /** Sends a request to the object. */
  @HostAccess.Export
  public void fetch(String hex, String name, String method, String url, String headerBlob, Value body, int offset,
      int length, Value onResponse, Value onError) {
    Request.Builder b = Request.builder(url).method(method).headers(dev.miniflare.core.HeaderBlob.decode(headerBlob));
    if (body != null && !body.isNull()) {
      if (body.isString()) {
        b.body(body.asString());
      } else {
        b.bodyUnsafe(JsBytes.read(body, offset, length));
      }
    }
    caller.deliverResponse(registry.fetch(new DurableObjects.ObjectAddress(namespace, hex, name), b.build()),
        onResponse, onError);
  }

  /** Calls a method of the object with serialised arguments. */
  @HostAccess.Export
  public void rpc(String hex, String name, String method, String args, Value onResult, Value onError) {
    caller.deliverResult(registry.rpc(new DurableObjects.ObjectAddress(namespace, hex, name), method, args),
        onResult, onError);
  }
}
