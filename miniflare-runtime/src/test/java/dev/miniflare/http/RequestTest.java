package dev.miniflare.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Request#uri()} for URLs that WHATWG parsing keeps but {@code java.net.URI} refuses. */
class RequestTest {
  @Test
  void uriOfAnOrdinaryUrlIsTheUrl() {
    assertThat(Request.get("http://h/a%20b?q=1").uri().getRawPath()).isEqualTo("/a%20b");
  }

  @Test
  void invalidPercentEscapesAndRefusedCharactersAreEncodedInsteadOfFailing() {
    Request r = Request.get("http://127.0.0.1:8787/echo?a=1&f=%zz&g=%4&p=a|b^c");
    assertThat(r.uri().getRawPath()).isEqualTo("/echo");
    assertThat(r.uri().getRawQuery()).isEqualTo("a=1&f=%25zz&g=%254&p=a%7Cb%5Ec");
    assertThat(r.url()).endsWith("f=%zz&g=%4&p=a|b^c"); // the worker still sees the URL as sent
    assertThat(Request.get("http://h/\u00e9\ud83d\ude00%").uri().getRawPath()).isEqualTo("/%C3%A9%F0%9F%98%80%25");
  }
}
