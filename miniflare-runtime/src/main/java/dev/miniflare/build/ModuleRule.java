package dev.miniflare.build;

import dev.miniflare.core.ModuleType;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One of wrangler's {@code [[rules]]}: imports (bundled) or files (found additional modules) whose path matches one
 * of the globs become modules of {@code type}. Unless {@code fallthrough} is set, later rules of the same type are
 * ignored, as in wrangler.
 *
 * @param type the module type
 * @param globs glob patterns ({@code **}{@code /*.txt}); {@code *} matches any characters, {@code ?} one
 * @param fallthrough whether later rules of the same type still apply
 */
public record ModuleRule(ModuleType type, List<String> globs, boolean fallthrough) {
  /** wrangler's rules, applied after the configured ones. */
  public static final List<ModuleRule> DEFAULT_RULES = List.of(
      new ModuleRule(ModuleType.Text, List.of("**/*.txt", "**/*.html", "**/*.sql"), false),
      new ModuleRule(ModuleType.Data, List.of("**/*.bin"), false),
      new ModuleRule(ModuleType.CompiledWasm, List.of("**/*.wasm", "**/*.wasm?module"), false));

  /** Validates and copies the globs. */
  public ModuleRule {
    Objects.requireNonNull(type, "type");
    globs = List.copyOf(globs);
  }

  /** Whether the rule is for JavaScript ({@code ESModule} or {@code CommonJS}). */
  public boolean isJavaScript() {
    return type == ModuleType.ESModule || type == ModuleType.CommonJS;
  }

  /**
   * The configured rules followed by the default ones, without the rules a previous rule of the same type hides
   * (wrangler's {@code parseRules}: a rule without {@code fallthrough = true} ends its type).
   */
  public static List<ModuleRule> effective(List<ModuleRule> configured) {
    List<ModuleRule> all = new java.util.ArrayList<>(configured);
    all.addAll(DEFAULT_RULES);
    java.util.Set<ModuleType> completed = java.util.EnumSet.noneOf(ModuleType.class);
    List<ModuleRule> kept = new java.util.ArrayList<>();
    for (ModuleRule rule : all) {
      if (completed.contains(rule.type())) {
        continue;
      }
      kept.add(rule);
      if (!rule.fallthrough()) {
        completed.add(rule.type());
      }
    }
    return List.copyOf(kept);
  }

  /** The first rule one of whose globs matches {@code path}, or null. */
  public static ModuleRule matching(List<ModuleRule> rules, String path) {
    for (ModuleRule rule : rules) {
      for (String glob : rule.globs()) {
        if (globPattern(glob).matcher(path).matches()) {
          return rule;
        }
      }
    }
    return null;
  }

  /**
   * A glob as wrangler matches it (glob-to-regexp without globstar): {@code *} is any run of characters
   * including {@code /}, {@code ?} one character, {@code [...]} a character class.
   */
  static Pattern globPattern(String glob) {
    StringBuilder re = new StringBuilder();
    boolean inClass = false;
    for (char c : glob.toCharArray()) {
      if (inClass) {
        re.append(c == ']' ? "]" : c == '\\' ? "\\\\" : String.valueOf(c));
        inClass = c != ']';
        continue;
      }
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        case '[' -> {
          re.append('[');
          inClass = true;
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }
}
