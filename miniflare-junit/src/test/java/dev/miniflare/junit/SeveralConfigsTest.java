package dev.miniflare.junit;

import static dev.miniflare.junit.MiniflareAssertions.assertThat;

import dev.miniflare.Worker;
import org.junit.jupiter.api.Test;

/**
 * {@code @MiniflareTest(config = {...})} with two wrangler configs, as {@code wrangler dev -c a -c b}: the first is
 * the main worker, the second is reached through a service binding (JS RPC) and by {@code @WorkerName}; the other
 * worker's bindings are injectable and rolled back like the main worker's.
 */
@MiniflareTest(config = {"src/test/resources/projects/front/wrangler.toml",
    "src/test/resources/projects/auth/wrangler.toml"})
class SeveralConfigsTest {
  @Test
  void mainWorkerCallsTheOtherOverRpc(Worker front, @WorkerName("auth") Worker auth) {
    auth.kvNamespace("USERS").put("ada", "active");
    assertThat(front.fetch("http://localhost/?user=ada")).hasStatus(200).hasBody("welcome ada");
    assertThat(auth.fetch("http://localhost/")).hasBody("auth");
  }

  @Test
  void theOtherWorkersStorageWasRolledBack(Worker front) {
    assertThat(front.fetch("http://localhost/?user=ada")).hasStatus(403).hasBody("denied");
  }
}
