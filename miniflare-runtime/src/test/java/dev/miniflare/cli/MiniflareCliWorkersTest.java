package dev.miniflare.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.miniflare.Miniflare;
import dev.miniflare.MiniflareException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Which workers the CLI serves: the script argument against the config's main, and several configs. */
class MiniflareCliWorkersTest {
  @TempDir
  Path dir;

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  private Miniflare start(String... args) {
    MiniflareCli cli = new MiniflareCli();
    new CommandLine(cli).parseArgs(args);
    return cli.builder().port(-1).build();  // no HTTP server: dispatchFetch is enough here
  }

  @Test
  void scriptArgumentWinsOverMainAndKeepsTheConfigsBindings() throws IOException {
    Path config = write("wrangler.toml", """
        name = "app"
        main = "src/main.js"
        [vars]
        GREETING = "hi"
        """);
    write("src/main.js", "export default { fetch() { return new Response('main'); } };");
    Path other = write("src/other.js", "export default { fetch(r, env) { return new Response('other ' + env.GREETING); } };");
    try (Miniflare mf = start(other.toString(), "--wrangler-config", config.toString())) {
      assertThat(mf.dispatchFetch("http://localhost/").text()).isEqualTo("other hi");
    }
  }

  @Test
  void scriptArgumentWorksWithAConfigThatHasNoMain() throws IOException {
    Path config = write("wrangler.toml", """
        name = "app"
        [vars]
        GREETING = "hello"
        """);
    Path script = write("src/index.js", "export default { fetch(r, env) { return new Response(env.GREETING); } };");
    try (Miniflare mf = start(script.toString(), "-c", config.toString())) {
      assertThat(mf.dispatchFetch("http://localhost/").text()).isEqualTo("hello");
    }
  }

  @Test
  void aConfigWithoutMainAndNoScriptSaysWhatIsMissing() throws IOException {
    Path config = write("wrangler.toml", "name = \"app\"\n");
    assertThatThrownBy(() -> start("-c", config.toString())).isInstanceOf(MiniflareException.class)
        .hasMessageContaining("\"main\" is not set");
  }

  @Test
  void severalConfigsRunInOneSessionAndTheFirstIsServed() throws IOException {
    Path front = write("front/wrangler.toml", """
        name = "front"
        main = "index.js"
        compatibility_date = "2024-09-23"
        [[services]]
        binding = "API"
        service = "api"
        [[durable_objects.bindings]]
        name = "COUNTER"
        class_name = "Counter"
        script_name = "api"
        """);
    write("front/index.js", """
        export default { async fetch(req, env) {
          const text = await (await env.API.fetch('http://api/x')).text();
          const sum = await env.API.add(2, 3);
          const count = await (await env.COUNTER.getByName('a').fetch('http://do/')).text();
          return new Response(text + ' ' + sum + ' ' + count);
        } };
        """);
    Path api = write("api/wrangler.toml", """
        name = "api"
        main = "index.js"
        compatibility_date = "2024-09-23"
        [[durable_objects.bindings]]
        name = "COUNTER"
        class_name = "Counter"
        [[migrations]]
        tag = "v1"
        new_classes = ["Counter"]
        """);
    write("api/index.js", """
        import { WorkerEntrypoint, DurableObject } from 'cloudflare:workers';
        export class Counter extends DurableObject {
          async fetch() { const n = ((await this.ctx.storage.get('n')) ?? 0) + 1; await this.ctx.storage.put('n', n); return new Response(String(n)); }
        }
        export default class extends WorkerEntrypoint {
          fetch(req) { return new Response('api'); }
          add(a, b) { return a + b; }
        }
        """);
    try (Miniflare mf = start("-c", front.toString(), "--wrangler-config", api.toString())) {
      assertThat(mf.dispatchFetch("http://localhost/").text()).isEqualTo("api 5 1");
      assertThat(mf.worker("api").fetch("http://localhost/").text()).isEqualTo("api");
    }
  }
}
