package dev.miniflare.config;

import java.util.Objects;

/**
 * A {@code services} entry: a binding to another Worker.
 *
 * @param binding the name the Worker sees on {@code env}
 * @param service the target Worker's name
 * @param environment the target's environment, or {@code null}
 * @param entrypoint the named export to call, or {@code null} for the default export
 */
public record ServiceBindingConfig(
    String binding, String service, String environment, String entrypoint) {
  /**
   * Validates the components.
   *
   * @param binding the name the Worker sees on {@code env}
   * @param service the target Worker's name
   * @param environment the target's environment, or {@code null}
   * @param entrypoint the named export to call, or {@code null} for the default export
   */
  public ServiceBindingConfig {
    Objects.requireNonNull(binding, "binding");
    Objects.requireNonNull(service, "service");
  }
}
