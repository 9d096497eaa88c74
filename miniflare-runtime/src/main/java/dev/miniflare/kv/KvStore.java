package dev.miniflare.kv;

import dev.miniflare.storage.StorageNamespace;
import dev.miniflare.storage.StoredValue;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The semantics of one KV namespace over its storage: Cloudflare's limits and error messages, expiry by the
 * instance clock and cursor-based listing. Shared by the worker binding and the Java {@link KVNamespace} API.
 */
public final class KvStore {
  /** Longest key, in UTF-8 bytes. */
  public static final int MAX_KEY_BYTES = 512;
  /** Largest value, in bytes (25 MiB). */
  public static final int MAX_VALUE_BYTES = 25 * 1024 * 1024;
  /** Largest metadata, in bytes of its JSON serialisation. */
  public static final int MAX_METADATA_BYTES = 1024;
  /** Shortest TTL and shortest distance of an absolute expiration into the future, in seconds. */
  public static final int MIN_TTL_SECONDS = 60;
  /** Most keys in one list page. */
  public static final int MAX_LIST_KEYS = 1000;

  private final StorageNamespace namespace;
  private final InstantSource clock;

  /** KV semantics over a storage namespace, expiring entries by {@code clock}. */
  public KvStore(StorageNamespace namespace, InstantSource clock) {
    this.namespace = namespace;
    this.clock = clock;
  }

  /** The namespace id. */
  public String id() {
    return namespace.id();
  }

  /** The live entry for the key, or {@code null} when missing or expired. */
  public StoredValue get(String key) {
    validateKey("GET", key);
    StoredValue v = namespace.get(key);
    return v == null || v.isExpired(clock.millis()) ? null : v;
  }

  /** The smallest {@code cacheTtl} of a read, in seconds (workerd lowered it from 60 to 30). */
  public static final int MIN_CACHE_TTL_SECONDS = 30;

  /** Validates a {@code cacheTtl} read option as the runtime does. */
  public static void validateCacheTtl(double cacheTtl) {
    if (Double.isNaN(cacheTtl) || cacheTtl < MIN_CACHE_TTL_SECONDS) {
      throw new KvException("Error", "KV GET failed: 400 Invalid cache_ttl of " + formatNumber(cacheTtl)
          + ". Cache TTL must be at least " + MIN_CACHE_TTL_SECONDS + ".");
    }
  }

  /**
   * Stores a value. {@code expiration} (absolute seconds) and {@code expirationTtl} (seconds from now) are
   * {@code NaN} when absent; {@code metadataJson} is the metadata's JSON text or {@code null}.
   */
  public void put(String key, byte[] value, double expiration, double expirationTtl, String metadataJson) {
    validateKey("PUT", key);
    long nowSeconds = clock.millis() / 1000;
    long expiresAt = 0;
    if (!Double.isNaN(expirationTtl)) {
      long ttl = toInteger(expirationTtl);
      if (ttl <= 0) {
        throw failed("PUT", 400, "Invalid expiration_ttl of " + ttl + ". Please specify integer greater than 0.");
      }
      if (ttl < MIN_TTL_SECONDS) {
        throw failed("PUT", 400, "Invalid expiration_ttl of " + ttl + ". Expiration TTL must be at least "
            + MIN_TTL_SECONDS + ".");
      }
      expiresAt = nowSeconds + ttl;
    } else if (!Double.isNaN(expiration)) {
      long at = toInteger(expiration);
      if (at <= 0) {
        throw failed("PUT", 400, "Invalid expiration of " + at + ". Please specify integer greater than 0.");
      }
      if (at <= nowSeconds) {
        throw failed("PUT", 400, "Invalid expiration of " + at
            + ". Please specify integer greater than the current number of seconds since the UNIX epoch.");
      }
      if (at < nowSeconds + MIN_TTL_SECONDS) {
        throw failed("PUT", 400, "Invalid expiration of " + at + ". Expiration times must be at least "
            + MIN_TTL_SECONDS + " seconds in the future.");
      }
      expiresAt = at;
    }
    if (metadataJson != null) {
      int metaLength = metadataJson.getBytes(StandardCharsets.UTF_8).length;
      if (metaLength > MAX_METADATA_BYTES) {
        throw failed("PUT", 413, "Metadata length of " + metaLength + " exceeds limit of " + MAX_METADATA_BYTES + ".");
      }
    }
    if (value.length > MAX_VALUE_BYTES) {
      throw failed("PUT", 413, "Value length of " + value.length + " exceeds limit of " + MAX_VALUE_BYTES + ".");
    }
    namespace.put(key, new StoredValue(value, metadataJson, expiresAt));
  }

  /** Deletes the key (absent keys are fine). */
  public void delete(String key) {
    validateKey("DELETE", key);
    namespace.delete(key);
  }

  /** One page of a listing. */
  public record Page(List<Map.Entry<String, StoredValue>> entries, boolean complete, String cursor) {}

  /** Lists live keys starting with {@code prefix} (may be null) after the cursor; limit 0 means 1000. */
  public Page list(String prefix, long limit, String cursor) {
    String p = prefix == null ? "" : prefix;
    int prefixBytes = p.getBytes(StandardCharsets.UTF_8).length;
    if (prefixBytes > MAX_KEY_BYTES) {
      throw failed("GET", 414, "UTF-8 encoded length of " + prefixBytes + " exceeds key length limit of "
          + MAX_KEY_BYTES + ".");
    }
    if (limit > MAX_LIST_KEYS) {
      throw failed("GET", 400, "Invalid key_count_limit of " + limit + ". Please specify an integer less than "
          + MAX_LIST_KEYS + ".");
    }
    int pageSize = limit <= 0 ? MAX_LIST_KEYS : (int) limit;
    String after = cursor == null || cursor.isEmpty() ? null : decodeCursor(cursor);
    long now = clock.millis();
    List<Map.Entry<String, StoredValue>> found = namespace.list(p, after, pageSize, v -> v.isExpired(now));
    if (found.size() > pageSize) {
      List<Map.Entry<String, StoredValue>> page = found.subList(0, pageSize);
      return new Page(page, false, encodeCursor(page.get(pageSize - 1).getKey()));
    }
    return new Page(found, true, null);
  }

  private static String encodeCursor(String key) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeCursor(String cursor) {
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null; // like the runtime, an unknown cursor starts from the beginning
    }
  }

  /** Checks a key as the runtime does before any operation. */
  public static void validateKey(String op, String key) {
    if (key.isEmpty()) {
      throw new KvException("TypeError", "Key name cannot be empty.");
    }
    if (key.equals(".")) {
      throw new KvException("TypeError", "\".\" is not allowed as a key name.");
    }
    if (key.equals("..")) {
      throw new KvException("TypeError", "\"..\" is not allowed as a key name.");
    }
    if (key.length() * 3 > MAX_KEY_BYTES || key.length() > MAX_KEY_BYTES / 3) {
      int bytes = key.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > MAX_KEY_BYTES) {
        throw failed(op, 414, "UTF-8 encoded length of " + bytes + " exceeds key length limit of "
            + MAX_KEY_BYTES + ".");
      }
    }
  }

  private static KvException failed(String op, int status, String detail) {
    return new KvException("Error", "KV " + op + " failed: " + status + " " + detail);
  }

  /** ECMAScript ToIntegerOrInfinity as the runtime applies it to TTLs (NaN becomes 0). */
  private static long toInteger(double d) {
    if (Double.isNaN(d)) {
      return 0;
    }
    return (long) d;
  }

  private static String formatNumber(double d) {
    return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
