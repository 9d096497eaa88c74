package dev.miniflare.storage;

import org.pcollections.PMap;
import org.pcollections.PSortedMap;

/**
 * The whole state of a {@link Storage} at one moment. Taking one is O(1): it is the persistent root itself, which
 * later writes never modify.
 */
public final class Snapshot {
  final PMap<String, PSortedMap<String, StoredValue>> root;

  Snapshot(PMap<String, PSortedMap<String, StoredValue>> root) {
    this.root = root;
  }

  /** Number of namespaces with data in this snapshot. */
  public int namespaceCount() {
    return root.size();
  }
}
