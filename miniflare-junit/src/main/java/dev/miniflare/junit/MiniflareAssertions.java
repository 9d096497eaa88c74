package dev.miniflare.junit;

import dev.miniflare.http.Response;
import dev.miniflare.kv.KVNamespace;
import org.assertj.core.api.Assertions;

/**
 * AssertJ entry points for Miniflare types. Import statically next to (or instead of) AssertJ's own:
 *
 * <pre>{@code
 * import static dev.miniflare.junit.MiniflareAssertions.assertThat;
 *
 * assertThat(worker.fetch("http://localhost/a")).hasStatus(200).hasBody("count for /a is now 1");
 * assertThat(kv).containsKey("a").hasValue("a", "4");
 * }</pre>
 *
 * Every other type delegates to AssertJ's {@link Assertions}, so one static import serves a whole test.
 */
public class MiniflareAssertions extends Assertions {
  /** Not instantiable; use the static methods. */
  protected MiniflareAssertions() {}

  /** Assertions on an HTTP response; failure messages show the status, headers and body. */
  public static ResponseAssert assertThat(Response actual) {
    return new ResponseAssert(actual);
  }

  /** Assertions on the contents of a KV namespace. */
  public static KVNamespaceAssert assertThat(KVNamespace actual) {
    return new KVNamespaceAssert(actual);
  }

  /** Assertions on an R2 bucket. */
  public static R2BucketAssert assertThat(dev.miniflare.r2.R2Bucket actual) {
    return new R2BucketAssert(actual);
  }
}
