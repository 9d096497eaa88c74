// Service-worker format: bindings are globals. NUMBERS is the same namespace the main worker calls COUNTS.
addEventListener("fetch", (event) => {
  event.respondWith(handleRequest());
});

async function handleRequest() {
  const count = parseInt((await NUMBERS.get("count")) ?? "0") + 1;
  await NUMBERS.put("count", String(count));
  return new Response(String(count));
}
