package dev.miniflare.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miniflare.Miniflare;
import dev.miniflare.http.Json;
import dev.miniflare.http.Request;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTMLRewriter against outputs recorded on workerd (via Miniflare 4): handlers, selectors, content options, and
 * byte-for-byte preservation of everything no handler touched.
 */
class HtmlRewriterTest {
  static Miniflare mf;

  @BeforeAll
  static void start() {
    mf = Miniflare.builder().worker(w -> w.modules(true).unsafeEval(true).script(
        "export default { async fetch(req) { const { html, setup } = await req.json(); const log = [];"
            + " try { let rw = new HTMLRewriter(); rw = (new Function('rw', 'log', setup))(rw, log) || rw;"
            + " const out = await rw.transform(new Response(html, { headers: { 'x-kept': '1' } })).text();"
            + " return Response.json({ out, log }); }"
            + " catch (e) { return Response.json({ error: e.name + ': ' + e.message, log }); } } }")).build();
  }

  @AfterAll
  static void stop() {
    mf.close();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> rewrite(String html, String setup) {
    String body = Json.write(Map.of("html", html, "setup", setup));
    return mf.dispatchFetch(Request.post("http://localhost/", body)).json(Map.class);
  }

  static String out(String html, String setup) {
    Map<String, Object> r = rewrite(html, setup);
    assertThat(r).doesNotContainKey("error");
    return (String) r.get("out");
  }

  static Object log(String html, String setup) {
    Map<String, Object> r = rewrite(html, setup);
    assertThat(r).doesNotContainKey("error");
    return r.get("log");
  }

  static String error(String setup) {
    return (String) rewrite("<p>x</p>", setup).get("error");
  }

  @Test
  void untouchedInputIsByteIdentical() {
    String html = "<!doctype HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">\r\n<HTML LANG=en><Head >"
        + "<META charset=utf-8 ><title>a &amp; b < c</title></head>\n<body   class = 'x'  data-a=b/c >"
        + "<!-- comment --><!----><!x><?pi?><P>para<BR/><img src=a.png alt=\"q'uote\"></P>"
        + "<script>if (a < b && c > d) document.write('</p>')</script><style>p > a { color: red }</style>"
        + "<svg viewBox='0 0 1 1'><![CDATA[ x<y ]]><path d='M0'/></svg></div></> text < more & é 😀";
    assertThat(out(html, "rw.on('*', { element() {}, text() {}, comments() {} })"
        + ".onDocument({ doctype() {}, text() {}, comments() {}, end() {} })")).isEqualTo(html);
    assertThat(out(html, "")).isEqualTo(html);
  }

  @Test
  void elementHandlersEditAttributesAndTagNames() {
    assertThat(out("<DIV Class=A>x</DIV>", "rw.on('div', { element(e) { log.push(e.tagName, [...e.attributes],"
        + " e.getAttribute('CLASS'), e.hasAttribute('class'), e.namespaceURI); e.tagName = 'span'; } })"))
        .isEqualTo("<span Class=A>x</span>");
    assertThat(log("<DIV Class=A>x</DIV>", "rw.on('div', { element(e) { log.push(e.tagName, [...e.attributes],"
        + " e.getAttribute('CLASS'), e.hasAttribute('class'), e.namespaceURI); } })"))
        .isEqualTo(List.of("div", List.of(List.of("class", "A")), "A", true, "http://www.w3.org/1999/xhtml"));
    // a changed start tag is re-serialised: untouched attributes keep their source text, new ones are quoted
    assertThat(out("<A Class=x  Y='a\"b' z><br/><p>", "rw.on('*', { element(e) { e.setAttribute('NEW', '1'); } })"))
        .isEqualTo("<A Class=x Y='a\"b' z new=\"1\"><br new=\"1\" /><p new=\"1\">");
    assertThat(out("<a x=1 y='2' z>t</a>", "rw.on('a', { element(e) { e.setAttribute('x', 'n\"&<');"
        + " e.removeAttribute('y'); e.setAttribute('Z', 'v'); } })")).isEqualTo("<a x=\"n&quot;&<\" z=\"v\">t</a>");
    assertThat(out("<DIV>x</DIV >", "rw.on('div', { element(e) { e.tagName = 'p'; } })")).isEqualTo("<p>x</p>");
    assertThat(error("rw.on('p', { element(e) { e.setAttribute('a b', '1'); } })"))
        .isEqualTo("TypeError: Parser error: ` ` character is forbidden in the attribute name");
  }

  @Test
  void contentInsertionOrderAndEscaping() {
    assertThat(out("<div>x</div>", "rw.on('div', { element(e) { e.before('1'); e.before('2'); e.after('3');"
        + " e.after('4'); e.prepend('5'); e.prepend('6'); e.append('7'); e.append('8'); } })"))
        .isEqualTo("12<div>65x78</div>43");
    assertThat(out("<div>a</div>", "rw.on('div', { element(e) { e.before('<b>&'); e.after('<i>', { html: true }); } })"))
        .isEqualTo("&lt;b&gt;&amp;<div>a</div><i>");
    assertThat(out("<div>a<b>c</b></div>", "rw.on('div', { element(e) { e.prepend('Y'); e.append('Z');"
        + " e.setInnerContent('<i>x</i>', { html: true }); e.prepend('W'); e.append('V'); } })"))
        .isEqualTo("<div>W<i>x</i>V</div>");
    assertThat(out("<div>a</div>", "rw.on('div', { element(e) { e.setInnerContent('<x>'); } })"))
        .isEqualTo("<div>&lt;x&gt;</div>");
  }

  @Test
  void removalVariants() {
    assertThat(out("<div><p>a</p></div>after", "rw.on('div', { element(e) { e.replace('<r>', { html: true });"
        + " e.before('B'); e.after('A'); } })")).isEqualTo("B<r>Aafter");
    assertThat(out("<div a=1><p>a</p></div>", "rw.on('div', { element(e) { e.removeAndKeepContent(); e.before('B');"
        + " e.after('A'); e.prepend('P'); e.append('Q'); } })")).isEqualTo("BP<p>a</p>QA");
    // handlers still run inside removed content, and nested elements report removed
    assertThat(rewrite("<div><p>a</p><!--c--></div>", "rw.on('div', { element(e) { log.push(e.removed); e.remove();"
        + " log.push(e.removed); } }).on('p', { element(e) { log.push('p ' + e.removed); }, text(t) { log.push('t' + t.text); } })"
        + ".onDocument({ comments(c) { log.push('c' + c.text); } })"))
        .containsEntry("out", "").containsEntry("log", List.of(false, true, "p true", "ta", "t", "cc"));
    assertThat(out("<div>a</div>", "rw.on('div', { element(e) { e.replace('1'); e.replace('2'); e.remove(); } })"))
        .isEqualTo("2");
  }

  @Test
  void endTagHandlers() {
    assertThat(rewrite("<div><span>x</div>", "rw.on('*', { element(e) { const n = e.tagName; e.onEndTag((end) => {"
        + " log.push(n + ':' + end.name); end.before('[b' + n + ']'); end.after('[a' + n + ']', { html: true });"
        + " if (n === 'span') end.name = 'SPAN2'; }); } })"))
        .containsEntry("out", "<div><span>x[bspan][bdiv]</SPAN2>[adiv][aspan]")
        .containsEntry("log", List.of("span:div", "div:span2"));
    assertThat(out("<div>x</div>", "rw.on('div', { element(e) { e.onEndTag((end) => { end.remove(); end.before('<b>'); }); } })"))
        .isEqualTo("<div>x&lt;b&gt;");
    assertThat(rewrite("<img src=x><br/>", "rw.on('*', { element(e) { e.append('[app]'); e.after('[after]');"
        + " try { e.onEndTag(() => {}); } catch (err) { log.push(err.name + ': ' + err.message); } } })"))
        .containsEntry("out", "<img src=x>[after]<br/>[after]")
        .containsEntry("log", List.of("TypeError: Parser error: No end tag.", "TypeError: Parser error: No end tag."));
    // an unclosed element's end-tag edits go to the end tag that closes it
    assertThat(out("<div><span>a</div>b", "rw.on('span', { element(e) { e.after('[after]'); e.append('[app]'); } })"))
        .isEqualTo("<div><span>a[app]</div>[after]b");
  }

  @Test
  void textChunksEndWithAnEmptyLastChunk() {
    assertThat(log("<p>a<b>c</b>d</p>x", "rw.on('p', { text(t) { log.push([t.text, t.lastInTextNode]); } })"))
        .isEqualTo(List.of(List.of("a", false), List.of("", true), List.of("c", false), List.of("", true),
            List.of("d", false), List.of("", true)));
    assertThat(log("a < b <1 &lt; z", "rw.onDocument({ text(t) { log.push(t.text); } })"))
        .isEqualTo(List.of("a ", "<", " b ", "<", "1 &lt; z", ""));
    assertThat(out("<p>ab</p>", "rw.on('p', { text(t) { if (t.text) { t.before('<1>'); t.after('<2>', { html: true });"
        + " t.replace('<3>', { html: true }); } else { t.before('[last]'); } } })"))
        .isEqualTo("<p>&lt;1&gt;<3><2>[last]</p>");
    assertThat(out("<p>ab</p>", "rw.on('p', { text(t) { t.remove(); } })")).isEqualTo("<p></p>");
    // element-scoped handlers run in registration order, document handlers after them
    assertThat(log("<div><div>t</div></div>", "rw.on('div', { text(t) { log.push('div:' + t.text); } })"
        + ".onDocument({ text(t) { log.push('doc:' + t.text); } }).on('*', { text(t) { log.push('any:' + t.text); } })"))
        .isEqualTo(List.of("div:t", "any:t", "doc:t", "div:", "any:", "doc:"));
  }

  @Test
  void scriptStyleAndTitleAreRawText() {
    assertThat(log("<script>if (a<b) x='</p>'</script><style>p>a{}</style><title>a<b>&amp;</title>",
        "rw.on('p', { element(e) { log.push('p'); } }).onDocument({ text(t) { log.push(t.text); } })"))
        .isEqualTo(List.of("if (a", "<", "b) x='", "</p", ">'", "", "p>a{}", "", "a", "<", "b>&amp;", ""));
  }

  @Test
  void commentsDoctypeAndDocumentEnd() {
    assertThat(rewrite("<!-- a --><!---->", "rw.onDocument({ comments(c) { log.push([c.text, c.removed]);"
        + " c.text = c.text + '!'; c.before('<b>'); c.after('x', { html: true }); } })"))
        .containsEntry("out", "&lt;b&gt;<!-- a !-->x&lt;b&gt;<!--!-->x")
        .containsEntry("log", List.of(List.of(" a ", false), List.of("", false)));
    assertThat(rewrite("<!doctype HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"http://www.w3.org/TR/html4/strict.dtd\">"
        + "<!DOCTYPE x>", "rw.onDocument({ doctype(d) { log.push([d.name, d.publicId, d.systemId]); },"
        + " end(e) { e.append('<!--end-->', { html: true }); e.append('&'); } })"))
        .containsEntry("out", "<!doctype HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"http://www.w3.org/TR/html4/strict.dtd\">"
            + "<!DOCTYPE x><!--end-->&amp;")
        .containsEntry("log", List.of(List.of("html", "-//W3C//DTD HTML 4.01//EN", "http://www.w3.org/TR/html4/strict.dtd"),
            java.util.Arrays.asList("x", null, null)));
    assertThat(log("<p><!--x--></p><!--y-->", "rw.on('p', { comments(c) { log.push(c.text); } })"))
        .isEqualTo(List.of("x"));
  }

  @Test
  void selectors() {
    String list = "<ul><li>1</li><li>2</li><!--c-->text<li>3</li><p>4</p><li>5</li></ul>";
    assertThat(log(list, "rw.on('li:nth-child(2n+1)', { element(e) { log.push('odd'); } })"
        + ".on('li:nth-of-type(2)', { element(e) { log.push('t2'); } }).on('li:first-child', { element(e) { log.push('fc'); } })"
        + ".on('li:first-of-type', { element(e) { log.push('fot'); } }).on(':nth-child(-n+2)', { element(e) { log.push('le2 ' + e.tagName); } })"
        + ".on('li:nth-child(even)', { element(e) { log.push('even'); } }).on('li:not(:first-child)', { element(e) { log.push('nfc'); } })"))
        .isEqualTo(List.of("le2 ul", "odd", "fc", "fot", "le2 li", "t2", "le2 li", "even", "nfc", "odd", "nfc", "odd", "nfc"));
    assertThat(log("<a href='HTTP://x.com/y' lang='en-US' class=' a  b ' data-x>t</a>",
        "for (const s of [\"[href^='http' i]\", \"[href^='http']\", '[lang|=en]', '[class~=b]', '.a.b', '[href$=y]',"
            + " \"[href*='x.c']\", 'a[data-x]', \"[data-x='']\", 'A', '#a', 'a, b', '*', \"[lang='EN-US']\", \"[lang='EN-US' s]\"])"
            + " rw.on(s, { element(e) { log.push(s); } })"))
        .isEqualTo(List.of("[href^='http' i]", "[lang|=en]", "[class~=b]", ".a.b", "[href$=y]", "[href*='x.c']",
            "a[data-x]", "[data-x='']", "A", "a, b", "*", "[lang='EN-US']"));
    assertThat(log("<div><p><span>x</span></p><span>y</span></div>", "rw.on('div > span', { element(e) { log.push('child'); } })"
        + ".on('div span', { element(e) { log.push('desc'); } }).on('div>p>span', { element(e) { log.push('chain'); } })"))
        .isEqualTo(List.of("desc", "chain", "child", "desc"));
    assertThat(log("<P ID=Main CLASS=Foo>x</P>", "rw.on('#Main', { element() { log.push('id'); } })"
        + ".on('#main', { element() { log.push('idlower'); } }).on('.Foo', { element() { log.push('cls'); } })"
        + ".on('.foo', { element() { log.push('clslower'); } })")).isEqualTo(List.of("id", "cls"));
  }

  @Test
  void invalidSelectorsThrowLikeWorkerd() {
    assertThat(error("rw.on('p:hover', {})")).isEqualTo("TypeError: Parser error: Unsupported pseudo-class or pseudo-element in selector.");
    assertThat(error("rw.on('p::before', {})")).isEqualTo("TypeError: Parser error: Unsupported pseudo-class or pseudo-element in selector.");
    assertThat(error("rw.on('p +', {})")).isEqualTo("TypeError: Parser error: Dangling combinator in selector.");
    assertThat(error("rw.on('', {})")).isEqualTo("TypeError: Parser error: The selector is empty.");
    assertThat(error("rw.on('p ~ a', {})")).isEqualTo("TypeError: Parser error: Unsupported combinator `~` in selector.");
    assertThat(error("rw.on('[', {})")).isEqualTo("TypeError: Parser error: Unexpected end of selector.");
    assertThat(error("rw.on('ns|p', {})")).isEqualTo("TypeError: Parser error: Selectors with explicit namespaces are not supported.");
    assertThat(error("rw.on('p..a', {})")).isEqualTo("TypeError: Parser error: Invalid or unescaped class name in selector.");
    assertThat(error("rw.on('p[x!=a]', {})")).isEqualTo("TypeError: Parser error: Unexpected token in the attribute selector.");
    assertThat(error("rw.on('p', 5)"))
        .isEqualTo("TypeError: Failed to execute 'on' on 'HTMLRewriter': parameter 2 is not of type 'ElementContentHandlers'.");
    assertThat(error("rw.on('p', { element: 5 })")).isEqualTo("TypeError: Incorrect type for the 'element' field on"
        + " 'ElementContentHandlers': the provided value is not of type 'function'.");
    assertThat(error("rw.transform('x')"))
        .isEqualTo("TypeError: Failed to execute 'transform' on 'HTMLRewriter': parameter 1 is not of type 'Response'.");
  }

  @Test
  void asyncHandlersAreAwaitedInOrder() {
    assertThat(rewrite("<p>a</p><p>b</p>", "rw.on('p', { async element(e) { await new Promise((r) => setTimeout(r, 2));"
        + " log.push('el'); e.setAttribute('x', '1'); }, async text(t) { await new Promise((r) => setTimeout(r, 1));"
        + " log.push('t' + t.text); if (t.text) t.replace('T'); } })"))
        .containsEntry("out", "<p x=\"1\">T</p><p x=\"1\">T</p>")
        .containsEntry("log", List.of("el", "ta", "t", "el", "tb", "t"));
    assertThat(out("<p>a</p>", "rw.on('p', { element(e) { e.onEndTag(async (end) => { await null; end.after('!'); }); } })"
        + ".onDocument({ async end(e) { await null; e.append('E'); } })")).isEqualTo("<p>a</p>!E");
  }

  @Test
  void handlerErrorsAndStaleTokens() {
    assertThat(error("rw.on('p', { element(e) { throw new Error('boom'); } })")).isEqualTo("Error: boom");
    assertThat(log("<p>a</p>", "let saved; rw.on('p', { element(e) { saved = e; }, text(t) {"
        + " try { saved.tagName; log.push('ok'); } catch (err) { log.push(err.message); } } })"))
        .isEqualTo(List.of("This content token is no longer valid. Content tokens are only valid during the execution"
            + " of the relevant content handler.", "This content token is no longer valid. Content tokens are only valid"
            + " during the execution of the relevant content handler."));
    assertThat(out("<p>a</p>", "class H { constructor() { this.n = 'N'; } element(e) { e.setAttribute('n', this.n); } }"
        + " rw.on('p', new H())")).isEqualTo("<p n=\"N\">a</p>");
  }

  @Test
  void transformKeepsStatusAndHeaders() {
    Map<?, ?> r = mf.dispatchFetch(Request.post("http://localhost/", "{\"html\":\"<p>x</p>\",\"setup\":\"\"}")).json(Map.class);
    assertThat(r.get("out")).isEqualTo("<p>x</p>");
    try (Miniflare m = Miniflare.builder().worker(w -> w.modules(true).unsafeEval(true).script(
        "export default { fetch() { return new HTMLRewriter().on('p', { element(e) { e.setAttribute('a', 'b'); } })"
            + ".transform(new Response('<p>x</p>', { status: 404, headers: { 'content-type': 'text/html', 'x-h': 'v' } })); } }"))
        .build()) {
      dev.miniflare.http.Response res = m.dispatchFetch(Request.get("http://localhost/"));
      assertThat(res.status()).isEqualTo(404);
      assertThat(res.header("x-h")).isEqualTo("v");
      assertThat(res.text()).isEqualTo("<p a=\"b\">x</p>");
    }
  }

  /** A realistic page with many handlers; the expected text (output and handler log) was recorded on workerd. */
  @Test
  void realisticPageMatchesWorkerd() throws Exception {
    String script = resource("/html/rewrite-page.js");
    try (Miniflare m = Miniflare.builder().worker(w -> w.modules(true).unsafeEval(true).script(script)).build()) {
      assertThat(m.dispatchFetch(Request.get("http://localhost/")).text())
          .isEqualTo(resource("/html/rewrite-page.expected.txt"));
    }
  }

  private static String resource(String path) throws java.io.IOException {
    try (java.io.InputStream in = HtmlRewriterTest.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
