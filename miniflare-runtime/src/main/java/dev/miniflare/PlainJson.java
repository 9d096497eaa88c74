package dev.miniflare;

/**
 * Reads the plainest JSON results of export calls (a short integer, a string without escapes, a boolean) without
 * Jackson, whose first use costs about 0.1 s in a cold JVM: a one-test suite calling {@code increment} should
 * not pay for it. Anything else, and any target type but the boxed basics, is left to Jackson.
 */
final class PlainJson {
  /** Returned when the value is not one this class reads; the caller then uses Jackson. */
  static final Object NOT_PLAIN = new Object();

  private PlainJson() {}

  static Object read(String json, Class<?> type) {
    if (type == String.class) {
      boolean plain = json.length() >= 2 && json.charAt(0) == '"' && json.charAt(json.length() - 1) == '"'
          && json.indexOf('\\') < 0;
      return plain ? json.substring(1, json.length() - 1) : NOT_PLAIN;
    }
    if (type == Integer.class) {
      return isShortInteger(json, 9) ? Integer.valueOf(json) : NOT_PLAIN;
    }
    if (type == Long.class) {
      return isShortInteger(json, 18) ? Long.valueOf(json) : NOT_PLAIN;
    }
    if (type == Boolean.class) {
      return json.equals("true") ? Boolean.TRUE : json.equals("false") ? Boolean.FALSE : NOT_PLAIN;
    }
    return NOT_PLAIN;
  }

  /** A JSON integer (no leading zero) of 1..maxDigits digits: fits the type, so parsing cannot overflow. */
  private static boolean isShortInteger(String json, int maxDigits) {
    int start = json.startsWith("-") ? 1 : 0;
    int digits = json.length() - start;
    if (digits < 1 || digits > maxDigits || (digits > 1 && json.charAt(start) == '0')) {
      return false;
    }
    for (int i = start; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
