package dev.miniflare.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RouterTest {
  @Test
  void matchesCloudflareRouteSyntaxMostSpecificFirst() {
    Router r = new Router();
    r.add("api", "example.com/api/*");
    r.add("site", "example.com/*");
    r.add("subs", "*.example.com/*");
    r.add("exact", "https://exact.test/only");
    assertThat(r.match("http://example.com/api/users?x=1", null)).isEqualTo("api");
    assertThat(r.match("http://example.com/about", null)).isEqualTo("site");
    assertThat(r.match("http://example.com:8787/about", null)).isEqualTo("site");
    assertThat(r.match("http://a.b.example.com/", null)).isEqualTo("subs");
    assertThat(r.match("https://exact.test/only", null)).isEqualTo("exact");
    assertThat(r.match("http://exact.test/only", null)).isNull();
    assertThat(r.match("https://exact.test/only/more", null)).isNull();
    assertThat(r.match("http://other.test/", null)).isNull();
  }

  @Test
  void hostHeaderOverridesTheUrlHost() {
    Router r = new Router();
    r.add("site", "example.com/*");
    assertThat(r.match("http://localhost:8787/x", "example.com:8787")).isEqualTo("site");
    assertThat(r.match("http://example.com/x", "localhost")).isNull();
  }

  @Test
  void rejectsPatternsWithoutAHost() {
    assertThatThrownBy(() -> new Router().add("w", "/just/a/path")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no host");
  }
}
