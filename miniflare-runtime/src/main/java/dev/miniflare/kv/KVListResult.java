package dev.miniflare.kv;

import java.util.List;

/**
 * One page of {@link KVNamespace#list}.
 *
 * @param keys the keys in UTF-8 byte order
 * @param listComplete whether this is the last page
 * @param cursor the cursor of the next page, or {@code null} when complete
 */
public record KVListResult(List<KVEntry> keys, boolean listComplete, String cursor) {}
