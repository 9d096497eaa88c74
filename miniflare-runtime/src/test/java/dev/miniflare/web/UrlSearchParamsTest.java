package dev.miniflare.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.graalvm.polyglot.PolyglotException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Focused behaviour of {@code URLSearchParams} from {@code url.js}. */
class UrlSearchParamsTest {
  private static JsTestSupport js;

  @BeforeAll
  static void setUp() {
    js = JsTestSupport.loadWithHost(new UrlHost(), "url.js");
  }

  @AfterAll
  static void tearDown() {
    js.close();
  }

  private static String eval(String code) {
    return js.eval("{\n" + code + "\n}").toString(); // a block, so that const/let do not clash between tests
  }

  @Test
  void spaceSerialisesAsPlusAndPlusAsPercent2B() {
    assertThat(eval("new URLSearchParams({ 'a b': 'c d+e' }).toString()")).isEqualTo("a+b=c+d%2Be");
    assertThat(eval("new URLSearchParams('a+b=c%20d%2Be').get('a b')")).isEqualTo("c d+e");
    assertThat(eval("new URLSearchParams('q=c+d').get('q')")).isEqualTo("c d");
  }

  @Test
  void formEncodingKeepsOnlyUnreservedCharacters() {
    assertThat(eval("new URLSearchParams([['k', \"*-._ !'()~&=/?#é€😀\"]]).toString()"))
        .isEqualTo("k=*-._+%21%27%28%29%7E%26%3D%2F%3F%23%C3%A9%E2%82%AC%F0%9F%98%80");
  }

  @Test
  void parsingDecodesUtf8AndReplacesInvalidSequences() {
    assertThat(eval("new URLSearchParams('a=%C3%A9%E2%82%AC').get('a')")).isEqualTo("é€");
    assertThat(eval("new URLSearchParams('a=%FF%C3').get('a')")).isEqualTo("\uFFFD\uFFFD");
    assertThat(eval("new URLSearchParams('a=%zz%4').get('a')")).isEqualTo("%zz%4");
    assertThat(eval("JSON.stringify([...new URLSearchParams('?&a&=b&&c=d=e&')])"))
        .isEqualTo("[[\"a\",\"\"],[\"\",\"b\"],[\"c\",\"d=e\"]]");
  }

  @Test
  void constructorAcceptsStringRecordSequenceAndOtherParams() {
    assertThat(eval("new URLSearchParams('?x=1&y=2').toString()")).isEqualTo("x=1&y=2");
    assertThat(eval("new URLSearchParams({ x: 1, y: true }).toString()")).isEqualTo("x=1&y=true");
    assertThat(eval("new URLSearchParams([['x', '1'], ['x', '2']]).getAll('x').join()")).isEqualTo("1,2");
    assertThat(eval("new URLSearchParams(new URLSearchParams('a=1&a=2')).toString()")).isEqualTo("a=1&a=2");
    assertThat(eval("new URLSearchParams(new Map([['m', 'n']])).toString()")).isEqualTo("m=n");
    assertThat(eval("new URLSearchParams().toString()")).isEqualTo("");
    assertThat(eval("new URLSearchParams(undefined).size")).isEqualTo("0");
    assertThat(eval("try { new URLSearchParams([['a']]); 'no' } catch (e) { e.constructor.name }"))
        .isEqualTo("TypeError");
    assertThat(eval("try { new URLSearchParams([['a', 'b', 'c']]); 'no' } catch (e) { e.constructor.name }"))
        .isEqualTo("TypeError");
  }

  @Test
  void lonesurrogatesBecomeReplacementCharacters() {
    assertThat(eval("new URLSearchParams([['\\uD800', '\\uDC00x']]).toString()"))
        .isEqualTo("%EF%BF%BD=%EF%BF%BDx");
  }

