package dev.miniflare.durableobjects;

/**
 * A Durable Object id as Java sees it.
 *
 * @param hex the 64 hex digits
 * @param name the name it was derived from with {@code idFromName}, or null
 */
public record DurableObjectId(String hex, String name) {
  @Override
  public String toString() {
    return hex;
  }
}
