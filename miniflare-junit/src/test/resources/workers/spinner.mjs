export default {
  fetch(req) {
    if (req.url.endsWith("/spin")) {
      while (true) {}
    }
    return new Response("ok");
  },
};
