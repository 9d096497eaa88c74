package dev.miniflare.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miniflare.Miniflare;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Service bindings to {@code WorkerEntrypoint} classes: the class is instantiated per event with (ctx, env), its
 * methods are reachable by JS RPC, named entrypoints work, and errors cross with their type (as on workerd).
 */
class ServiceRpcTest {
  private static final String CALLEE = """
      import { WorkerEntrypoint } from 'cloudflare:workers';
      export default class Api extends WorkerEntrypoint {
        fetch(req) { return new Response('api sees ' + this.env.WHO + ' ' + new URL(req.url).pathname); }
        add(a, b) { return a + b; }
        echo(value) { return value; }
        explode() { throw new TypeError('rpc exploded'); }
        async later() { await new Promise((r) => setTimeout(r, 5)); return 'later'; }
        get version() { return 'v' + this.env.WHO; }
      }
      export class Admin extends WorkerEntrypoint {
        fetch() { return new Response('admin'); }
        role() { return 'admin of ' + this.env.WHO; }
      }
      export const plain = {
        fetch() { return new Response('plain'); },
        hidden(x, env, ctx) { return [x, env.WHO, typeof ctx.waitUntil, arguments.length]; },
      };
      """;

  private static final String CALLER = """
      async function attempt(fn) {
        try { return { ok: await fn() }; } catch (e) { return { error: e.name, message: e.message }; }
      }
      export default { async fetch(req, env) {
        const path = new URL(req.url).pathname;
        if (path === '/fetch') return new Response(await (await env.API.fetch('http://x/hello')).text());
        if (path === '/rpc') return Response.json({
          sum: await env.API.add(2, 3),
          echo: await env.API.echo({ d: new Date(0), m: new Map([[1, 'a']]).size, list: [1, 'two'] }),
          later: await env.API.later(),
          err: await attempt(() => env.API.explode()),
          missing: await attempt(() => env.API.nope()),
          property: await env.API.version,
          missingProperty: await attempt(async () => await env.API.nothing),
        });
        if (path === '/admin') return Response.json({
          role: await env.ADMIN.role(), text: await (await env.ADMIN.fetch('http://x/')).text() });
        if (path === '/plain') return Response.json({
          text: await (await env.PLAIN.fetch('http://x/')).text(),
          one: await attempt(() => env.PLAIN.hidden({ a: 1 })), two: await attempt(() => env.PLAIN.hidden(1, 2)) });
        if (path === '/old') return Response.json({ rpc: typeof env.API.add });
        return new Response('?');
      } };
      """;

  private Miniflare twoWorkers(String callerDate) {
    return Miniflare.builder()
        .worker(w -> w.name("caller").modules(true).script(CALLER).compatibilityDate(callerDate)
            .serviceBinding("API", "api").serviceBinding("ADMIN", "api", "Admin").serviceBinding("PLAIN", "api", "plain"))
        .worker(w -> w.name("api").modules(true).script(CALLEE).compatibilityDate("2024-09-23").binding("WHO", "api"))
        .build();
  }

  @Test
  void entrypointClassHandlesFetchWithItsEnv() {
    try (Miniflare mf = twoWorkers("2024-09-23")) {
      assertThat(mf.dispatchFetch("http://localhost/fetch").text()).isEqualTo("api sees api /hello");
      assertThat(mf.worker("api").fetch("http://localhost/direct").text()).isEqualTo("api sees api /direct");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void methodsAreCalledOverRpcAndErrorsKeepTheirType() {
    try (Miniflare mf = twoWorkers("2024-09-23")) {
      Map<String, Object> r = mf.dispatchFetch("http://localhost/rpc").json(Map.class);
      assertThat(r).containsEntry("sum", 5).containsEntry("later", "later");
      assertThat((Map<String, Object>) r.get("echo")).containsEntry("d", "1970-01-01T00:00:00.000Z")
          .containsEntry("m", 1);
      assertThat(r.get("err")).isEqualTo(Map.of("error", "TypeError", "message", "rpc exploded"));
      assertThat(r.get("missing")).isEqualTo(Map.of("error", "TypeError",
          "message", "The RPC receiver does not implement the method \"nope\"."));
      // awaiting a member reads the property (a class getter), as on workerd
      assertThat(r.get("property")).isEqualTo("vapi");
      assertThat(r.get("missingProperty")).isEqualTo(Map.of("error", "TypeError",
          "message", "The RPC receiver does not implement the method \"nothing\"."));
    }
  }

  @Test
  void namedEntrypointsServeTheirOwnClass() {
    try (Miniflare mf = twoWorkers("2024-09-23")) {
      assertThat(mf.dispatchFetch("http://localhost/admin").json(Map.class))
          .isEqualTo(Map.of("role", "admin of api", "text", "admin"));
    }
  }

  /** Recorded on workerd (Miniflare 4.20260426): an object handler takes RPC with exactly one argument. */
  @Test
  void anObjectExportTakesRpcWithExactlyOneArgumentPlusEnvAndCtx() {
    try (Miniflare mf = twoWorkers("2024-09-23")) {
      Map<?, ?> r = mf.dispatchFetch("http://localhost/plain").json(Map.class);
      assertThat(r.get("text")).isEqualTo("plain");
      assertThat(r.get("one")).isEqualTo(Map.of("ok", java.util.List.of(Map.of("a", 1), "api", "function", 3)));
      assertThat(r.get("two")).isEqualTo(Map.of("error", "TypeError", "message", "Attempted to call RPC function"
          + " \"hidden\" with the wrong number of arguments. When calling a top-level handler function that is not"
          + " declared as part of a class, you must always send exactly one argument. In order to support variable"
          + " numbers of arguments, the server must use class-based syntax (extending WorkerEntrypoint) instead."));
    }
  }

  @Test
  void beforeJsRpcACallersBindingHasOnlyFetch() {
    try (Miniflare mf = twoWorkers("2024-01-01")) {
      assertThat(mf.dispatchFetch("http://localhost/old").json(Map.class)).isEqualTo(Map.of("rpc", "undefined"));
    }
  }
}
