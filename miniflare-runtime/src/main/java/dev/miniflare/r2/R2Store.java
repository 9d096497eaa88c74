package dev.miniflare.r2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniflare.cache.CacheStore;
import dev.miniflare.http.Json;
import dev.miniflare.storage.Storage;
import dev.miniflare.storage.StorageNamespace;
import dev.miniflare.storage.StoredValue;
import dev.miniflare.storage.Utf8Order;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The semantics of one R2 bucket over its storage: limits, conditional requests, ranges, checksums, listing and
 * multipart uploads with the R2 service's error messages (as Miniflare 4 + workerd word them). Shared by the
 * worker binding ({@link R2Binding}) and the Java {@link R2Bucket} API.
 *
 * <p>Objects live in storage kind {@code r2}, namespace = bucket name: the value is the object's bytes, the
 * metadata is JSON (version, etag, upload time, checksums, HTTP and custom metadata), so snapshots, rollback and
 * parallel test branches cover R2 like KV. Multipart uploads in progress live in kind {@code r2-multipart}.
 */
public final class R2Store {
  /** Storage kind of objects. */
  public static final String KIND = "r2";
  /** Storage kind of multipart uploads in progress. */
  public static final String MULTIPART_KIND = "r2-multipart";
  /** Longest key, in UTF-8 bytes. */
  public static final int MAX_KEY_BYTES = 1024;
  /** Most keys in one list page. */
  public static final int MAX_LIST_KEYS = 1000;
  /** Largest custom metadata (sum of key and value lengths). */
  public static final int MAX_METADATA_SIZE = 2048;
  /** Largest object. */
  public static final long MAX_VALUE_SIZE = 5_363_466_240L;
  /** Smallest multipart part but the last. */
  public static final int MIN_MULTIPART_PART_SIZE = 5 * 1024 * 1024;
  /** HTTP metadata fields in the order the runtime reports them. */
  static final List<String> HTTP_FIELDS =
      List.of("contentType", "contentLanguage", "contentDisposition", "contentEncoding", "cacheControl", "cacheExpiry");
  /** Checksum algorithms: option name and the runtime's display name, in the runtime's order. */
  static final Map<String, String> HASHES = Map.of("md5", "MD5", "sha1", "SHA-1", "sha256", "SHA-256",
      "sha384", "SHA-384", "sha512", "SHA-512");
  static final List<String> HASH_ORDER = List.of("md5", "sha1", "sha256", "sha384", "sha512");

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String bucketName;
  private final StorageNamespace objects;
  private final StorageNamespace uploads;
  private final InstantSource clock;

  /** The bucket {@code bucketName} of {@code storage}, stamping uploads with {@code clock}. */
  public R2Store(Storage storage, String bucketName, InstantSource clock) {
    this.bucketName = bucketName;
    this.objects = storage.namespace(KIND, bucketName);
    this.uploads = storage.namespace(MULTIPART_KIND, bucketName);
    this.clock = clock;
  }

  /** The bucket name (bindings naming the same bucket share its objects). */
  public String bucketName() {
    return bucketName;
  }

  // --- reads ----------------------------------------------------------------------------------------------------

  /** A stored object: its key and stored entry. */
  public record Entry(String key, StoredValue value) {
    /** The metadata tree. */
    ObjectNode meta() {
      return (ObjectNode) Json.read(value.metadata(), JsonNode.class);
    }
  }

  /** The object, or {@code null}. */
  public Entry head(String key) {
    validateKey("head", key);
    StoredValue v = objects.get(key);
    return v == null ? null : new Entry(key, v);
  }

  /**
   * The result of a conditional, ranged read.
   *
   * @param entry the object
   * @param preconditionFailed whether {@code onlyIf} did not hold (then there is no body)
   * @param offset first byte of the range
   * @param length bytes in the range
   */
  public record Read(Entry entry, boolean preconditionFailed, long offset, long length) {}

