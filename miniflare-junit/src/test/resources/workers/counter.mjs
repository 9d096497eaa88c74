// A module worker with module-level state, a KV binding and an export for unit tests.
let requests = 0;

export async function increment(namespace, key) {
  const count = parseInt((await namespace.get(key)) ?? "0") + 1;
  await namespace.put(key, String(count));
  return count;
}

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    requests++;
    if (url.pathname === "/requests") return new Response(String(requests));
    if (url.pathname === "/log") {
      console.log("hello from", url.searchParams.get("who"));
      return new Response("logged");
    }
    if (url.pathname === "/late") {
      ctx.waitUntil(new Promise((r) => setTimeout(r, 200)).then(() => env.KV.put("late", "written")));
      return new Response("later");
    }
    if (url.pathname === "/hang") return new Promise(() => {});
    if (url.pathname === "/spin") for (;;) {}
    const count = await increment(env.KV, url.pathname);
    return new Response(`count for ${url.pathname} is now ${count}`);
  },
};
