package dev.miniflare.config;

import java.util.Objects;

/**
 * An entry of {@code durable_objects.bindings}.
 *
 * @param name the binding name the Worker sees on {@code env}
 * @param className the exported Durable Object class
 * @param scriptName the Worker that defines the class, or {@code null} for this Worker
 * @param environment the environment of {@code scriptName}, or {@code null}
 */
public record DurableObjectBindingConfig(
    String name, String className, String scriptName, String environment) {
  /**
   * Validates the components.
   *
   * @param name the binding name the Worker sees on {@code env}
   * @param className the exported Durable Object class
   * @param scriptName the Worker that defines the class, or {@code null} for this Worker
   * @param environment the environment of {@code scriptName}, or {@code null}
   */
  public DurableObjectBindingConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(className, "className");
  }
}
