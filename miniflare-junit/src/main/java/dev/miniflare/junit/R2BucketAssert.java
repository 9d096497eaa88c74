package dev.miniflare.junit;

import dev.miniflare.r2.R2Bucket;
import dev.miniflare.r2.R2Object;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/** AssertJ assertions on an {@link R2Bucket}; failure messages list the keys the bucket holds. */
public final class R2BucketAssert extends AbstractAssert<R2BucketAssert, R2Bucket> {
  R2BucketAssert(R2Bucket actual) {
    super(actual, R2BucketAssert.class);
  }

  private String keys() {
    var keys = actual.keys(null);
    return keys.size() > 50 ? keys.subList(0, 50) + " ... (" + keys.size() + " keys)" : keys.toString();
  }

  /** An object is stored under the key. */
  public R2BucketAssert containsKey(String key) {
    isNotNull();
    if (!actual.containsKey(key)) {
      failWithMessage("Expected R2 bucket %s to contain key \"%s\" but its keys are %s", actual.name(), key, keys());
    }
    return this;
  }

  /** No object is stored under the key. */
  public R2BucketAssert doesNotContainKey(String key) {
    isNotNull();
    if (actual.containsKey(key)) {
      failWithMessage("Expected R2 bucket %s not to contain key \"%s\"", actual.name(), key);
    }
    return this;
  }

  /** The object under the key has this UTF-8 text. */
  public R2BucketAssert hasText(String key, String text) {
    isNotNull();
    Optional<R2Object> o = actual.get(key);
    if (o.isEmpty() || !o.get().text().equals(text)) {
      failWithMessage("Expected R2 object \"%s\" of bucket %s to be \"%s\" but it was %s; keys: %s", key,
          actual.name(), text, o.isEmpty() ? "absent" : "\"" + o.get().text() + "\"", keys());
    }
    return this;
  }

  /** The bucket holds no objects. */
  public R2BucketAssert isEmpty() {
    isNotNull();
    if (!actual.keys(null).isEmpty()) {
      failWithMessage("Expected R2 bucket %s to be empty but its keys are %s", actual.name(), keys());
    }
    return this;
  }
}
