package dev.miniflare;

import dev.miniflare.http.Request;
import java.util.Map;

/**
 * The harness of the sandbox tests: a module worker (with {@code unsafeEval}) that evaluates each request's body
 * and answers {@code {ok: String(value)}} or {@code {error, message}}.
 */
public final class EvalProbe {
  /** The worker's source. */
  public static final String SCRIPT = "export default { async fetch(req) {"
      + " const code = await req.text();"
      + " try { const v = await (0, eval)(code); return Response.json({ ok: String(v) }); }"
      + " catch (e) { return Response.json({ error: e.name, message: e.message }); } } }";

  private EvalProbe() {}

  /** Evaluates {@code code} in the probe worker of {@code mf} and returns its answer. */
  @SuppressWarnings("unchecked")
  public static Map<String, String> run(Miniflare mf, String code) {
    return mf.dispatchFetch(Request.post("http://localhost/", code)).json(Map.class);
  }
}
