package dev.miniflare.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits an HTML document into the lexical tokens {@code HTMLRewriter} works on, each with its source span, so the
 * rewriter can copy every untouched token byte-for-byte.
 *
 * <p>Like lol-html this is a tokenizer, not a tree builder: it only simulates the parts of tree construction that
 * change how later input is tokenized (raw-text elements such as {@code <script>}, {@code <style>} and
 * {@code <title>}, {@code <plaintext>}, and SVG/MathML foreign content, where CDATA sections and self-closing tags
 * exist). Text is reported in chunks split where lol-html splits it (at every {@code <} that does not start
 * markup), followed by an end-of-text-node marker.
 *
 * <p>The token list is returned as JSON (one call across the host boundary instead of one per token); offsets are
 * UTF-16 indexes into the input string. Token shapes:
 * <ul>
 *   <li>{@code [1, start, end]} a text chunk; {@code [2]} the end of a text node (lol-html's empty last chunk)</li>
 *   <li>{@code [3, start, end, name, selfClosing, ns, [rawName, value, attrStart, attrEnd, ...]]} a start tag
 *       ({@code name} lower-cased; {@code ns} 0 = HTML, 1 = SVG, 2 = MathML)</li>
 *   <li>{@code [4, start, end, name]} an end tag</li>
 *   <li>{@code [5, start, end, textStart, textEnd]} a comment (also bogus comments such as {@code <?x>})</li>
 *   <li>{@code [6, start, end, name, publicId, systemId]} a doctype (missing parts are null)</li>
 *   <li>{@code [7, start, end]} other markup copied as is ({@code </>}, CDATA delimiters, a tag cut off by EOF)</li>
 * </ul>
 */
public final class HtmlTokenizer {
  private static final int DATA = 0;
  private static final int RCDATA = 1;
  private static final int RAWTEXT = 2;
  private static final int SCRIPT = 3;
  private static final int PLAINTEXT = 4;

  /** Start tags that leave SVG/MathML content (HTML "breakout" elements). */
  private static final Set<String> BREAKOUT = Set.of("b", "big", "blockquote", "body", "br", "center", "code", "dd",
      "div", "dl", "dt", "em", "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li",
      "listing", "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span", "strong", "strike", "sub",
      "sup", "table", "tt", "u", "ul", "var");
  private static final Set<String> SVG_HTML_POINTS = Set.of("foreignobject", "desc", "title");
  private static final Set<String> MATH_HTML_POINTS = Set.of("mi", "mo", "mn", "ms", "mtext", "annotation-xml");

  private final String s;
  private final int n;
  private final StringBuilder out = new StringBuilder();
  private boolean first = true;
  private int chunkStart = -1;
  private boolean inTextNode;
  private int state = DATA;
  private String rawEndName;
  /** In script data, the index of the {@code >} that ends a {@code <!--} section, or -1. */
  private int scriptEscapeEnd = -1;
  /** Open SVG/MathML elements as (name, ns) pairs; empty means HTML content. */
  private final List<Object[]> foreign = new ArrayList<>();

  private HtmlTokenizer(String s) {
    this.s = s;
    this.n = s.length();
  }

  /** Tokenizes a whole document; see the class comment for the JSON shape. */
  public static String tokenize(String html) {
    HtmlTokenizer t = new HtmlTokenizer(html);
    t.out.append('[');
    t.run();
    t.out.append(']');
    return t.out.toString();
  }

  private void run() {
    int i = 0;
    while (i < n) {
      switch (state) {
        case PLAINTEXT -> {
          text(i);
          i = n;
        }
        case DATA -> i = data(i);
        default -> i = rawText(i);
      }
    }
    endTextNodeAt(n);
  }

  // --- text ----------------------------------------------------------------------------------------------------

  private void text(int i) {
    if (chunkStart < 0) {
      chunkStart = i;
    }
  }

  private void flushChunk(int end) {
    if (chunkStart >= 0 && end > chunkStart) {
      token().append("[1,").append(chunkStart).append(',').append(end).append(']');
      inTextNode = true;
    }
    chunkStart = -1;
  }

  /** A chunk of its own for characters that looked like markup but were not (lol-html emits them separately). */
  private void looseChunk(int start, int end) {
    flushChunk(start);
    chunkStart = start;
    flushChunk(end);
  }

  /** Ends the current text node at {@code pos}: flushes the pending chunk, then the end-of-node marker. */
  private void endTextNodeAt(int pos) {
    flushChunk(pos);
    if (inTextNode) {
      token().append("[2]");
      inTextNode = false;
    }
  }

  private StringBuilder token() {
    if (!first) {
      out.append(',');
    }
    first = false;
    return out;
  }

  // --- data state ----------------------------------------------------------------------------------------------

  private int data(int i) {
    int lt = s.indexOf('<', i);
    if (lt < 0) {
      text(i);
      return n;
    }
    if (lt > i) {
      text(i);
    }
    if (lt + 1 >= n) {
      looseChunk(lt, n);
      return n;
    }
    char c = s.charAt(lt + 1);
    if (isAlpha(c)) {
      return startTag(lt);
    }
    if (c == '/') {
      if (lt + 2 >= n) {
        looseChunk(lt, n);
        return n;
      }
      char d = s.charAt(lt + 2);
      if (isAlpha(d)) {
        return endTag(lt);
      }
      endTextNodeAt(lt);
      if (d == '>') {
        other(lt, lt + 3);
        return lt + 3;
      }
      return bogusComment(lt, lt + 2);
    }
    if (c == '!') {
      endTextNodeAt(lt);
      if (s.startsWith("<!--", lt)) {
        return comment(lt);
      }
      if (s.regionMatches(true, lt + 2, "doctype", 0, 7)) {
        return doctype(lt);
      }
      if (inForeignContent() && s.startsWith("<![CDATA[", lt)) {
        return cdata(lt);
      }
      return bogusComment(lt, lt + 2);
    }
    if (c == '?') {
      endTextNodeAt(lt);
      return bogusComment(lt, lt + 1);
    }
    looseChunk(lt, lt + 1);
    return lt + 1;
  }

  /** RCDATA, RAWTEXT and script data: text until the matching end tag. */
  private int rawText(int i) {
    int lt = s.indexOf('<', i);
    if (scriptEscapeEnd >= i && (lt < 0 || scriptEscapeEnd < lt)) {
      text(i);
      flushChunk(scriptEscapeEnd);
      chunkStart = scriptEscapeEnd;
      int next = scriptEscapeEnd;
      scriptEscapeEnd = -1;
      return next;
    }
    if (lt < 0) {
      text(i);
      return n;
    }
    if (lt > i) {
      text(i);
    }
    if (lt + 1 < n && s.charAt(lt + 1) == '/') {
      int j = lt + 2;
      while (j < n && isAlpha(s.charAt(j))) {
        j++;
      }
      if (j < n && s.regionMatches(true, lt + 2, rawEndName, 0, rawEndName.length())
          && j - lt - 2 == rawEndName.length() && isTagEnd(s.charAt(j))) {
        endTextNodeAt(lt);
        state = DATA;
        scriptEscapeEnd = -1;
        return endTag(lt);
      }
      looseChunk(lt, j);
      return j;
    }
    if (state == SCRIPT && s.startsWith("<!--", lt)) {
      // an escaped script section: lol-html keeps "<!--" in the chunk and splits again before the closing ">"
      flushChunk(lt);
      chunkStart = lt;
      int close = s.indexOf("-->", lt + 4);
      scriptEscapeEnd = close < 0 ? -1 : close + 2;
      return lt + 4;
    }
    looseChunk(lt, lt + 1);
    return lt + 1;
  }

  // --- markup --------------------------------------------------------------------------------------------------

  private int comment(int lt) {
    int j = lt + 4;
    int textEnd;
    int end;
    if (s.startsWith(">", j)) {
      textEnd = j;
      end = j + 1;
    } else if (s.startsWith("->", j)) {
      textEnd = j;
      end = j + 2;
    } else {
      int a = s.indexOf("-->", j);
      int b = s.indexOf("--!>", j);
      if (a < 0 && b < 0) {
        textEnd = n;
        end = n;
      } else if (b >= 0 && (a < 0 || b < a)) {
        textEnd = b;
        end = b + 4;
      } else {
        textEnd = a;
        end = a + 3;
      }
    }
    token().append("[5,").append(lt).append(',').append(end).append(',').append(j).append(',').append(textEnd)
        .append(']');
    return end;
  }

  private int bogusComment(int lt, int textStart) {
    int gt = s.indexOf('>', textStart);
    int textEnd = gt < 0 ? n : gt;
    int end = gt < 0 ? n : gt + 1;
    token().append("[5,").append(lt).append(',').append(end).append(',').append(textStart).append(',')
        .append(textEnd).append(']');
    return end;
  }

  private int cdata(int lt) {
    int start = lt + 9;
    int close = s.indexOf("]]>", start);
    int textEnd = close < 0 ? n : close;
    other(lt, start);
    if (textEnd > start) {
      chunkStart = start;
      endTextNodeAt(textEnd);
    }
    if (close >= 0) {
      other(close, close + 3);
      return close + 3;
    }
    return n;
  }

  private void other(int start, int end) {
    token().append("[7,").append(start).append(',').append(end).append(']');
  }

  private int doctype(int lt) {
    int gt = s.indexOf('>', lt);
    int end = gt < 0 ? n : gt + 1;
    int limit = gt < 0 ? n : gt;
    int j = skipSpace(lt + 9, limit);
    String name = null;
    String publicId = null;
    String systemId = null;
    if (j < limit) {
      int k = j;
      while (k < limit && !isSpace(s.charAt(k))) {
        k++;
      }
      name = s.substring(j, k).toLowerCase(Locale.ROOT);
      j = skipSpace(k, limit);
      if (s.regionMatches(true, j, "public", 0, 6)) {
        String[] id = new String[1];
        j = quoted(skipSpace(j + 6, limit), limit, id);
        publicId = id[0];
        id[0] = null;
        quoted(skipSpace(j, limit), limit, id);
        systemId = id[0];
      } else if (s.regionMatches(true, j, "system", 0, 6)) {
        String[] id = new String[1];
        quoted(skipSpace(j + 6, limit), limit, id);
        systemId = id[0];
      }
    }
    token().append("[6,").append(lt).append(',').append(end).append(',');
    json(name).append(',');
    json(publicId).append(',');
    json(systemId).append(']');
    return end;
  }

  /** Reads a quoted doctype identifier at {@code j} into {@code into[0]}; returns the index after it. */
  private int quoted(int j, int limit, String[] into) {
    if (j >= limit || (s.charAt(j) != '"' && s.charAt(j) != '\'')) {
      return j;
    }
    int close = s.indexOf(s.charAt(j), j + 1);
    if (close < 0 || close > limit) {
      close = limit;
    }
    into[0] = s.substring(j + 1, close);
    return Math.min(close + 1, limit);
  }

  private int startTag(int lt) {
    int j = lt + 1;
    while (j < n && !isTagEnd(s.charAt(j))) {
      j++;
    }
    String name = s.substring(lt + 1, j).toLowerCase(Locale.ROOT);
    StringBuilder attrs = new StringBuilder();
    boolean[] selfClosing = new boolean[1];
    int end = attributes(j, attrs, selfClosing);
    if (end < 0) {
      endTextNodeAt(lt);
      other(lt, n);
      return n;
    }
    endTextNodeAt(lt);
    int ns = namespaceFor(name, selfClosing[0]);
    token().append("[3,").append(lt).append(',').append(end).append(',');
    json(name).append(',').append(selfClosing[0] ? 1 : 0).append(',').append(ns).append(",[").append(attrs)
        .append("]]");
    if (ns == 0) {
      switch (name) {
        case "title", "textarea" -> rawState(RCDATA, name);
        case "style", "xmp", "iframe", "noembed", "noframes", "noscript" -> rawState(RAWTEXT, name);
        case "script" -> rawState(SCRIPT, name);
        case "plaintext" -> state = PLAINTEXT;
        default -> { }
      }
    }
    return end;
  }

  private void rawState(int st, String name) {
    state = st;
    rawEndName = name;
  }

  /**
   * The namespace of a start tag, updating the foreign-content stack. An HTML integration point (SVG
   * {@code foreignObject}, {@code desc}, {@code title}; MathML text elements) opens HTML content again and, like
   * in lol-html, is itself reported in the HTML namespace unless it is self-closing.
   */
  private int namespaceFor(String name, boolean selfClosing) {
    int current = foreign.isEmpty() ? 0 : (Integer) foreign.get(foreign.size() - 1)[1];
    int ns;
    if (current == 0) {
      ns = name.equals("svg") ? 1 : name.equals("math") ? 2 : 0;
    } else if (BREAKOUT.contains(name)) {
      while (!foreign.isEmpty() && (Integer) foreign.get(foreign.size() - 1)[1] != 0) {
        foreign.remove(foreign.size() - 1);
      }
      return 0;
    } else if (!selfClosing && (current == 1 ? SVG_HTML_POINTS : MATH_HTML_POINTS).contains(name)) {
      ns = 0;
      foreign.add(new Object[] {name, 0});
      return ns;
    } else {
      ns = current;
    }
    if (ns != 0 && !selfClosing) {
      foreign.add(new Object[] {name, ns});
    }
    return ns;
  }

  private boolean inForeignContent() {
    return !foreign.isEmpty() && (Integer) foreign.get(foreign.size() - 1)[1] != 0;
  }

  private int endTag(int lt) {
    int j = lt + 2;
    while (j < n && !isTagEnd(s.charAt(j))) {
      j++;
    }
    String name = s.substring(lt + 2, j).toLowerCase(Locale.ROOT);
    int end = attributes(j, null, new boolean[1]);
    endTextNodeAt(lt);
    if (end < 0) {
      other(lt, n);
      return n;
    }
    for (int k = foreign.size() - 1; k >= 0; k--) {
      if (foreign.get(k)[0].equals(name)) {
        foreign.subList(k, foreign.size()).clear();
        break;
      }
    }
    token().append("[4,").append(lt).append(',').append(end).append(',');
    json(name).append(']');
    return end;
  }

  /**
   * Parses attributes from {@code j} to the closing {@code >}, appending {@code rawName, value, start, end} per
   * attribute to {@code attrs} (when not null). Returns the index after {@code >}, or -1 if the input ends first.
   */
  private int attributes(int j, StringBuilder attrs, boolean[] selfClosing) {
    boolean firstAttr = true;
    while (true) {
      while (j < n && isSpace(s.charAt(j))) {
        j++;
      }
      if (j >= n) {
        return -1;
      }
      char c = s.charAt(j);
      if (c == '>') {
        return j + 1;
      }
      if (c == '/') {
        if (j + 1 < n && s.charAt(j + 1) == '>') {
          selfClosing[0] = true;
          return j + 2;
        }
        j++;
        continue;
      }
      int nameStart = j;
      j++; // the first character may be '=' (an odd but valid attribute name)
      while (j < n && !isTagEnd(s.charAt(j)) && s.charAt(j) != '=') {
        j++;
      }
      int nameEnd = j;
      int rawEnd = nameEnd;
      int valueStart = nameEnd;
      int valueEnd = nameEnd;
      int k = j;
      while (k < n && isSpace(s.charAt(k))) {
        k++;
      }
      if (k < n && s.charAt(k) == '=') {
        k++;
        rawEnd = k;
        while (k < n && isSpace(s.charAt(k))) {
          k++;
        }
        if (k >= n) {
          return -1;
        }
        char q = s.charAt(k);
        if (q == '"' || q == '\'') {
          int close = s.indexOf(q, k + 1);
          if (close < 0) {
            return -1;
          }
          valueStart = k + 1;
          valueEnd = close;
          rawEnd = close + 1;
          j = close + 1;
        } else if (q == '>') {
          valueStart = valueEnd = rawEnd;
          j = k;
        } else {
          int e = k;
          while (e < n && !isSpace(s.charAt(e)) && s.charAt(e) != '>') {
            e++;
          }
          valueStart = k;
          valueEnd = e;
          rawEnd = e;
          j = e;
        }
      }
      if (attrs != null) {
        if (!firstAttr) {
          attrs.append(',');
        }
        firstAttr = false;
        jsonAppend(attrs, s.substring(nameStart, nameEnd)).append(',');
        jsonAppend(attrs, s.substring(valueStart, valueEnd)).append(',').append(nameStart).append(',')
            .append(rawEnd);
      }
    }
  }

  // --- helpers -------------------------------------------------------------------------------------------------

  private static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  }

  private static boolean isTagEnd(char c) {
    return isSpace(c) || c == '/' || c == '>';
  }

  private int skipSpace(int j, int limit) {
    while (j < limit && isSpace(s.charAt(j))) {
      j++;
    }
    return j;
  }

  private StringBuilder json(String v) {
    return v == null ? out.append("null") : jsonAppend(out, v);
  }

  private static StringBuilder jsonAppend(StringBuilder b, String v) {
    b.append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c == '\u2028' || c == '\u2029') {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"');
  }
}
