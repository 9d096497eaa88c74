// A SQLite-backed Durable Object keeping notes in a table.
import { DurableObject } from "cloudflare:workers";
export class Notes extends DurableObject {
  add(text) {
    const sql = this.ctx.storage.sql;
    sql.exec("CREATE TABLE IF NOT EXISTS notes(text TEXT)");
    sql.exec("INSERT INTO notes VALUES (?)", text);
    return this.texts();
  }
  texts() {
    const sql = this.ctx.storage.sql;
    if (sql.exec("SELECT count(*) AS n FROM sqlite_master WHERE name = 'notes'").one().n === 0) return [];
    return sql.exec("SELECT text FROM notes ORDER BY rowid").toArray().map((r) => r.text);
  }
}
export default {
  async fetch(request, env) {
    const stub = env.NOTES.getByName("shared");
    const text = new URL(request.url).searchParams.get("add");
    return Response.json(text === null ? await stub.texts() : await stub.add(text));
  },
};