  /**
   * Reads an object, or {@code null} when absent. {@code onlyIf} may be null; the range is either {@code range}
   * (offset/length/suffix, each NaN when absent; null for none) or a {@code Range} header (null for none).
   */
  public Read get(String key, R2Conditional onlyIf, double[] range, String rangeHeader) {
    validateKey("get", key);
    StoredValue v = objects.get(key);
    if (v == null) {
      return null;
    }
    Entry e = new Entry(key, v);
    long size = v.value().length;
    if (onlyIf != null && !onlyIf.test(e.meta())) {
      return new Read(e, true, 0, size);
    }
    if (rangeHeader != null) {
      List<long[]> ranges = CacheStore.parseRanges(rangeHeader, size);
      if (ranges != null && ranges.size() == 1) {
        long[] r = ranges.get(0);
        return new Read(e, false, r[0], r[1] - r[0] + 1);
      }
    } else if (range != null) {
      double offset = range[0];
      double length = range[1];
      double suffix = range[2];
      if (!Double.isNaN(suffix)) {
        if (suffix <= 0) {
          throw failed("get", "INVALID_RANGE");
        }
        suffix = Math.min(suffix, size);
        offset = size - suffix;
        length = suffix;
      }
      if (Double.isNaN(offset)) {
        offset = 0;
      }
      if (Double.isNaN(length)) {
        length = size - offset;
      }
      if (offset < 0 || offset > size || length <= 0) {
        throw failed("get", "INVALID_RANGE");
      }
      length = Math.min(length, size - offset);
      return new Read(e, false, (long) offset, (long) length);
    }
    return new Read(e, false, 0, size);
  }

  // --- writes ---------------------------------------------------------------------------------------------------

  /**
   * Stores an object; returns the stored entry, or {@code null} when {@code onlyIf} did not hold. {@code http}
   * holds HTTP metadata fields (cacheExpiry in epoch ms), {@code hashes} optional checksums to verify (algorithm
   * option name to bytes).
   */
  public Entry put(String key, byte[] value, Map<String, Object> http, Map<String, String> custom,
      Map<String, byte[]> hashes, R2Conditional onlyIf) {
    validateKey("put", key);
    if (value.length > MAX_VALUE_SIZE) {
      throw failed("put", "ENTITY_TOO_LARGE");
    }
    validateMetadataSize("put", custom);
    Map<String, String> checksums = new LinkedHashMap<>();
    String md5 = hex(digest("MD5", value));
    checksums.put("md5", md5);
    for (String alg : HASH_ORDER) {
      byte[] provided = hashes == null ? null : hashes.get(alg);
      if (provided == null) {
        continue;
      }
      byte[] actual = alg.equals("md5") ? HexFormat.of().parseHex(md5) : digest(HASHES.get(alg), value);
      if (!MessageDigest.isEqual(provided, actual)) {
        String name = HASHES.get(alg);
        throw new R2Exception("Error", "put: The " + name + " checksum you specified did not match what we received.\n"
            + "You provided a " + name + " checksum with value: " + hex(provided) + "\nActual " + name + " was: "
            + hex(actual) + " (10037)", 10037);
      }
      checksums.put(alg, hex(actual));
    }
    if (onlyIf != null) {
      StoredValue previous = objects.get(key);
      if (!onlyIf.test(previous == null ? null : new Entry(key, previous).meta())) {
        return null;
      }
    }
    StoredValue stored = new StoredValue(value, metadata(md5, checksums, http, custom), 0);
    objects.put(key, stored);
    return new Entry(key, stored);
  }

  private String metadata(String etag, Map<String, String> checksums, Map<String, Object> http,
      Map<String, String> custom) {
    ObjectNode meta = NODES.objectNode();
    meta.put("version", hex(randomBytes(16)));
    meta.put("etag", etag);
    meta.put("uploaded", clock.millis());
    ObjectNode sums = meta.putObject("checksums");
    checksums.forEach(sums::put);
    ObjectNode h = meta.putObject("http");
    if (http != null) {
      for (String f : HTTP_FIELDS) {
        Object v = http.get(f);
        if (v instanceof Number n) {
          h.put(f, n.longValue());
        } else if (v != null) {
          h.put(f, v.toString());
        }
      }
    }
    ObjectNode c = meta.putObject("custom");
    if (custom != null) {
      custom.forEach(c::put);
    }
    return meta.toString();
  }

