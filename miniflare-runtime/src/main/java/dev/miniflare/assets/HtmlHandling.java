package dev.miniflare.assets;

/** How asset paths map to HTML files and their trailing slashes (wrangler's {@code assets.html_handling}). */
public enum HtmlHandling {
  /** {@code /about} serves {@code about.html}, {@code /blog/} serves {@code blog/index.html} (the default). */
  AUTO_TRAILING_SLASH("auto-trailing-slash"),
  /** Every HTML page is served at a path ending in {@code /}. */
  FORCE_TRAILING_SLASH("force-trailing-slash"),
  /** Every HTML page is served at a path without a trailing {@code /}. */
  DROP_TRAILING_SLASH("drop-trailing-slash"),
  /** Only exact file paths are served; no redirects. */
  NONE("none");

  private final String configValue;

  HtmlHandling(String configValue) {
    this.configValue = configValue;
  }

  /** The value as written in wrangler config, e.g. {@code auto-trailing-slash}. */
  public String configValue() {
    return configValue;
  }

  /** The constant for a wrangler config value; throws {@link IllegalArgumentException} for anything else. */
  public static HtmlHandling fromConfigValue(String value) {
    for (HtmlHandling h : values()) {
      if (h.configValue.equals(value)) {
        return h;
      }
    }
    throw new IllegalArgumentException("unknown html_handling \"" + value + "\"");
  }
}
