package dev.miniflare.storage;

import dev.miniflare.Miniflare;
import java.nio.file.Path;

/**
 * Child process of {@link KillDashNineTest}: writes record after record to every persisted store through a worker
 * and prints {@code ack <n>} once the response for record {@code n} arrived (the write is acknowledged), until it
 * is killed.
 */
public final class CrashWriter {
  static final String WORKER = """
      import { DurableObject } from "cloudflare:workers";
      export class Box extends DurableObject {
        async fetch(req) {
          const url = new URL(req.url);
          const n = url.searchParams.get("n");
          if (url.pathname === "/get") return new Response(String(await this.ctx.storage.get("k" + n)));
          await this.ctx.storage.put("k" + n, n);
          return new Response("ok");
        }
      }
      export class Ledger extends DurableObject {
        async fetch(req) {
          const sql = this.ctx.storage.sql;
          const url = new URL(req.url);
          sql.exec("CREATE TABLE IF NOT EXISTS rows (n INTEGER PRIMARY KEY)");
          if (url.pathname === "/has") {
            return new Response(String(sql.exec("SELECT count(*) AS c FROM rows WHERE n = ?", Number(url.searchParams.get("n"))).one().c));
          }
          sql.exec("INSERT INTO rows VALUES (?)", Number(url.searchParams.get("n")));
          return new Response("ok");
        }
      }
      export default {
        async fetch(req, env) {
          const url = new URL(req.url);
          const n = url.searchParams.get("n");
          if (url.pathname === "/write") {
            await env.KV.put("k" + n, n);
            await env.BOX.getByName("box").fetch("http://do/put?n=" + n);
            await env.LEDGER.getByName("ledger").fetch("http://do/insert?n=" + n);
            await env.DB.exec("CREATE TABLE IF NOT EXISTS rows (n INTEGER PRIMARY KEY)");
            await env.DB.prepare("INSERT INTO rows VALUES (?)").bind(Number(n)).run();
            await env.BUCKET.put("k" + n, n);
            await caches.default.put("https://cache.example/k" + n,
                new Response(n, { headers: { "cache-control": "max-age=86400" } }));
            return new Response("ok");
          }
          // /missing?upTo=N: for each store, the records 0..N-1 it does not hold
          const missing = { kv: [], "do-kv": [], "do-sql": [], d1: [], r2: [], cache: [] };
          await env.DB.exec("CREATE TABLE IF NOT EXISTS rows (n INTEGER PRIMARY KEY)");
          const box = env.BOX.getByName("box"), ledger = env.LEDGER.getByName("ledger");
          for (let i = 0; i < Number(url.searchParams.get("upTo")); i++) {
            const k = String(i);
            if ((await env.KV.get("k" + k)) !== k) missing.kv.push(i);
            if ((await (await box.fetch("http://do/get?n=" + k)).text()) !== k) missing["do-kv"].push(i);
            if ((await (await ledger.fetch("http://do/has?n=" + k)).text()) !== "1") missing["do-sql"].push(i);
            if ((await env.DB.prepare("SELECT count(*) AS c FROM rows WHERE n = ?").bind(i).first("c")) !== 1) missing.d1.push(i);
            const object = await env.BUCKET.get("k" + k);
            if (!object || (await object.text()) !== k) missing.r2.push(i);
            const cached = await caches.default.match("https://cache.example/k" + k);
            if (!cached || (await cached.text()) !== k) missing.cache.push(i);
          }
          return Response.json(missing);
        },
      };
      """;

  private CrashWriter() {}

  /** The instance over the persistence folders under {@code dir}. */
  static Miniflare open(Path dir) {
    return Miniflare.builder().kvPersist(dir.resolve("kv")).durableObjectsPersist(dir.resolve("do"))
        .d1Persist(dir.resolve("d1")).r2Persist(dir.resolve("r2")).cachePersist(dir.resolve("cache"))
        .worker(w -> w.name("main").modules(true).script(WORKER).kvNamespace("KV", "kv")
            .durableObject("BOX", "Box").durableObject("LEDGER", "Ledger").sqliteDurableObjects("Ledger")
            .d1Database("DB", "db").r2Bucket("BUCKET", "bucket"))
        .build();
  }

  /** {@code args[0]}: the persistence root. Writes until killed. */
  public static void main(String[] args) {
    Miniflare mf = open(Path.of(args[0]));
    System.out.println("ready");
    System.out.flush();
    for (int n = 0; ; n++) {
      String answer = mf.dispatchFetch("http://localhost/write?n=" + n).text();
      if (!answer.equals("ok")) {
        throw new IllegalStateException("write " + n + " answered " + answer);
      }
      System.out.println("ack " + n);
      System.out.flush();
    }
  }
}
