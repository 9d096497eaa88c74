package dev.miniflare.assets;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code run_worker_first} as route patterns: requests whose path matches a pattern go to the worker before the
 * assets, those matching a negated {@code !/...} pattern go to the assets (negations win). {@code *} matches any
 * characters. Checked with wrangler's rules and messages.
 */
final class StaticRouting {
  static final int MAX_RULES = 100;
  static final int MAX_RULE_LENGTH = 100;

  private final List<Pattern> assetRules;
  private final List<Pattern> workerRules;

  private StaticRouting(List<Pattern> assetRules, List<Pattern> workerRules) {
    this.assetRules = assetRules;
    this.workerRules = workerRules;
  }

  /** Parses the rules; throws {@link IllegalArgumentException} with wrangler's message when they are invalid. */
  static StaticRouting parse(List<String> input) {
    if (input.isEmpty()) {
      throw new IllegalArgumentException("No `run_worker_first` rules were provided; must provide at least 1 rule.");
    }
    if (input.size() > MAX_RULES) {
      throw new IllegalArgumentException("Too many `run_worker_first` rules were provided; " + input.size()
          + " rules provided exceeds max of " + MAX_RULES + ".");
    }
    List<String> rawAssetRules = new ArrayList<>();
    List<String> assetRules = new ArrayList<>();
    List<String> workerRules = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    for (String rule : input) {
      if (rule.startsWith("!/")) {
        assetRules.add(rule.substring(1));
        rawAssetRules.add(rule);
      } else if (rule.startsWith("/")) {
        workerRules.add(rule);
      } else if (rule.startsWith("!")) {
        invalid.add("'" + rule + "': negative rules must start with '!/'");
      } else {
        invalid.add("'" + rule + "': rules must start with '/' or '!/'");
      }
    }
    if (!assetRules.isEmpty() && workerRules.isEmpty()) {
      throw new IllegalArgumentException(
          "Only negative `run_worker_first` rules were provided; must provide at least 1 non-negative rule");
    }
    invalid.addAll(check(workerRules));
    invalid.addAll(check(rawAssetRules));
    if (!invalid.isEmpty()) {
      throw new IllegalArgumentException("Invalid routes in `run_worker_first`:\n" + String.join("\n", invalid));
    }
    return new StaticRouting(compile(assetRules), compile(workerRules));
  }

  private static List<String> check(List<String> rules) {
    List<String> invalid = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String rule : rules) {
      if (rule.length() > MAX_RULE_LENGTH) {
        invalid.add("'" + rule + "': all rules must be less than " + MAX_RULE_LENGTH + " characters in length");
      }
      if (!seen.add(rule)) {
        invalid.add("'" + rule + "': rule is a duplicate; rules must be unique");
      }
      if (rule.endsWith("*")) {
        String prefix = rule.substring(0, rule.length() - 1);
        for (String other : rules) {
          if (!other.equals(rule) && other.startsWith(prefix)) {
            invalid.add("'" + other + "': rule '" + rule + "' makes it redundant");
          }
        }
      }
    }
    return invalid;
  }

  private static List<Pattern> compile(List<String> rules) {
    List<Pattern> out = new ArrayList<>();
    for (String rule : rules) {
      StringBuilder re = new StringBuilder("^");
      String[] pieces = rule.split("\\*", -1);
      for (int i = 0; i < pieces.length; i++) {
        re.append(i == 0 ? "" : ".*").append(Pattern.quote(pieces[i]));
      }
      out.add(Pattern.compile(re.append('$').toString(), Pattern.DOTALL));
    }
    return List.copyOf(out);
  }

  /** Whether a negated rule sends this path to the assets. */
  boolean forcesAssets(String pathname) {
    return assetRules.stream().anyMatch(p -> p.matcher(pathname).matches());
  }

  /** Whether a rule sends this path to the worker first. */
  boolean forcesWorker(String pathname) {
    return workerRules.stream().anyMatch(p -> p.matcher(pathname).matches());
  }
}
