// A Durable Object that counts requests in memory (hits) and in storage (n).
export class Counter {
  constructor(state) {
    this.state = state;
    this.hits = 0;
  }
  async fetch() {
    this.hits++;
    const n = ((await this.state.storage.get("n")) ?? 0) + 1;
    await this.state.storage.put("n", n);
    return new Response(`${n}/${this.hits}`);
  }
}
export default {
  fetch(request, env) {
    return env.COUNTER.getByName("one").fetch(request);
  },
};
