package dev.miniflare.assets;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of a {@code _redirects} file with Cloudflare's syntax and limits: {@code from to [status]} per line,
 * status 301, 302 (default), 303, 307, 308 or 200 (serve {@code to} at {@code from}, relative targets only); splats
 * and placeholders in {@code from} substituted into {@code to}. Rules without splats or placeholders before the
 * first one with them are static (at most 2000, matched by exact path); the others are dynamic (at most 100,
 * first match wins). Invalid lines are skipped and reported.
 */
final class RedirectsFile {
  static final int MAX_STATIC_RULES = 2000;
  static final int MAX_DYNAMIC_RULES = 100;
  static final int MAX_LINE_LENGTH = 2000;
  private static final Set<Integer> STATUSES = Set.of(200, 301, 302, 303, 307, 308);
  private static final Pattern SPLAT_OR_PLACEHOLDER = Pattern.compile("\\*|:[A-Za-z]\\w*");
  private static final Pattern TO_INDEX = Pattern.compile("/index(\\.html)?$");

  /** One rule; {@code pattern} is null for static rules. */
  record Rule(String from, String to, int status, int lineNumber, RoutePattern pattern) {}

  /** Static rules by their exact path. */
  final Map<String, Rule> staticRules;
  /** Dynamic rules in file order. */
  final List<Rule> dynamicRules;
  final List<RuleProblem> problems;
  /** Static-looking rules that follow a dynamic one, so are matched as dynamic (wrangler mentions them). */
  final List<Rule> demoted;

  private RedirectsFile(Map<String, Rule> staticRules, List<Rule> dynamicRules, List<RuleProblem> problems,
      List<Rule> demoted) {
    this.staticRules = staticRules;
    this.dynamicRules = dynamicRules;
    this.problems = problems;
    this.demoted = demoted;
  }

  static final RedirectsFile EMPTY = new RedirectsFile(Map.of(), List.of(), List.of(), List.of());

  int ruleCount() {
    return staticRules.size() + dynamicRules.size();
  }

  static RedirectsFile parse(String text, HtmlHandling htmlHandling) {
    String[] lines = text.split("\n", -1);
    List<Rule> valid = new ArrayList<>();
    List<RuleProblem> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int staticCount = 0;
    int dynamicCount = 0;
    boolean canBeStatic = true;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      int n = i + 1;
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.length() > MAX_LINE_LENGTH) {
        problems.add(RuleProblem.general("Ignoring line " + n + " as it exceeds the maximum allowed length of "
            + MAX_LINE_LENGTH + "."));
        continue;
      }
      String[] tokens = line.replaceFirst("\\s+#.*$", "").split("\\s+");
      if (tokens.length < 2 || tokens.length > 3) {
        problems.add(RuleProblem.at(line, n, "Expected exactly 2 or 3 whitespace-separated tokens. Got "
            + tokens.length + "."));
        continue;
      }
      String statusText = tokens.length == 3 ? tokens[2] : "302";
      RuleUrls.Result from = RuleUrls.validate(tokens[0], true, true, false);
      if (from.error() != null) {
        problems.add(RuleProblem.at(line, n, from.error()));
        continue;
      }
      boolean dynamic = SPLAT_OR_PLACEHOLDER.matcher(from.value()).find();
      if (canBeStatic && !dynamic) {
        staticCount++;
        if (staticCount > MAX_STATIC_RULES) {
          problems.add(RuleProblem.general("Maximum number of static rules supported is " + MAX_STATIC_RULES
              + ". Skipping line."));
          continue;
        }
      } else {
        dynamicCount++;
        canBeStatic = false;
        if (dynamicCount > MAX_DYNAMIC_RULES) {
          problems.add(RuleProblem.general("Maximum number of dynamic rules supported is " + MAX_DYNAMIC_RULES
              + ". Skipping remaining " + (lines.length - i) + " lines of file."));
          break;
        }
      }
      RuleUrls.Result to = RuleUrls.validate(tokens[1], false, false, true);
      if (to.error() != null) {
        problems.add(RuleProblem.at(line, n, to.error()));
        continue;
      }
      Integer status = status(statusText);
      if (status == null || !STATUSES.contains(status)) {
        problems.add(RuleProblem.at(line, n, "Valid status codes are 200, 301, 302 (default), 303, 307, or 308. Got "
            + statusText + "."));
        continue;
      }
      boolean relative = !RuleUrls.hasHost(to.value());
      boolean wildcardToIndex = from.value().endsWith("/*") && TO_INDEX.matcher(to.value()).find();
      boolean rootToIndex = from.value().endsWith("/") && TO_INDEX.matcher(to.value()).find();
      if (relative && (wildcardToIndex || (rootToIndex && htmlHandling != HtmlHandling.NONE))) {
        problems.add(RuleProblem.at(line, n, "Infinite loop detected in this rule and has been ignored. This will cause"
            + " a redirect to strip `.html` or `/index` and end up triggering this rule again. Please fix or remove"
            + " this rule to silence this warning."));
        continue;
      }
      if (!seen.add(from.value())) {
        problems.add(RuleProblem.at(line, n, "Ignoring duplicate rule for path " + from.value() + "."));
        continue;
      }
      if (status == 200 && !relative) {
        problems.add(RuleProblem.at(line, n, "Proxy (200) redirects can only point to relative paths. Got "
            + to.value()));
        continue;
      }
      valid.add(new Rule(from.value(), to.value(), status, n, null));
    }
    Map<String, Rule> statics = new LinkedHashMap<>();
    List<Rule> dynamics = new ArrayList<>();
    List<Rule> demoted = new ArrayList<>();
    boolean staticPhase = true;
    for (Rule r : valid) {
      boolean dynamic = SPLAT_OR_PLACEHOLDER.matcher(r.from()).find();
      if (!dynamic && staticPhase) {
        statics.put(r.from(), r);
        continue;
      }
      if (!dynamic) {
        demoted.add(r);
      }
      dynamics.add(new Rule(r.from(), r.to(), r.status(), r.lineNumber(), RoutePattern.compile(r.from())));
      staticPhase = false;
    }
    return new RedirectsFile(Map.copyOf(statics), List.copyOf(dynamics), List.copyOf(problems), List.copyOf(demoted));
  }

  /** The status as JavaScript's {@code Number(text)} reads an integer; null when it is not one. */
  private static Integer status(String text) {
    if (!text.matches("\\d{1,6}(\\.0*)?")) {
      return null;
    }
    return (int) Double.parseDouble(text);
  }
}
