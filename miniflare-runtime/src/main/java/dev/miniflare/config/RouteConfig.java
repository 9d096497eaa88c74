package dev.miniflare.config;

import java.util.Objects;

/**
 * A route from {@code route = "..."} or an entry of {@code routes}.
 *
 * @param pattern the route pattern, e.g. {@code example.com/*}
 * @param zoneName the {@code zone_name}, or {@code null}
 * @param customDomain whether the entry sets {@code custom_domain = true}
 */
public record RouteConfig(String pattern, String zoneName, boolean customDomain) {
  /**
   * Validates the components.
   *
   * @param pattern the route pattern, e.g. {@code example.com/*}
   * @param zoneName the {@code zone_name}, or {@code null}
   * @param customDomain whether the entry sets {@code custom_domain = true}
   */
  public RouteConfig {
    Objects.requireNonNull(pattern, "pattern");
  }
}
