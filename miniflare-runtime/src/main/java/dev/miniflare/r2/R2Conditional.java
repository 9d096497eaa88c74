package dev.miniflare.r2;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@code onlyIf} precondition: etag lists (from {@code etagMatches}/{@code etagDoesNotMatch} or
 * {@code If-Match}/{@code If-None-Match}) and upload-time bounds. Evaluated as the R2 service does, including its
 * HTTP rule that a matching etag condition overrides the corresponding date condition.
 */
public final class R2Conditional {
  /**
   * One etag of a condition.
   *
   * @param type {@code strong}, {@code weak} or {@code wildcard}
   * @param value the etag without quotes (null for the wildcard)
   */
  public record Etag(String type, String value) {}

  private final List<Etag> etagMatches;
  private final List<Etag> etagDoesNotMatch;
  private final double uploadedBefore;
  private final double uploadedAfter;
  private final boolean secondsGranularity;

  /** A condition; lists may be null, times are epoch ms or NaN when absent (an invalid date never holds). */
  public R2Conditional(List<Etag> etagMatches, List<Etag> etagDoesNotMatch, Double uploadedBefore,
      Double uploadedAfter, boolean secondsGranularity) {
    this.etagMatches = etagMatches;
    this.etagDoesNotMatch = etagDoesNotMatch;
    this.uploadedBefore = uploadedBefore == null ? Double.NaN : uploadedBefore;
    this.uploadedAfter = uploadedAfter == null ? Double.NaN : uploadedAfter;
    this.secondsGranularity = secondsGranularity;
    this.hasBefore = uploadedBefore != null;
    this.hasAfter = uploadedAfter != null;
  }

  private final boolean hasBefore;
  private final boolean hasAfter;

  /**
   * Reads the condition {@code r2.js} sends: {@code etagMatches}/{@code etagDoesNotMatch} as single etags from an
   * R2Conditional object, or {@code ifMatch}/{@code ifNoneMatch} header text; times as strings of epoch ms.
   */
  static R2Conditional fromJson(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    List<Etag> matches = null;
    List<Etag> doesNotMatch = null;
    if (n.hasNonNull("etagMatches")) {
      matches = List.of(single(n.get("etagMatches").asText()));
    }
    if (n.hasNonNull("etagDoesNotMatch")) {
      doesNotMatch = List.of(single(n.get("etagDoesNotMatch").asText()));
    }
    if (n.hasNonNull("ifMatch")) {
      matches = parseHeader(n.get("ifMatch").asText(), "if-match");
    }
    if (n.hasNonNull("ifNoneMatch")) {
      doesNotMatch = parseHeader(n.get("ifNoneMatch").asText(), "if-none-match");
    }
    Double before = n.hasNonNull("uploadedBefore") ? Double.parseDouble(n.get("uploadedBefore").asText()) : null;
    Double after = n.hasNonNull("uploadedAfter") ? Double.parseDouble(n.get("uploadedAfter").asText()) : null;
    return new R2Conditional(matches, doesNotMatch, before, after, n.path("secondsGranularity").asBoolean(false));
  }

  private static Etag single(String value) {
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      throw new R2Exception("TypeError", "Conditional ETag should not be wrapped in quotes (" + value + ").", 0);
    }
    return value.equals("*") ? new Etag("wildcard", null) : new Etag("strong", value);
  }

  /** Parses an {@code If-Match}/{@code If-None-Match} value as workerd does (same messages). */
  static List<Etag> parseHeader(String header, String name) {
    List<Etag> out = new ArrayList<>();
    String rest = header;
    boolean commaRequired = false;
    while (true) {
      int wildcard = indexOr(rest, '*');
      int quote = indexOr(rest, '"');
      int weak = indexOr(rest, 'W');
      int comma = indexOr(rest, ',');
      if (quote == Integer.MAX_VALUE && wildcard == Integer.MAX_VALUE) {
        break;
      }
      if (comma < wildcard && comma < quote && comma < weak) {
        rest = rest.substring(comma + 1);
        commaRequired = false;
        continue;
      }
      if (commaRequired) {
        int first = Math.min(wildcard, Math.min(quote, weak));
        String reason = first == wildcard ? "Encountered a wildcard character '*' instead."
            : first == quote ? "Encountered a double quote character '\"' instead. This would otherwise indicate the"
                + " start of a new strong etag."
            : "Encountered a weak quotation character 'W' instead. This would otherwise indicate the start of a new"
                + " weak etag.";
        throw new R2Exception("Error", "Comma was expected to separate etags. " + reason, 0);
      }
      if (wildcard < quote) {
        out.clear();
        out.add(new Etag("wildcard", null));
        return out;
      }
      int close = rest.indexOf('"', quote + 1);
      if (close < 0) {
        throw new R2Exception("Error", "Unclosed double quote for Etag", 0);
      }
      String value = rest.substring(quote + 1, close);
      if (weak < quote) {
        if (!(rest.length() > weak + 2 && rest.charAt(weak + 1) == '/' && weak + 2 == quote)) {
          throw new R2Exception("Error", "Weak etags must start with W/ and their value must be quoted", 0);
        }
        out.add(new Etag("weak", value));
      } else {
        out.add(new Etag("strong", value));
      }
      rest = rest.substring(close + 1);
      commaRequired = true;
    }
    if (out.isEmpty()) {
      throw new R2Exception("Error", "Invalid ETag in " + name + " header", 0);
    }
    return out;
  }

  private static int indexOr(String s, char c) {
    int i = s.indexOf(c);
    return i < 0 ? Integer.MAX_VALUE : i;
  }

  /** Whether the condition holds for an object's metadata ({@code null} when the object does not exist). */
  boolean test(JsonNode meta) {
    if (meta == null) {
      return etagMatches == null && !hasAfter;
    }
    String etag = meta.path("etag").asText();
    boolean ifMatch = etagMatches == null || includes(etagMatches, etag, false);
    boolean ifNoneMatch = etagDoesNotMatch == null || !includes(etagDoesNotMatch, etag, true);
    double lastModified = truncate(meta.path("uploaded").asDouble());
    boolean ifModifiedSince = !hasAfter || truncate(uploadedAfter) < lastModified
        || (etagDoesNotMatch != null && ifNoneMatch);
    boolean ifUnmodifiedSince = !hasBefore || lastModified < truncate(uploadedBefore)
        || (etagMatches != null && ifMatch);
    return ifMatch && ifNoneMatch && ifModifiedSince && ifUnmodifiedSince;
  }

  private double truncate(double ms) {
    return secondsGranularity ? Math.floor(ms / 1000) * 1000 : ms;
  }

  private static boolean includes(List<Etag> conditions, String etag, boolean weakComparison) {
    for (Etag c : conditions) {
      if (c.type().equals("wildcard")
          || (c.value().equals(etag) && (c.type().equals("strong") || weakComparison))) {
        return true;
      }
    }
    return false;
  }
}
