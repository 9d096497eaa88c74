export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/api/guide") {
      const page = await env.ASSETS.fetch(new URL("/docs/guide", url));
      return new Response("api: " + (await page.text()).trim());
    }
    return new Response("worker " + url.pathname);
  },
};
