package dev.miniflare.core;

import dev.miniflare.http.Headers;

/**
 * Headers as one "name\nvalue\nname\nvalue" string: how they cross between Java and the runtime JS (requests,
 * responses, cache entries, Durable Object fetches) in a single host call.
 */
public final class HeaderBlob {
  private HeaderBlob() {}

  /** Headers as "name\nvalue\nname\nvalue", one string so that they cross into JS in a single call. */
  public static String encode(Headers headers) {
    int n = headers.size();
    if (n == 0) {
      return "";
    }
    StringBuilder sb = new StringBuilder(n * 32);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append('\n');
      }
      sb.append(headers.name(i)).append('\n').append(sanitize(headers.value(i)));
    }
    return sb.toString();
  }

  private static String sanitize(String value) {
    // A Java caller may put anything in a header; a newline would corrupt the blob and is invalid in HTTP anyway.
    return value.indexOf('\n') < 0 && value.indexOf('\r') < 0 ? value : value.replace('\r', ' ').replace('\n', ' ');
  }

  /** The headers of a blob made by {@link #encode} (or by the runtime JS); null or "" is none. */
  public static Headers decode(String blob) {
    if (blob == null || blob.isEmpty()) {
      return Headers.empty();
    }
    Headers.Builder b = Headers.builder();
    int start = 0;
    int len = blob.length();
    while (start < len) {
      int nl = blob.indexOf('\n', start);
      int nl2 = blob.indexOf('\n', nl + 1);
      if (nl2 < 0) {
        nl2 = len;
      }
      b.add(blob.substring(start, nl), blob.substring(nl + 1, nl2));
      start = nl2 + 1;
    }
    return b.build();
  }
}
