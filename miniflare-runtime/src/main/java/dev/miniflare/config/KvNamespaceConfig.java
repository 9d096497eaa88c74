package dev.miniflare.config;

import java.util.Objects;

/**
 * A {@code kv_namespaces} entry.
 *
 * @param binding the name the Worker sees on {@code env}
 * @param id the namespace id, or {@code null} when not given (local storage may then key on the binding)
 * @param previewId the {@code preview_id}, or {@code null}
 */
public record KvNamespaceConfig(String binding, String id, String previewId) {
  /**
   * Validates the components.
   *
   * @param binding the name the Worker sees on {@code env}
   * @param id the namespace id, or {@code null} when not given (local storage may then key on the binding)
   * @param previewId the {@code preview_id}, or {@code null}
   */
  public KvNamespaceConfig {
    Objects.requireNonNull(binding, "binding");
  }
}
