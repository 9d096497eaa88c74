package dev.miniflare.samples;

import static dev.miniflare.junit.MiniflareAssertions.assertThat;

import dev.miniflare.Worker;
import dev.miniflare.junit.Binding;
import dev.miniflare.junit.MiniflareTest;
import dev.miniflare.kv.KVNamespace;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real-project layout run as it is: the worker is TypeScript, imports an npm package from {@code node_modules}
 * (its {@code workerd} export condition wins; it depends on a CommonJS package), an extensionless module and a text
 * module. The wrangler config makes Miniflare bundle it with esbuild, as wrangler does,
 * with no Node.js installed.
 */
@MiniflareTest(config = "workers/ts-app/wrangler.toml")
class TypeScriptAppTest {
  @Test
  void servesTheBundledWorker(Worker worker) {
    assertThat(worker.fetch("http://localhost/?title=Hi")).hasStatus(200);
    @SuppressWarnings("unchecked")
    Map<String, Object> body = worker.fetch("http://localhost/?title=Typed%20Workers%20in%20Java").json(Map.class);
    assertThat(body).containsEntry("greeting", "Hello from Miniflare for Java")
        .containsEntry("banner", "Served by a text module")
        .containsEntry("slug", "typed-workers-in-java")
        .containsEntry("flavour", "workerd")
        .containsEntry("views", 1)
        .containsEntry("sum", 41);  // views + 40, by the exported add()
  }

  @Test
  void theCommonJsDependencyPadsShortSlugs(Worker worker) {
    assertThat(worker.fetch("http://localhost/?title=a").json(Map.class).get("slug")).isEqualTo("__a");
  }

  @Test
  void exportsAreCallableAndStorageIsRolledBack(Worker worker, @Binding("VIEWS") KVNamespace views) {
    assertThat(worker.module().call("add", Integer.class, 2, 3)).isEqualTo(5);
    assertThat(views.get("typed-workers-in-java")).isNull(); // the first test's view count is gone
  }
}
