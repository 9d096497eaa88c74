package dev.miniflare.assets;

/**
 * An invalid line of {@code _headers} or {@code _redirects}: Cloudflare skips it and wrangler warns.
 *
 * @param message wrangler's message
 * @param line the offending line's text, or {@code null} for file-wide problems (limits)
 * @param lineNumber 1-based line number, or {@code 0} when none
 */
record RuleProblem(String message, String line, int lineNumber) {
  static RuleProblem at(String line, int lineNumber, String message) {
    return new RuleProblem(message, line, lineNumber);
  }

  static RuleProblem general(String message) {
    return new RuleProblem(message, null, 0);
  }
}
