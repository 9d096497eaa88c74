import { WorkerEntrypoint } from "cloudflare:workers";

export default class Auth extends WorkerEntrypoint {
  async check(user) {
    return (await this.env.USERS.get(user)) === "active";
  }
  fetch() {
    return new Response("auth");
  }
}
