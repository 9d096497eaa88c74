const page = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name=viewport content="width=device-width, initial-scale=1">
  <title>Example &mdash; Page</title>
  <link rel=stylesheet href="/style.css">
  <style>body > p { margin: 0 } a[href^="http"]::after { content: "<>" }</style>
  <script type="module">import x from "./x.js"; if (1 < 2 && 3 > 2) { console.log("</div>"); }</script>
</head>
<body class="home page" data-id=42>
  <header id=top><nav><ul>
    <li class=active><a href="/">Home</a>
    <li><a href="/about" target=_blank>About</a>
    <li><a href="https://example.com/x?a=1&amp;b=2">Ext</a>
  </ul></nav></header>
  <main>
    <h1>Hello,   <em>world</em>!</h1>
    <p>Some <b>bold</b> and <i>italic</i> text. 3 < 5 and 5 > 3.</p>
    <p class="note warn">Note: <code>&lt;div&gt;</code></p>
    <table><tr><td>1<td>2</tr><tr><td>3</table>
    <form action="/s"><input name=q value='a "b"'><select><option selected>x<option>y</select><textarea><b>raw</b></textarea></form>
    <img src=a.png alt=""><br><hr/>
    <svg width="10"><circle r="5"/><text>svg text</text></svg>
    <!-- footer next -->
  </main>
  <footer><p>&copy; 2024</p></footer>
</body>
</html>
`;
export default { async fetch() {
  const log = [];
  const el = (s) => ({ element(e) { log.push("E " + s + " " + e.tagName + " " + JSON.stringify([...e.attributes]) + " " + e.removed); }, text(t) { log.push("T " + s + " " + JSON.stringify(t.text) + t.lastInTextNode); }, comments(c) { log.push("C " + s + " " + c.text); } });
  let rw = new HTMLRewriter();
  for (const s of ["li a", "ul > li:nth-child(2)", "p.note", "td", "option", "main p:first-of-type", "svg text", "[href*=example]", "input[value]", "h1 em", "textarea", "header *:not(a)", "li:nth-of-type(3) a"]) rw = rw.on(s, el(s));
  rw = rw.on("a", { element(e) { e.setAttribute("rel", "noopener"); e.prepend("[", {html:true}); e.append("]"); } })
    .on("p", { text(t) { if (t.text.includes("bold")) t.replace("BOLD"); } })
    .on("h1", { element(e) { e.setInnerContent("<span>New</span>", { html: true }); } })
    .on("table", { element(e) { e.removeAndKeepContent(); } })
    .on("td", { element(e) { e.onEndTag((end) => { end.after("|"); }); } })
    .on("img", { element(e) { e.replace("<picture></picture>", { html: true }); } })
    .on("select", { element(e) { e.remove(); } })
    .onDocument({ comments(c) { c.text = " changed "; }, doctype(d) { log.push("D " + d.name); }, end(e) { e.append("\n<!-- end -->", { html: true }); } });
  const out = await rw.transform(new Response(page)).text();
  return new Response(out + "\n=====\n" + log.join("\n"));
} };
