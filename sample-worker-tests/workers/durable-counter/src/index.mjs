import { DurableObject } from "cloudflare:workers";

// One counter per name. The count lives in the object's storage; an alarm resets it an hour after the last
// increment.
export class Counter extends DurableObject {
  async increment() {
    const count = ((await this.ctx.storage.get("count")) ?? 0) + 1;
    await this.ctx.storage.put("count", count);
    await this.ctx.storage.setAlarm(Date.now() + 60 * 60 * 1000);
    return count;
  }

  async fetch(request) {
    return new Response(String(await this.increment()));
  }

  async alarm() {
    await this.ctx.storage.delete("count");
  }
}

export default {
  async fetch(request, env) {
    const name = new URL(request.url).pathname.slice(1) || "default";
    return env.COUNTER.getByName(name).fetch(request);
  },
};
