package dev.miniflare.kv;

/**
 * Options of {@link KVNamespace#list(KVListOptions)}.
 *
 * @param prefix only keys starting with this, or {@code null}
 * @param limit page size, 1..1000, or 0 for the default 1000
 * @param cursor the cursor of a previous page, or {@code null}
 */
public record KVListOptions(String prefix, int limit, String cursor) {
  /** No prefix, default page size, first page. */
  public static KVListOptions defaults() {
    return new KVListOptions(null, 0, null);
  }

  /** Keys with this prefix. */
  public static KVListOptions prefix(String prefix) {
    return new KVListOptions(prefix, 0, null);
  }
}
