package dev.miniflare.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Base64Test {
  private static final String ATOB_ERROR = "atob() called with invalid base64-encoded data. (Only whitespace, '+', '/',"
      + " alphanumeric ASCII, and up to two terminal '=' signs when the input data length is divisible by 4 are allowed.)";
  private JsTestSupport js;

  @BeforeEach
  void setUp() {
    js = JsTestSupport.load("dom.js", "base64.js");
  }

  @AfterEach
  void tearDown() {
    js.close();
  }

  private String eval(String code) {
    return js.eval(code).toString();
  }

  private String thrown(String code) {
    return eval("(() => { try { " + code + "; return 'no error'; } catch (e) {"
        + " return e.name + '|' + e.message + '|' + (e instanceof DOMException) + '|' + e.code; } })()");
  }

  @Test
  void btoaEncodes() {
    assertThat(eval("btoa('hello world')")).isEqualTo("aGVsbG8gd29ybGQ=");
    assertThat(eval("btoa('\\u00ff\\u00fe')")).isEqualTo("//4=");
    assertThat(eval("[btoa(''), btoa('a'), btoa('ab'), btoa('abc'), btoa('abcd')].join(',')"))
        .isEqualTo(",YQ==,YWI=,YWJj,YWJjZA==");
    assertThat(eval("btoa(12345)")).isEqualTo("MTIzNDU=");
    assertThat(eval("btoa(null)")).isEqualTo("bnVsbA==");
  }

  @Test
  void btoaRejectsNonLatin1() {
    assertThat(thrown("btoa('\\u2713')")).isEqualTo("InvalidCharacterError|btoa() can only operate on characters in the"
        + " Latin1 (ISO/IEC 8859-1) range.|true|5");
    assertThat(thrown("btoa('abc\\u0100')")).startsWith("InvalidCharacterError|");
  }

  @Test
  void atobDecodesForgivingly() {
    assertThat(eval("atob('aGk')")).isEqualTo("hi");
    assertThat(eval("atob(' aGk= ')")).isEqualTo("hi");
    assertThat(eval("atob('aGVs\\nbG8g\\td29y\\fbGQ=\\r')")).isEqualTo("hello world");
    assertThat(eval("atob('//4=').split('').map((c) => c.charCodeAt(0)).join(',')")).isEqualTo("255,254");
    assertThat(eval("[atob(''), atob('YQ=='), atob('YQ'), atob('YWI='), atob('YW I = ')].join(',')")).isEqualTo(",a,a,ab,ab");
    // leftover bits are discarded
    assertThat(eval("atob('YR')")).isEqualTo("a");
  }

  @Test
  void atobRejectsInvalidInput() {
    String expected = "InvalidCharacterError|" + ATOB_ERROR + "|true|5";
    for (String bad : new String[] {"***", "a", "YQ=", "YQ===", "Y=Q=", "YWJj=", "YQ==YQ==", "\\u00e9AAA", "a-b_"}) {
      assertThat(thrown("atob('" + bad + "')")).as(bad).isEqualTo(expected);
    }
    // no argument: workerd converts undefined to the string "undefined", which is not valid base64
    assertThat(thrown("atob()")).isEqualTo(expected);
    assertThat(eval("btoa()")).isEqualTo("dW5kZWZpbmVk");
  }

  @Test
  void roundTripsAllLatin1() {
    assertThat(eval("let s = ''; for (let i = 0; i < 256; i++) s += String.fromCharCode(i); atob(btoa(s)) === s"))
        .isEqualTo("true");
  }
}
