package dev.miniflare.kv;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A KV key as listed or read with metadata.
 *
 * @param name the key
 * @param value the value as text (only from {@link KVNamespace#getWithMetadata}; {@code null} in listings)
 * @param metadata the metadata as a JSON tree, or {@code null}
 * @param expiration expiry in seconds since the UNIX epoch, or {@code null}
 */
public record KVEntry(String name, String value, JsonNode metadata, Long expiration) {}
