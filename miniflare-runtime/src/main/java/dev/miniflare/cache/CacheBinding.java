package dev.miniflare.cache;

import dev.miniflare.core.JsBytes;
import dev.miniflare.http.Headers;
import dev.miniflare.http.Response;
import dev.miniflare.storage.Storage;
import java.nio.ByteBuffer;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * The host half of a worker's {@code caches} global: {@code cache.js} does the argument checks workerd does and
 * calls these methods with plain data. Every worker of an instance shares the same caches (one storage namespace
 * per cache name), as in Miniflare; a worker whose cache is disabled ({@code cache: false}) gets the no-op
 * behaviour: nothing is stored, every {@code match} misses and every {@code delete} finds nothing.
 */
public final class CacheBinding {
  private final Storage storage;
  private final InstantSource clock;
  private final boolean enabled;
  private final Map<String, CacheStore> stores = new ConcurrentHashMap<>();

  /** The caches of an instance's storage, expiring by {@code clock}; {@code enabled = false} makes them no-ops. */
  public CacheBinding(Storage storage, InstantSource clock, boolean enabled) {
    this.storage = storage;
    this.clock = clock;
    this.enabled = enabled;
  }

  /** Whether the cache is enabled for this worker. */
  public boolean enabled() {
    return enabled;
  }

  /** The store of a cache: {@code null} for {@code caches.default}, else the name given to {@code caches.open}. */
  public CacheStore store(String cacheName) {
    String id = CacheStore.namespaceId(cacheName);
    return stores.computeIfAbsent(id, k -> new CacheStore(storage.namespace(CacheStore.KIND, k), clock));
  }

  /**
   * Stores a response ({@code [offset, offset+length)} of an ArrayBuffer, or a string, or null for no body).
   * Headers arrive as "name\nvalue\n..." blobs; {@code lengthKnown} is false for streamed bodies, which reach
   * the cache without a Content-Length.
   */
  @HostAccess.Export
  public void put(String cacheName, String key, String requestHeaders, int status, String responseHeaders,
      Value body, int offset, int length, boolean lengthKnown) {
    if (!enabled) {
      return;
    }
    byte[] bytes = JsBytes.read(body, offset, length);
    Headers.Builder res = dev.miniflare.core.HeaderBlob.decode(responseHeaders).toBuilder();
    if (lengthKnown) {
      res.set("content-length", Integer.toString(bytes.length));
    }
    store(cacheName).put(key, dev.miniflare.core.HeaderBlob.decode(requestHeaders), status, res.build(), bytes);
  }

  /** The matching response, or {@code null} on a miss. */
  @HostAccess.Export
  public Hit match(String cacheName, String key, String requestHeaders) {
    if (!enabled) {
      return null;
    }
    Response r = store(cacheName).match(key, dev.miniflare.core.HeaderBlob.decode(requestHeaders));
    return r == null ? null : new Hit(r);
  }

  /** Deletes an entry; whether a fresh one existed. */
  @HostAccess.Export
  public boolean delete(String cacheName, String key) {
    return enabled && store(cacheName).delete(key);
  }

  /** A matched response as {@code cache.js} reads it. */
  public static final class Hit {
    private final Response response;

    Hit(Response response) {
      this.response = response;
    }

    /** The status. */
    @HostAccess.Export
    public int status() {
      return response.status();
    }

    /** Headers as "name\nvalue\n..."; a newline a Java caller put in a value becomes a space. */
    @HostAccess.Export
    public String headers() {
      return dev.miniflare.core.HeaderBlob.encode(response.headers());
    }

    /** The body, or null for none (304, 416). */
    @HostAccess.Export
    public ByteBuffer body() {
      int s = response.status();
      return s == 304 || s == 416 ? null : ByteBuffer.wrap(response.bodyBytesUnsafe()).asReadOnlyBuffer();
    }
  }
}
