export default {
  async fetch(req, env) {
    const user = new URL(req.url).searchParams.get("user") ?? "anonymous";
    const allowed = await env.AUTH.check(user);
    await env.SESSIONS.put("last", user);
    return new Response(allowed ? `welcome ${user}` : "denied", { status: allowed ? 200 : 403 });
  },
};
