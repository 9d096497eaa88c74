package dev.miniflare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.miniflare.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WranglerWorkersTest {
  @TempDir
  Path dir;

  private Path write(String name, String content) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  @Test
  void varsKeepTheirTypesAndSecretsComeFromDevVars() throws Exception {
    write("src/index.js", "import { shout } from './lib/util.js';\n"
        + "export default { fetch(req, env) { return Response.json({ s: shout(env.STR), n: env.NUM, b: env.BOOL,"
        + " o: env.OBJ, secret: env.API_KEY, kv: typeof env.KV.get }); } };");
    write("src/lib/util.js", "export const shout = (s) => s.toUpperCase();");
    write(".dev.vars", "API_KEY=\"s3cret\"\n");
    Path config = write("wrangler.toml", "name = \"typed\"\nmain = \"src/index.js\"\ncompatibility_date = \"2024-09-23\"\n"
        + "[vars]\nSTR = \"text\"\nNUM = 42\nBOOL = true\nOBJ = { a = 1, list = [\"x\"] }\n"
        + "[[kv_namespaces]]\nbinding = \"KV\"\nid = \"kv-id\"\n");
    try (Miniflare mf = Miniflare.builder().wranglerConfig(config, null).build()) {
      assertThat(mf.dispatchFetch("http://localhost/").json(Map.class)).isEqualTo(Map.of("s", "TEXT", "n", 42,
          "b", true, "o", Map.of("a", 1, "list", java.util.List.of("x")), "secret", "s3cret", "kv", "function"));
      assertThat(mf.worker().name()).isEqualTo("typed");
    }
  }

  @Test
  void bindingsOfFeaturesNotBuiltAreRejected() throws Exception {
    write("src/index.js", "export default { fetch() { return new Response('x'); } };");
    Path config = write("wrangler.toml", "name = \"do\"\nmain = \"src/index.js\"\n"
        + "[[vectorize]]\nbinding = \"VEC\"\nindex_name = \"i\"\n");
    assertThatThrownBy(() -> Miniflare.builder().wranglerConfig(config, null).build())
        .isInstanceOf(MiniflareException.class).hasMessageContaining("vectorize")
        .hasMessageContaining("does not support yet");
  }

  @Test
  void r2BucketsAreBoundByBucketName() throws Exception {
    write("src/index.js", "export default { async fetch(req, env) { await env.BUCKET.put('k', 'v');"
        + " return new Response(String(await env.PLAIN.head('k'))); } };");
    Path config = write("wrangler.toml", "name = \"r2\"\nmain = \"src/index.js\"\n"
        + "[[r2_buckets]]\nbinding = \"BUCKET\"\nbucket_name = \"photos\"\npreview_bucket_name = \"preview\"\n"
        + "jurisdiction = \"eu\"\n"
        + "[[r2_buckets]]\nbinding = \"PLAIN\"\n");
    try (Miniflare mf = Miniflare.builder().wranglerConfig(config, null).build()) {
      assertThat(mf.workerOptions(mf.worker().name()).r2Buckets()).isEqualTo(Map.of("BUCKET", "photos", "PLAIN", "PLAIN"));
      assertThat(mf.dispatchFetch("http://localhost/").text()).isEqualTo("null");
      assertThat(mf.r2BucketByName("photos").get("k").orElseThrow().text()).isEqualTo("v");
      assertThat(mf.getR2Bucket("BUCKET").name()).isEqualTo("photos");
    }
  }

  @Test
  void malformedConfigNamesFileLineAndColumn() throws Exception {
    Path config = write("wrangler.toml", "name = \"bad\"\nmain = = \"x\"\n");
    assertThatThrownBy(() -> Miniflare.builder().wranglerConfig(config, null))
        .isInstanceOf(ConfigException.class).hasMessageContaining("wrangler.toml:2:");
  }

  @Test
  void serviceWorkerFormatIsDetected() throws Exception {
    write("worker.js", "addEventListener('fetch', (e) => e.respondWith(new Response(typeof GREETING)));");
    Path config = write("wrangler.toml", "name = \"sw\"\nmain = \"worker.js\"\n[vars]\nGREETING = \"hi\"\n");
    try (Miniflare mf = Miniflare.builder().wranglerConfig(config, null).build()) {
      assertThat(mf.dispatchFetch("http://localhost/").text()).isEqualTo("string");
    }
  }
}