  @Test
  void mutatorsAndAccessors() {
    assertThat(eval("""
        const p = new URLSearchParams('a=1&b=2&a=3&c=4');
        const out = [p.get('a'), String(p.get('zz')), p.getAll('a').join('|'), p.has('b'), p.has('a', '3'),
                     p.has('a', '9'), p.size];
        p.set('a', 'x');
        out.push(p.toString());
        p.append('a', 'y');
        p.delete('a', 'x');
        out.push(p.toString());
        p.delete('b');
        out.push(p.toString(), p.size);
        out.join(' ')"""))
        .isEqualTo("1 null 1|3 true true false 4 a=x&b=2&c=4 b=2&c=4&a=y c=4&a=y 2");
  }

  @Test
  void sortIsStableAndComparesCodeUnits() {
    assertThat(eval("""
        const p = new URLSearchParams('z=1&a=1&z=2&\\uFFFD=x&a=2&%F0%9F%98%80=y&z=3&a=3');
        p.sort();
        p.toString()"""))
        .isEqualTo("a=1&a=2&a=3&z=1&z=2&z=3&%F0%9F%98%80=y&%EF%BF%BD=x");
  }

  @Test
  void searchParamsIsLiveInBothDirections() {
    assertThat(eval("""
        const u = new URL('https://example.com/p?a=1#frag');
        const p = u.searchParams;
        const out = [u.searchParams === p, p.get('a')];
        p.append('b', 'x y');
        out.push(u.href);
        u.search = '?c=3';
        out.push(p.toString(), String(p.get('a')));
        u.href = 'https://other.example/?d=4';
        out.push(p.get('d'));
        p.delete('d');
        out.push(u.href, u.search === '');
        u.search = 'e=%26';
        out.push(p.get('e'));
        u.search = '';
        out.push(p.size);
        p.set('f', 'é');
        out.push(u.href);
        out.join(' ')"""))
        .isEqualTo("true 1 https://example.com/p?a=1&b=x+y#frag c=3 null 4 https://other.example/ true & 0 "
            + "https://other.example/?f=%C3%A9");
  }

  @Test
  void urlSearchReflectsSerialisationNotInput() {
    assertThat(eval("""
        const u = new URL('https://h/?a=b%20c&d');
        const before = u.search;
        u.searchParams.sort();
        [before, u.search].join(' ')"""))
        .isEqualTo("?a=b%20c&d ?a=b+c&d=");
  }

  @Test
  void iterationIsLive() {
    assertThat(eval("""
        const p = new URLSearchParams('a=1&b=2');
        const seen = [];
        for (const [k, v] of p) { seen.push(k + v); if (k === 'a') p.append('c', '3'); }
        seen.push([...p.keys()].join(), [...p.values()].join(), JSON.stringify([...p.entries()]));
        const it = p.keys();
        seen.push(Object.prototype.toString.call(it), typeof it[Symbol.iterator], it[Symbol.iterator]() === it);
        seen.push(p[Symbol.iterator] === p.entries);
        seen.join(' ')"""))
        .isEqualTo("a1 b2 c3 a,b,c 1,2,3 [[\"a\",\"1\"],[\"b\",\"2\"],[\"c\",\"3\"]] "
            + "[object URLSearchParams Iterator] function true true");
  }

  @Test
  void forEachPassesValueKeyAndObject() {
    assertThat(eval("""
        const p = new URLSearchParams('a=1&b=2');
        const out = [];
        p.forEach(function (v, k, o) { out.push(k + '=' + v + (o === p) + this.tag); }, { tag: '!' });
        out.join(' ')"""))
        .isEqualTo("a=1true! b=2true!");
  }

  @Test
  void classShapeAndArgumentChecks() {
    assertThat(eval("Object.prototype.toString.call(new URLSearchParams())")).isEqualTo("[object URLSearchParams]");
    assertThat(eval("URLSearchParams.name")).isEqualTo("URLSearchParams");
    assertThat(eval("Object.keys(globalThis).includes('URLSearchParams')")).isEqualTo("false");
    assertThat(eval("try { new URLSearchParams().append('a'); 'no' } catch (e) { e instanceof TypeError }"))
        .isEqualTo("true");
    assertThat(eval("try { URLSearchParams(); 'no' } catch (e) { e instanceof TypeError }")).isEqualTo("true");
  }

