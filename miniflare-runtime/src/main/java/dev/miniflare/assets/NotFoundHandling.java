package dev.miniflare.assets;

/** What a request for a missing asset gets (wrangler's {@code assets.not_found_handling}). */
public enum NotFoundHandling {
  /** A 404 with no body, or the worker when there is one (the default). */
  NONE("none"),
  /** The nearest {@code 404.html} up the path, with status 404. */
  PAGE_404("404-page"),
  /** {@code /index.html} with status 200, for client-side routed apps. */
  SINGLE_PAGE_APPLICATION("single-page-application");

  private final String configValue;

  NotFoundHandling(String configValue) {
    this.configValue = configValue;
  }

  /** The value as written in wrangler config, e.g. {@code 404-page}. */
  public String configValue() {
    return configValue;
  }

  /** The constant for a wrangler config value; throws {@link IllegalArgumentException} for anything else. */
  public static NotFoundHandling fromConfigValue(String value) {
    for (NotFoundHandling h : values()) {
      if (h.configValue.equals(value)) {
        return h;
      }
    }
    throw new IllegalArgumentException("unknown not_found_handling \"" + value + "\"");
  }
}