  /** Deletes objects (absent keys are fine); every key is checked first. */
  public void delete(List<String> keys) {
    for (String k : keys) {
      validateKey("delete", k);
    }
    for (String k : keys) {
      objects.delete(k);
    }
  }

  // --- listing --------------------------------------------------------------------------------------------------

  /**
   * Options of a listing.
   *
   * @param prefix keys starting with this, or null
   * @param limit page size (null for 1000)
   * @param cursor a previous page's cursor, or null
   * @param delimiter groups keys sharing a prefix up to this, or null
   * @param startAfter only keys after this, or null
   * @param includeHttp whether objects carry their HTTP metadata
   * @param includeCustom whether objects carry their custom metadata
   */
  public record ListOptions(String prefix, Long limit, String cursor, String delimiter, String startAfter,
      boolean includeHttp, boolean includeCustom) {}

  /**
   * One page of a listing.
   *
   * @param objects the objects, in key order
   * @param truncated whether there are more
   * @param cursor the next page's cursor, or null
   * @param delimitedPrefixes the common prefixes when listing with a delimiter
   */
  public record Page(List<Entry> objects, boolean truncated, String cursor, List<String> delimitedPrefixes) {}

  /** Lists objects as the R2 service does (Miniflare's ordering of delimited prefixes included). */
  public Page list(ListOptions o) {
    long limit = o.limit() == null ? MAX_LIST_KEYS : o.limit();
    if (limit < 1 || limit > MAX_LIST_KEYS) {
      throw failed("list", "INVALID_MAX_KEYS");
    }
    if (o.includeHttp() || o.includeCustom()) {
      limit = Math.min(limit, 100); // the service returns at most 100 objects with metadata
    }
    String prefix = o.prefix() == null ? "" : o.prefix();
    String startAfter = o.startAfter();
    if (o.cursor() != null) {
      String fromCursor = decodeCursor(o.cursor());
      if (fromCursor != null && (startAfter == null || Utf8Order.INSTANCE.compare(fromCursor, startAfter) > 0)) {
        startAfter = fromCursor;
      }
    }
    String delimiter = o.delimiter() == null || o.delimiter().isEmpty() ? null : o.delimiter();
    int pageSize = (int) limit;
    List<Entry> out = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String next = null;
    if (delimiter == null) {
      var found = objects.list(prefix, startAfter, pageSize, v -> false);
      for (int i = 0; i < Math.min(found.size(), pageSize); i++) {
        out.add(new Entry(found.get(i).getKey(), found.get(i).getValue()));
      }
      if (found.size() > pageSize) {
        next = found.get(pageSize - 1).getKey();
      }
    } else {
      // A group of keys sharing a delimited prefix is one row placed at (and resuming after) its greatest key.
      TreeMap<String, Object> rows = new TreeMap<>(Utf8Order.INSTANCE);
      Map<String, String> lastKeyOfPrefix = new LinkedHashMap<>();
      var all = objects.list(prefix, startAfter, Integer.MAX_VALUE - 1, v -> false);
      for (var e : all) {
        String rest = e.getKey().substring(prefix.length());
        int at = rest.indexOf(delimiter);
        if (at >= 0) {
          lastKeyOfPrefix.put(prefix + rest.substring(0, at + delimiter.length()), e.getKey());
        } else {
          rows.put(e.getKey(), new Entry(e.getKey(), e.getValue()));
        }
      }
      lastKeyOfPrefix.forEach((p, last) -> rows.put(last, p));
      Iterator<Map.Entry<String, Object>> it = rows.entrySet().iterator();
      int n = 0;
      String lastKey = null;
      while (it.hasNext() && n < pageSize) {
        Map.Entry<String, Object> row = it.next();
        if (row.getValue() instanceof Entry entry) {
          out.add(entry);
        } else {
          prefixes.add((String) row.getValue());
        }
        lastKey = row.getKey();
        n++;
      }
      if (it.hasNext()) {
        next = lastKey;
      }
    }
    String cursor = next == null ? null
        : Base64.getEncoder().encodeToString(next.getBytes(StandardCharsets.UTF_8));
    return new Page(out, cursor != null, cursor, prefixes);
  }

  private static String decodeCursor(String cursor) {
    try {
      return new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      try {
        return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e2) {
        return null; // an unknown cursor starts from the beginning
      }
    }
  }

