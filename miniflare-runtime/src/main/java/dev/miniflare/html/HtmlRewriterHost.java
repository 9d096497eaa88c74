package dev.miniflare.html;

import org.graalvm.polyglot.HostAccess;

/**
 * Host primitives for the runtime's {@code html-rewriter.js}: tokenizing runs in Java (it is a tight character
 * loop, much faster than interpreted JS) while handler dispatch and output assembly run in JS, where handlers
 * may be async.
 */
public final class HtmlRewriterHost {
  /** Creates the host object; it is stateless. */
  public HtmlRewriterHost() {
  }

  /** The tokens of a whole document as JSON; see {@link HtmlTokenizer}. */
  @HostAccess.Export
  public String tokenize(String html) {
    return HtmlTokenizer.tokenize(html);
  }
}
