package dev.miniflare.samples;

import static dev.miniflare.junit.MiniflareAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.miniflare.Worker;
import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import dev.miniflare.junit.MiniflareTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * A TypeScript worker under {@code nodejs_compat}: {@code node:async_hooks}' AsyncLocalStorage keeps each request's
 * context across awaits and timers (also when requests interleave), {@code node:crypto} signs with HMAC-SHA256 and
 * the {@code Buffer} global encodes base64url. The signature is checked against the JDK's own HMAC.
 */
@MiniflareTest(config = "workers/node-app/wrangler.toml")
class NodeCompatAppTest {
  @Test
  void signsWithNodeCryptoAndBuffer(Worker worker) throws Exception {
    String token = worker.fetch("http://localhost/sign?payload=hello%20%C3%A9").text();
    String body = Base64.getUrlEncoder().withoutPadding().encodeToString("hello é".getBytes(StandardCharsets.UTF_8));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("test-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String signature = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    assertThat(token).isEqualTo(body + "." + signature);

    assertThat(worker.fetch("http://localhost/verify?token=" + token)).hasStatus(200).hasBody("hello é");
    assertThat(worker.fetch("http://localhost/verify?token=" + body + ".AAAA")).hasStatus(401);
  }

  @Test
  void exportsAreCallableFromJava(Worker worker) {
    String token = worker.module().call("sign", String.class, "from java", "k");
    assertThat(worker.module().call("verify", String.class, token, "k")).isEqualTo("from java");
    assertThat(worker.module().call("verify", String.class, token, "other key")).isNull();
  }

  @Test
  void eachRequestKeepsItsOwnContextWhenTheyInterleave(Worker worker) {
    // the slow request starts first and finishes last: neither may see the other's store
    CompletableFuture<Response> slow = worker.fetchAsync(Request.get("http://localhost/slow?delay=60"));
    CompletableFuture<Response> fast = worker.fetchAsync(Request.get("http://localhost/fast?delay=1"));
    assertThat(fast.join().text()).endsWith(" /fast?delay=1");
    assertThat(slow.join().text()).endsWith(" /slow?delay=60");
  }
}
