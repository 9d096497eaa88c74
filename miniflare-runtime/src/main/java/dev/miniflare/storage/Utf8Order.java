package dev.miniflare.storage;

import java.util.Comparator;

/**
 * Orders strings by their UTF-8 bytes, which is the order KV and Durable Object storage list keys in. This equals
 * code point order; {@link String#compareTo} (UTF-16 code units) differs for supplementary characters.
 */
public final class Utf8Order implements Comparator<String>, java.io.Serializable {
  /** The single instance. */
  public static final Utf8Order INSTANCE = new Utf8Order();

  private Utf8Order() {}

  @Override
  public int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char ca = a.charAt(i);
      char cb = b.charAt(i);
      if (ca != cb) {
        // Surrogates (U+D800..DFFF) encode code points above U+FFFF, which sort after U+E000..U+FFFF in UTF-8.
        boolean sa = Character.isSurrogate(ca);
        boolean sb = Character.isSurrogate(cb);
        if (sa != sb) {
          return sa ? (cb >= 0xE000 ? 1 : ca - cb) : (ca >= 0xE000 ? -1 : ca - cb);
        }
        return ca - cb;
      }
    }
    return a.length() - b.length();
  }
}
