package dev.miniflare.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miniflare.Miniflare;
import dev.miniflare.durableobjects.DurableObjectNamespace;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Durable Object, D1 and cache data written to the persistence folders survives closing and rebuilding the instance. */
class PersistenceRestartTest {
  static final String WORKER = """
      import { DurableObject } from "cloudflare:workers";
      export class Counter extends DurableObject {
        async fetch() {
          const n = ((await this.ctx.storage.get("n")) ?? 0) + 1;
          await this.ctx.storage.put("n", n);
          return new Response(String(n));
        }
      }
      export class Notes extends DurableObject {
        async fetch(req) {
          const sql = this.ctx.storage.sql;
          sql.exec("CREATE TABLE IF NOT EXISTS notes (text TEXT)");
          sql.exec("INSERT INTO notes VALUES (?)", new URL(req.url).pathname);
          return Response.json(sql.exec("SELECT text FROM notes ORDER BY rowid").toArray().map((r) => r.text));
        }
      }
      export default {
        async fetch(req, env) {
          const url = new URL(req.url);
          if (url.pathname === "/count") return env.COUNTER.getByName("a").fetch(req);
          if (url.pathname === "/cache") {
            const hit = await caches.default.match("https://example.com/c");
            if (hit) return new Response("hit " + await hit.text());
            await caches.default.put("https://example.com/c", new Response("cached", { headers: { "cache-control": "max-age=3600" } }));
            return new Response("miss");
          }
          if (url.pathname === "/d1") {
            await env.DB.exec("CREATE TABLE IF NOT EXISTS hits (n INTEGER)");
            await env.DB.prepare("INSERT INTO hits VALUES (1)").run();
            return new Response(String(await env.DB.prepare("SELECT count(*) AS c FROM hits").first("c")));
          }
          return env.NOTES.getByName("n").fetch(req);
        },
      };
      """;

  private static Miniflare start(Path dir) {
    return Miniflare.builder().durableObjectsPersist(dir.resolve("do")).d1Persist(dir.resolve("d1"))
        .cachePersist(dir.resolve("cache"))
        .worker(w -> w.name("main").modules(true).script(WORKER).durableObject("COUNTER", "Counter")
            .durableObject("NOTES", "Notes").sqliteDurableObjects("Notes").d1Database("DB", "db"))
        .build();
  }

  @Test
  void durableObjectsAndD1SurviveARestart(@TempDir Path dir) {
    try (Miniflare mf = start(dir)) {
      assertThat(mf.dispatchFetch("http://localhost/count").text()).isEqualTo("1");
      assertThat(mf.dispatchFetch("http://localhost/count").text()).isEqualTo("2");
      assertThat(mf.dispatchFetch("http://localhost/first").text()).isEqualTo("[\"/first\"]");
      assertThat(mf.dispatchFetch("http://localhost/d1").text()).isEqualTo("1");
      assertThat(mf.dispatchFetch("http://localhost/cache").text()).isEqualTo("miss");
    }
    try (Miniflare mf = start(dir)) {
      DurableObjectNamespace counters = mf.getDurableObjectNamespace("COUNTER");
      assertThat(counters.listIds()).extracting(id -> id.hex()).containsExactly(counters.idFromName("a").hex());
      assertThat(mf.dispatchFetch("http://localhost/count").text()).isEqualTo("3");
      assertThat(mf.dispatchFetch("http://localhost/second").text()).isEqualTo("[\"/first\",\"/second\"]");
      assertThat(mf.dispatchFetch("http://localhost/d1").text()).isEqualTo("2");
      assertThat(mf.dispatchFetch("http://localhost/cache").text()).isEqualTo("hit cached");
      List<Map<String, Object>> rows = mf.getD1Database("DB").query("SELECT count(*) AS c FROM hits");
      assertThat(rows).containsExactly(Map.of("c", 2L));
    }
  }

  @Test
  void withoutPersistenceARestartStartsEmpty(@TempDir Path dir) {
    String worker = WORKER;
    try (Miniflare mf = Miniflare.builder().worker(w -> w.name("main").modules(true).script(worker)
        .durableObject("COUNTER", "Counter").durableObject("NOTES", "Notes").d1Database("DB", "db")).build()) {
      assertThat(mf.dispatchFetch("http://localhost/count").text()).isEqualTo("1");
    }
    try (Miniflare mf = Miniflare.builder().worker(w -> w.name("main").modules(true).script(worker)
        .durableObject("COUNTER", "Counter").durableObject("NOTES", "Notes").d1Database("DB", "db")).build()) {
      assertThat(mf.dispatchFetch("http://localhost/count").text()).isEqualTo("1");
    }
  }
}
