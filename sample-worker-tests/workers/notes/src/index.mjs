// A D1-backed notes API: POST /notes {"body", "tag"} adds one, GET /notes?tag=x lists them.
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname !== "/notes") return new Response("not found", { status: 404 });
    if (request.method === "POST") {
      const { body, tag = null } = await request.json();
      if (typeof body !== "string" || body === "") {
        return Response.json({ error: "body is required" }, { status: 400 });
      }
      const note = await env.DB.prepare("INSERT INTO notes (body, tag) VALUES (?, ?) RETURNING id, body, tag")
        .bind(body, tag).first();
      return Response.json(note, { status: 201 });
    }
    const tag = url.searchParams.get("tag");
    const { results } = tag === null
      ? await env.DB.prepare("SELECT id, body, tag FROM notes ORDER BY id").all()
      : await env.DB.prepare("SELECT id, body, tag FROM notes WHERE tag = ? ORDER BY id").bind(tag).all();
    return Response.json(results);
  },
};
