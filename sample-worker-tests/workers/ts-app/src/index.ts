import { slugify, flavour } from "tiny-slug";
import { greet } from "./lib/greet";
import banner from "./banner.txt";

export interface Env {
  SITE: string;
  VIEWS: KVNamespace;
}

/** A plain export, callable from a Java test. */
export function add(a: number, b: number): number {
  return a + b;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    const slug: string = slugify(url.searchParams.get("title") ?? "Hello World");
    const views = Number((await env.VIEWS.get(slug)) ?? "0") + 1;
    await env.VIEWS.put(slug, String(views));
    return Response.json({
      greeting: greet(env.SITE),
      banner: banner.trim(),
      slug,
      flavour,
      views,
      sum: add(views, 40),
    });
  },
} satisfies ExportedHandler<Env>;
