import { AsyncLocalStorage } from "node:async_hooks";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

interface Env {
  SIGNING_KEY: string;
}

interface RequestContext {
  id: string;
  path: string;
}

const requestContext = new AsyncLocalStorage<RequestContext>();

/** Deep in the call stack, without passing the request around: the store follows the async context. */
async function describe(): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, Number(new URLSearchParams(requestContext.getStore()?.path.split("?")[1]).get("delay") ?? 0)));
  const ctx = requestContext.getStore();
  return ctx ? `${ctx.id} ${ctx.path}` : "no context";
}

/** A token "payload.signature", both base64url (Buffer), signed with HMAC-SHA256 (node:crypto). */
export function sign(payload: string, key: string): string {
  const body = Buffer.from(payload, "utf8").toString("base64url");
  const signature = createHmac("sha256", key).update(body).digest("base64url");
  return `${body}.${signature}`;
}

export function verify(token: string, key: string): string | null {
  const [body, signature] = token.split(".");
  const expected = Buffer.from(createHmac("sha256", key).update(body).digest("base64url"));
  const given = Buffer.from(signature ?? "");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return null;
  }
  return Buffer.from(body, "base64url").toString("utf8");
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    const id = createHash("sha256").update(url.pathname + url.search).digest("hex").slice(0, 8);
    return requestContext.run({ id, path: url.pathname + url.search }, async () => {
      if (url.pathname === "/sign") {
        return new Response(sign(url.searchParams.get("payload") ?? "", env.SIGNING_KEY));
      }
      if (url.pathname === "/verify") {
        const payload = verify(url.searchParams.get("token") ?? "", env.SIGNING_KEY);
        return payload === null ? new Response("bad signature", { status: 401 }) : new Response(payload);
      }
      return new Response(await describe());
    });
  },
};