  @Test
  void urlErrorsUseWorkerdMessage() {
    assertThat(eval("try { new URL('bad'); 'no' } catch (e) { e.constructor.name + ': ' + e.message }"))
        .isEqualTo("TypeError: Invalid URL string.");
    assertThat(eval("try { new URL('/x', 'also bad'); 'no' } catch (e) { e.message }"))
        .isEqualTo("Invalid URL string.");
    assertThat(eval("try { new URL('https://a/').href = 'nope'; 'no' } catch (e) { e.message }"))
        .isEqualTo("Invalid URL string.");
    assertThat(eval("try { new URL(); 'no' } catch (e) { e instanceof TypeError }")).isEqualTo("true");
  }

  @Test
  void urlApiBasics() {
    assertThat(eval("""
        const u = new URL('HTTPS://User:Pa%20ss@EXAMPLE.com:443/a/./b/../c?x=1#h');
        [u.href, u.origin, u.protocol, u.username, u.password, u.host, u.port, u.pathname, u.search, u.hash,
         JSON.stringify({ u }), Object.prototype.toString.call(u), String(u) === u.href].join(' ')"""))
        .isEqualTo("https://User:Pa%20ss@example.com/a/c?x=1#h https://example.com https: User Pa%20ss "
            + "example.com  /a/c ?x=1 #h {\"u\":\"https://User:Pa%20ss@example.com/a/c?x=1#h\"} [object URL] true");
    assertThat(eval("[URL.canParse('x:'), URL.canParse('x'), URL.canParse('x', 'https://a/'),"
        + " String(URL.parse('nope')), URL.parse('/p', 'https://a/b').href].join(' ')"))
        .isEqualTo("true false true null https://a/p");
    assertThat(eval("new URL('https://münchen.example/').hostname")).isEqualTo("xn--mnchen-3ya.example");
    assertThat(eval("new URL('https://[::FFFF:192.168.0.1]:8080/').host")).isEqualTo("[::ffff:c0a8:1]:8080");
    assertThat(eval("new URL('http://0x7f.1/').hostname")).isEqualTo("127.0.0.1");
  }

  @Test
  void regexFastPathAgreesWithFullParserOnEdgeCases() {
    assertThat(eval("""
        const r = [];
        for (const s of ['https://example.com:65536/', 'https://a.0x/', 'https://a.09/', 'http://a.b:/x']) {
          r.push(URL.canParse(s));
        }
        for (const s of ['https://1.2.3.4/', 'http://example.com:80/a/%2e%2E/b', 'http://h/a/./b/..',
                         'https://EXAMPLE.com./x', 'wss://h:443', 'ftp://h:0021/', 'http://h/a?b\\'c#d e`',
                         'https://h:00000000443/p|[]', 'http://0x1.0X2/']) {
          r.push(new URL(s).href);
        }
        r.join(' ')"""))
        .isEqualTo("false false false true https://1.2.3.4/ http://example.com/b http://h/a/ https://example.com./x "
            + "wss://h/ ftp://h/ http://h/a?b%27c#d%20e%60 https://h/p|[] http://1.0.0.2/");
  }

  @Test
  void withoutHostOnlyNonAsciiDomainsFail() {
    try (JsTestSupport noHost = JsTestSupport.load("url.js")) {
      assertThat(noHost.eval("new URL('https://Example.COM/a').href").asString()).isEqualTo("https://example.com/a");
      assertThat(noHost.eval("URL.canParse('https://münchen.example/')").asBoolean()).isFalse();
      assertThat(noHost.eval("new URL('foo://münchen/').host").asString()).isEqualTo("m%C3%BCnchen");
    }
  }

  @Test
  void constructingWithBadUrlFromJavaSideThrowsPolyglotTypeError() {
    try {
      js.eval("new URL('::')");
    } catch (PolyglotException e) {
      assertThat(e.isGuestException()).isTrue();
      assertThat(e.getMessage()).isEqualTo("TypeError: Invalid URL string.");
      return;
    }
    throw new AssertionError("expected an exception");
  }
}
