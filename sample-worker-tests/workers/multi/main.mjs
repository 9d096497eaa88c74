// Asks a Java-function binding for a message, bumps a shared counter three times through another worker,
// then answers with both.
export default {
  async fetch(request, env) {
    const message = await (await env.CUSTOM.fetch("http://host/")).text();
    for (let i = 0; i < 3; i++) await env.INCREMENTER.fetch("http://host/");
    const count = await env.COUNTS.get("count");
    return new Response(message + count);
  },
};
