import { greet } from "./lib/greet";
import banner from "./banner.txt";

declare const GREETING_PREFIX: string;

interface Env {
  KV: KVNamespace;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const name = new URL(request.url).searchParams.get("name") ?? "world";
    await env.KV.put("last", name);
    return new Response(`${banner.trim()} ${greet(GREETING_PREFIX, name)}`);
  },
};
