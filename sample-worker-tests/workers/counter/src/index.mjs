// Counts requests per path in KV. `increment` is exported so tests can call it directly.
export async function increment(namespace, key) {
  const count = parseInt((await namespace.get(key)) ?? "0") + 1;
  await namespace.put(key, String(count));
  return count;
}

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    const count = await increment(env.COUNTER_NAMESPACE, pathname);
    return new Response(`count for ${pathname} is now ${count}`);
  },
};