  // --- multipart uploads ----------------------------------------------------------------------------------------

  private static final String IN_PROGRESS = "in-progress";
  private static final String COMPLETED = "completed";
  private static final String ABORTED = "aborted";

  /** Starts a multipart upload; returns its id. */
  public String createMultipartUpload(String key, Map<String, Object> http, Map<String, String> custom) {
    validateKey("createMultipartUpload", key);
    String uploadId = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(128));
    ObjectNode state = NODES.objectNode();
    state.put("key", key);
    state.put("state", IN_PROGRESS);
    state.put("http", http == null ? "{}" : Json.write(http));
    state.put("custom", custom == null ? "{}" : Json.write(custom));
    uploads.put("u:" + uploadId, new StoredValue(new byte[0], state.toString(), 0));
    return uploadId;
  }

  private ObjectNode upload(String key, String uploadId) {
    StoredValue v = uploads.get("u:" + uploadId);
    if (v == null) {
      return null;
    }
    ObjectNode state = (ObjectNode) Json.read(v.metadata(), JsonNode.class);
    return state.path("key").asText().equals(key) ? state : null;
  }

  private static String partKey(String uploadId, int partNumber) {
    return "p:" + uploadId + ":" + String.format("%05d", partNumber);
  }

  /** Stores part {@code partNumber} (1..10000) of an upload; returns the part's etag. */
  public String uploadPart(String key, String uploadId, int partNumber, byte[] value) {
    validateKey("uploadPart", key);
    ObjectNode state = upload(key, uploadId);
    if (state == null || !state.path("state").asText().equals(IN_PROGRESS)) {
      throw failed("uploadPart", "NO_SUCH_UPLOAD");
    }
    String etag = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(128));
    ObjectNode meta = NODES.objectNode();
    meta.put("etag", etag);
    meta.put("md5", hex(digest("MD5", value)));
    uploads.put(partKey(uploadId, partNumber), new StoredValue(value, meta.toString(), 0));
    return etag;
  }

  /** A part named when completing an upload. */
  public record Part(int partNumber, String etag) {}

  /** Completes an upload from the named parts, replacing any object under the key. */
  public Entry completeMultipartUpload(String key, String uploadId, List<Part> parts) {
    String op = "completeMultipartUpload";
    validateKey(op, key);
    ObjectNode state = upload(key, uploadId);
    if (state == null) {
      throw failed(op, "INTERNAL_ERROR");
    }
    if (!state.path("state").asText().equals(IN_PROGRESS)) {
      throw failed(op, "NO_SUCH_UPLOAD");
    }
    Set<Integer> seen = new HashSet<>();
    for (Part p : parts) {
      if (!seen.add(p.partNumber())) {
        throw failed(op, "INTERNAL_ERROR");
      }
    }
    List<StoredValue> chosen = new ArrayList<>();
    for (Part p : parts) {
      StoredValue v = uploads.get(partKey(uploadId, p.partNumber()));
      if (v == null || !Json.read(v.metadata(), JsonNode.class).path("etag").asText().equals(p.etag())) {
        throw failed(op, "INVALID_PART");
      }
      chosen.add(v);
    }
    for (int i = 0; i < chosen.size() - 1; i++) {
      if (chosen.get(i).value().length < MIN_MULTIPART_PART_SIZE) {
        throw failed(op, "ENTITY_TOO_SMALL");
      }
    }
    // Every part but the last must have the same size, and the last may not be larger.
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      order.add(i);
    }
    order.sort((a, b) -> Integer.compare(parts.get(a).partNumber(), parts.get(b).partNumber()));
    long partSize = -1;
    for (int i = 0; i < order.size() - 1; i++) {
      long s = chosen.get(order.get(i)).value().length;
      if (partSize < 0) {
        partSize = s;
      }
      if (s < MIN_MULTIPART_PART_SIZE || s != partSize) {
        throw failed(op, "BAD_UPLOAD");
      }
    }
    if (partSize >= 0 && chosen.get(order.get(order.size() - 1)).value().length > partSize) {
      throw failed(op, "BAD_UPLOAD");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ByteArrayOutputStream md5s = new ByteArrayOutputStream();
    for (int i : order) {
      StoredValue v = chosen.get(i);
      bytes.writeBytes(v.value());
      md5s.writeBytes(HexFormat.of().parseHex(Json.read(v.metadata(), JsonNode.class).path("md5").asText()));
    }
    String etag = hex(digest("MD5", md5s.toByteArray())) + "-" + order.size();
    Map<String, Object> http = Json.read(state.path("http").asText(), new com.fasterxml.jackson.core.type.TypeReference<>() {});
    Map<String, String> custom = Json.read(state.path("custom").asText(), new com.fasterxml.jackson.core.type.TypeReference<>() {});
    StoredValue stored = new StoredValue(bytes.toByteArray(), metadata(etag, Map.of(), http, custom), 0);
    objects.put(key, stored);
    finish(uploadId, state, COMPLETED);
    return new Entry(key, stored);
  }

  /** Aborts an upload (aborting a finished one does nothing). */
  public void abortMultipartUpload(String key, String uploadId) {
    validateKey("abortMultipartUpload", key);
    ObjectNode state = upload(key, uploadId);
    if (state == null) {
      throw failed("abortMultipartUpload", "INTERNAL_ERROR");
    }
    if (state.path("state").asText().equals(IN_PROGRESS)) {
      finish(uploadId, state, ABORTED);
    }
  }

  private void finish(String uploadId, ObjectNode state, String newState) {
    for (var e : uploads.list("p:" + uploadId + ":", null, Integer.MAX_VALUE - 1, v -> false)) {
      uploads.delete(e.getKey());
    }
    state.put("state", newState);
    uploads.put("u:" + uploadId, new StoredValue(new byte[0], state.toString(), 0));
  }

  // --- checks and helpers ---------------------------------------------------------------------------------------

  /** Checks a key as the service does. */
  static void validateKey(String op, String key) {
    if (key.length() > MAX_KEY_BYTES / 3 && key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      throw failed(op, "INVALID_OBJECT_NAME");
    }
  }

  private static void validateMetadataSize(String op, Map<String, String> custom) {
    if (custom == null) {
      return;
    }
    long size = 0;
    for (Map.Entry<String, String> e : custom.entrySet()) {
      size += serialisedLength(e.getKey()) + serialisedLength(e.getValue());
    }
    if (size > MAX_METADATA_SIZE) {
      throw failed(op, "METADATA_TOO_LARGE");
    }
  }

  /** The service counts a string with any character above U+00FF as two bytes per character. */
  private static int serialisedLength(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 256) {
        return s.length() * 2;
      }
    }
    return s.length();
  }

  private static final Map<String, Object[]> ERRORS = Map.ofEntries(
      Map.entry("INTERNAL_ERROR", new Object[] {10001, "We encountered an internal error. Please try again."}),
      Map.entry("ENTITY_TOO_LARGE", new Object[] {100100, "Your proposed upload exceeds the maximum allowed object size."}),
      Map.entry("ENTITY_TOO_SMALL", new Object[] {10011, "Your proposed upload is smaller than the minimum allowed object size."}),
      Map.entry("METADATA_TOO_LARGE", new Object[] {10012, "Your metadata headers exceed the maximum allowed metadata size."}),
      Map.entry("INVALID_OBJECT_NAME", new Object[] {10020, "The specified object name is not valid."}),
      Map.entry("INVALID_MAX_KEYS", new Object[] {10022, "MaxKeys params must be positive integer <= 1000."}),
      Map.entry("NO_SUCH_UPLOAD", new Object[] {10024, "The specified multipart upload does not exist."}),
      Map.entry("INVALID_PART", new Object[] {10025, "One or more of the specified parts could not be found."}),
      Map.entry("INVALID_RANGE", new Object[] {10039, "The requested range is not satisfiable"}),
      Map.entry("BAD_UPLOAD", new Object[] {10048, "There was a problem with the multipart upload."}));

  /** An R2 service error as the runtime reports it: {@code <op>: <message> (<code>)}. */
  static R2Exception failed(String op, String error) {
    Object[] e = ERRORS.get(error);
    return new R2Exception("Error", op + ": " + e[1] + " (" + e[0] + ")", (Integer) e[0]);
  }

  static byte[] digest(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
