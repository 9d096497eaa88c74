package dev.miniflare.assets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules of an {@code _headers} file with Cloudflare's syntax and limits: a path line (absolute {@code https://}
 * URLs allowed, without port), then indented {@code Name: value} lines to set (a second rule matching the same
 * request appends) and {@code ! Name} lines to remove headers; splats and placeholders in the path can be used in
 * values. At most 100 rules and 2000 characters per line; invalid lines are skipped and reported.
 */
final class HeadersFile {
  static final int MAX_RULES = 100;
  static final int MAX_LINE_LENGTH = 2000;
  private static final Pattern PATH_LINE = Pattern.compile("^([^\\s]+://|/)");

  /** One rule: what to set and what to remove on responses whose path matches. */
  record Rule(String path, RoutePattern pattern, Map<String, String> set, List<String> unset) {}

  final List<Rule> rules;
  final List<RuleProblem> problems;

  private HeadersFile(List<Rule> rules, List<RuleProblem> problems) {
    this.rules = rules;
    this.problems = problems;
  }

  static final HeadersFile EMPTY = new HeadersFile(List.of(), List.of());

  private static final class Pending {
    final String path;
    final String line;
    final Map<String, String> headers = new LinkedHashMap<>();
    final List<String> unset = new ArrayList<>();

    Pending(String path, String line) {
      this.path = path;
      this.line = line;
    }

    boolean valid() {
      return !headers.isEmpty() || !unset.isEmpty();
    }
  }

  static HeadersFile parse(String text) {
    String[] lines = text.split("\n", -1);
    // keyed by path: a path given twice keeps its first position and its last headers
    Map<String, Rule> rules = new LinkedHashMap<>();
    List<RuleProblem> problems = new ArrayList<>();
    Pending rule = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.length() > MAX_LINE_LENGTH) {
        problems.add(RuleProblem.general("Ignoring line " + (i + 1) + " as it exceeds the maximum allowed length of "
            + MAX_LINE_LENGTH + "."));
        continue;
      }
      if (PATH_LINE.matcher(line).find()) {
        if (rules.size() >= MAX_RULES) {
          problems.add(RuleProblem.general("Maximum number of rules supported is " + MAX_RULES + ". Skipping remaining "
              + (lines.length - i) + " lines of file."));
          break; // the rule being read is still added after the loop, as Cloudflare's parser does
        }
        if (rule != null) {
          if (rule.valid()) {
            add(rules, rule);
          } else {
            problems.add(RuleProblem.at(rule.line, i + 1, "No headers specified"));
          }
        }
        RuleUrls.Result path = RuleUrls.validate(line, false, true, false);
        if (path.error() != null) {
          problems.add(RuleProblem.at(line, i + 1, path.error()));
          rule = null;
          continue;
        }
        rule = new Pending(path.value(), line);
        continue;
      }
      if (!line.contains(":")) {
        if (rule == null) {
          problems.add(RuleProblem.at(line, i + 1, "Expected a path beginning with at least one forward-slash"));
        } else if (line.startsWith("! ")) {
          rule.unset.add(line.replaceFirst("! ", ""));
        } else {
          problems.add(RuleProblem.at(line, i + 1, "Expected a colon-separated header pair (e.g. name: value)"));
        }
        continue;
      }
      int colon = line.indexOf(':');
      String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      if (name.contains(" ")) {
        problems.add(RuleProblem.at(line, i + 1, "Header name cannot include spaces"));
      } else if (name.isEmpty()) {
        problems.add(RuleProblem.at(line, i + 1, "No header name specified"));
      } else if (value.isEmpty()) {
        problems.add(RuleProblem.at(line, i + 1, "No header value specified"));
      } else if (rule == null) {
        problems.add(RuleProblem.at(line, i + 1, "Path should come before header (" + name + ": " + value + ")"));
      } else {
        rule.headers.merge(name, value, (before, added) -> before + ", " + added);
      }
    }
    if (rule != null) {
      if (rule.valid()) {
        add(rules, rule);
      } else {
        problems.add(RuleProblem.at(rule.line, 0, "No headers specified"));
      }
    }
    return new HeadersFile(List.copyOf(rules.values()), List.copyOf(problems));
  }

  private static void add(Map<String, Rule> rules, Pending p) {
    rules.put(p.path, new Rule(p.path, RoutePattern.compile(p.path),
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(p.headers)), List.copyOf(p.unset)));
  }
}
