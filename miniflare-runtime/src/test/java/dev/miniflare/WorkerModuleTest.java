package dev.miniflare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.miniflare.core.WorkerException;
import dev.miniflare.http.Request;
import dev.miniflare.http.Response;
import dev.miniflare.kv.KVNamespace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WorkerModuleTest {
  static Miniflare mf;

  @BeforeAll
  static void start() {
    mf = Miniflare.builder().worker(w -> w.name("counter").modules(true).kvNamespace("COUNTER_NAMESPACE", "counts")
        .script("export async function increment(ns, key) { const n = parseInt((await ns.get(key)) ?? '0') + 1;"
            + " await ns.put(key, String(n)); return n; }\n"
            + "export function echo(...args) { return args; }\n"
            + "export async function fail() { throw new RangeError('too far'); }\n"
            + "export function describe(req) { return `${req.method} ${req.url}`; }\n"
            + "export function respond() { return new Response('made', { status: 201 }); }\n"
            + "export default { fetch() { return new Response('x'); }, hello(name) { return 'hi ' + name; } };"))
        .build();
  }

  @AfterAll
  static void stop() {
    mf.close();
  }

  @Test
  void passesKvNamespacesAsTheIsolatesOwnBinding() {
    KVNamespace kv = mf.getKVNamespace("COUNTER_NAMESPACE");
    kv.put("a", "3");
    assertThat(mf.worker().module().call("increment", Integer.class, kv, "a")).isEqualTo(4);
    assertThat(kv.get("a")).isEqualTo("4");
  }

  @Test
  void convertsArgumentsAndResultsThroughJson() {
    record Point(int x, int y) {}
    List<Object> echoed = mf.worker().module().call("echo", new TypeReference<List<Object>>() {}, "s", 1, true,
        new Point(1, 2), Map.of("k", List.of(1, 2)));
    assertThat(echoed).containsExactly("s", 1, true, Map.of("x", 1, "y", 2), Map.of("k", List.of(1, 2)));
    assertThat(mf.worker().module().call("default.hello", String.class, "ada")).isEqualTo("hi ada");
    assertThat(mf.worker().module().call("describe", String.class, Request.post("https://x.test/p", "b")))
        .isEqualTo("POST https://x.test/p");
    Response r = mf.worker().module().call("respond", Response.class);
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.text()).isEqualTo("made");
  }

  @Test
  void jsErrorsSurfaceWithNameMessageAndStack() {
    assertThatThrownBy(() -> mf.worker().module().call("fail", Object.class))
        .isInstanceOf(WorkerException.class)
        .hasMessageStartingWith("RangeError: too far")
        .satisfies(e -> assertThat(((WorkerException) e).error().name()).isEqualTo("RangeError"));
    assertThatThrownBy(() -> mf.worker().module().call("missing", Object.class))
        .isInstanceOf(WorkerException.class)
        .hasMessageContaining("no exported function \"missing\"");
  }
}
