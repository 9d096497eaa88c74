package dev.miniflare.r2;

import java.util.List;

/**
 * One page of {@link R2Bucket#list}.
 *
 * @param objects the objects (with their HTTP and custom metadata, no bodies), in key order
 * @param truncated whether there are more
 * @param cursor the next page's cursor, or null
 * @param delimitedPrefixes common prefixes when listing with a delimiter
 */
public record R2ListResult(List<R2Object> objects, boolean truncated, String cursor, List<String> delimitedPrefixes) {}
