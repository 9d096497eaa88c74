package dev.miniflare.junit;

import dev.miniflare.kv.KVNamespace;
import org.assertj.core.api.AbstractAssert;

/** AssertJ assertions on a {@link KVNamespace}; failure messages list the keys the namespace holds. */
public final class KVNamespaceAssert extends AbstractAssert<KVNamespaceAssert, KVNamespace> {
  KVNamespaceAssert(KVNamespace actual) {
    super(actual, KVNamespaceAssert.class);
  }

  private String keys() {
    var keys = actual.keys();
    return keys.size() > 50 ? keys.subList(0, 50) + " ... (" + keys.size() + " keys)" : keys.toString();
  }

  /** The key holds a live value. */
  public KVNamespaceAssert containsKey(String key) {
    isNotNull();
    if (!actual.containsKey(key)) {
      failWithMessage("Expected KV namespace %s to contain key \"%s\" but its keys are %s", actual.id(), key, keys());
    }
    return this;
  }

  /** The key holds no live value. */
  public KVNamespaceAssert doesNotContainKey(String key) {
    isNotNull();
    if (actual.containsKey(key)) {
      failWithMessage("Expected KV namespace %s not to contain key \"%s\" but it holds \"%s\"", actual.id(), key,
          actual.get(key));
    }
    return this;
  }

  /** The key's text value equals {@code value}. */
  public KVNamespaceAssert hasValue(String key, String value) {
    isNotNull();
    String v = actual.get(key);
    if (!value.equals(v)) {
      failWithMessage("Expected KV key \"%s\" of namespace %s to be \"%s\" but it was %s; keys: %s", key,
          actual.id(), value, v == null ? "absent" : "\"" + v + "\"", keys());
    }
    return this;
  }

  /** The namespace holds no live keys. */
  public KVNamespaceAssert isEmpty() {
    isNotNull();
    if (!actual.keys().isEmpty()) {
      failWithMessage("Expected KV namespace %s to be empty but its keys are %s", actual.id(), keys());
    }
    return this;
  }

  /** The namespace holds exactly this many live keys. */
  public KVNamespaceAssert hasSize(int size) {
    isNotNull();
    int n = actual.keys().size();
    if (n != size) {
      failWithMessage("Expected KV namespace %s to hold %d keys but it holds %d: %s", actual.id(), size, n, keys());
    }
    return this;
  }
}
