// Produces to and consumes queue "jobs"; records what it consumed in module state and in KV.
const received = [];
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/send") {
      await env.QUEUE.send({ from: url.searchParams.get("from") });
      return new Response("sent");
    }
    return Response.json({ received, kv: (await env.KV.list()).keys.map((k) => k.name) });
  },
  async queue(batch, env) {
    for (const message of batch.messages) {
      received.push(message.body.from);
      await env.KV.put("got:" + message.body.from, "1");
    }
  },
};
