package dev.miniflare.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the web-platform-tests URL data (urltestdata.json, setters_tests.json, toascii.json) through {@code url.js}.
 * Every entry is a dynamic test; the pass counts are printed at the end.
 */
class UrlWptTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] ATTRIBUTES =
      {"href", "origin", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "hash"};

  /**
   * Entries that are known not to pass, keyed by "suite: input", with the reason. A known failure that starts
   * passing fails the test so that this list stays accurate.
   */
  private static final Map<String, String> KNOWN_FAILURES = Map.of();

  private static final AtomicInteger URL_PASS = new AtomicInteger();
  private static final AtomicInteger URL_TOTAL = new AtomicInteger();
  private static final AtomicInteger SETTERS_PASS = new AtomicInteger();
  private static final AtomicInteger SETTERS_TOTAL = new AtomicInteger();
  private static final AtomicInteger ASCII_PASS = new AtomicInteger();
  private static final AtomicInteger ASCII_TOTAL = new AtomicInteger();

  private static JsTestSupport js;
  private static Value parse;
  private static Value setter;

  private static synchronized void init() {
    if (js != null) {
      return;
    }
    js = JsTestSupport.loadWithHost(new UrlHost(), "url.js");
    parse = js.eval("""
        (function (input, base) {
          let url;
          try {
            url = base === null ? new URL(input) : new URL(input, base);
          } catch (e) {
            if (!(e instanceof TypeError)) return { error: 'threw ' + e };
            if (URL.canParse(input, base === null ? undefined : base)) return { error: 'canParse true on failure' };
            if (URL.parse(input, base === null ? undefined : base) !== null) return { error: 'parse non-null' };
            return { failure: true };
          }
          if (!URL.canParse(input, base === null ? undefined : base)) return { error: 'canParse false on success' };
          const r = {};
          for (const k of ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port',
                           'pathname', 'search', 'hash']) r[k] = url[k];
          r.searchParams = url.searchParams.toString();
          r.toString = String(url);
          r.toJSON = url.toJSON();
          return r;
        })""");
    setter = js.eval("""
        (function (href, attr, value) {
          const url = new URL(href);
          url[attr] = value;
          const r = {};
          for (const k of ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port',
                           'pathname', 'search', 'hash']) r[k] = url[k];
          return r;
        })""");
  }

  @AfterAll
  static void report() {
    System.out.printf("WPT url: urltestdata %d/%d, setters %d/%d, toascii %d/%d%n", URL_PASS.get(), URL_TOTAL.get(),
        SETTERS_PASS.get(), SETTERS_TOTAL.get(), ASCII_PASS.get(), ASCII_TOTAL.get());
    if (js != null) {
      js.close();
      js = null;
    }
  }

  private static JsonNode load(String name) {
    try (InputStream in = UrlWptTest.class.getResourceAsStream("/wpt/url/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource /wpt/url/" + name);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String str(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  /** Runs a check, counting it, honouring KNOWN_FAILURES. */
  private static void run(String key, AtomicInteger pass, AtomicInteger total, Runnable check) {
    total.incrementAndGet();
    String known = KNOWN_FAILURES.get(key);
    try {
      check.run();
    } catch (AssertionError e) {
      if (known != null) {
        return; // documented known failure
      }
      throw e;
    }
    if (known != null) {
      fail("known failure now passes, remove it from KNOWN_FAILURES: " + key);
    }
    pass.incrementAndGet();
  }

  @Test
  void fullUts46ImplementationIsAvailable() {
    // the WPT IDNA cases rely on GraalJS's relocated ICU4J; the JDK fallback is an approximation
    assertThat(UrlHost.isFullUts46()).as("ICU4J UTS #46 reachable").isTrue();
    UrlHost host = new UrlHost();
    assertThat(host.domainToASCII("Fa\u00df.DE")).isEqualTo("xn--fa-hia.de");
    assertThat(host.domainToASCII("xn--a.\u00df")).isNull();
    assertThat(host.domainToUnicode("xn--fa-hia.de")).isEqualTo("fa\u00df.de");
  }

  @TestFactory
  Stream<DynamicNode> urltestdata() {
    init();
    List<DynamicNode> tests = new ArrayList<>();
    int index = 0;
    for (JsonNode entry : load("urltestdata.json")) {
      if (entry.isTextual()) {
        continue;
      }
      int i = index++;
      String input = entry.get("input").asText();
      String base = str(entry.get("base"));
      String name = "#" + i + " " + printable(input) + (base == null ? "" : " against " + printable(base));
      tests.add(DynamicTest.dynamicTest(name, () -> run("urltestdata: " + input, URL_PASS, URL_TOTAL, () -> {
        Value r = parse.execute(input, base);
        assertThat(r.hasMember("error") ? r.getMember("error").asString() : null).as("harness error").isNull();
        if (entry.path("failure").asBoolean(false)) {
          assertThat(r.hasMember("failure")).as("expected failure, got %s", member(r, "href")).isTrue();
          return;
        }
        assertThat(r.hasMember("failure")).as("unexpected failure").isFalse();
        for (String attribute : ATTRIBUTES) {
          if (entry.has(attribute)) {
            assertThat(member(r, attribute)).as(attribute).isEqualTo(entry.get(attribute).asText());
          }
        }
        assertThat(member(r, "toString")).as("toString").isEqualTo(entry.get("href").asText());
        assertThat(member(r, "toJSON")).as("toJSON").isEqualTo(entry.get("href").asText());
        if (entry.has("searchParams")) {
          assertThat(member(r, "searchParams")).as("searchParams").isEqualTo(entry.get("searchParams").asText());
        }
      })));
    }
    assertThat(tests).hasSizeGreaterThan(800);
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicNode> setters() {
    init();
    List<DynamicNode> containers = new ArrayList<>();
    JsonNode root = load("setters_tests.json");
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> group = it.next();
      String attribute = group.getKey();
      if (attribute.equals("comment")) {
        continue;
      }
      List<DynamicNode> tests = new ArrayList<>();
      int index = 0;
      for (JsonNode entry : group.getValue()) {
        int i = index++;
        String href = entry.get("href").asText();
        String value = entry.get("new_value").asText();
        JsonNode expected = entry.get("expected");
        String name = "#" + i + " " + printable(href) + " ." + attribute + " = " + printable(value);
        tests.add(DynamicTest.dynamicTest(name, () -> run("setters: " + attribute + " " + href + " = " + value,
            SETTERS_PASS, SETTERS_TOTAL, () -> {
              Value r = setter.execute(href, attribute, value);
              for (Iterator<Map.Entry<String, JsonNode>> e = expected.fields(); e.hasNext(); ) {
                Map.Entry<String, JsonNode> want = e.next();
                assertThat(member(r, want.getKey())).as(want.getKey()).isEqualTo(want.getValue().asText());
              }
            })));
      }
      containers.add(DynamicContainer.dynamicContainer(attribute, tests));
    }
    return containers.stream();
  }

  @TestFactory
  Stream<DynamicNode> toascii() {
    init();
    Value viaUrl = js.eval("""
        (function (input) {
          try { const u = new URL('https://' + input + '/x');
                return [u.host, u.hostname, u.pathname, u.href]; }
          catch (e) { return e instanceof TypeError ? null : ['threw ' + e]; }
        })""");
    Value viaSetter = js.eval("""
        (function (input, attr) { const u = new URL('https://x/x'); u[attr] = input; return u[attr]; })""");
    List<DynamicNode> tests = new ArrayList<>();
    for (JsonNode entry : load("toascii.json")) {
      if (entry.isTextual()) {
        continue;
      }
      String input = entry.get("input").asText();
      String output = str(entry.get("output"));
      tests.add(DynamicTest.dynamicTest(printable(input) + " (URL)",
          () -> run("toascii: " + input, ASCII_PASS, ASCII_TOTAL, () -> {
            Value r = viaUrl.execute(input);
            if (output == null) {
              assertThat(r.isNull()).as("expected failure, got %s", r).isTrue();
            } else {
              assertThat(r.isNull()).as("unexpected failure").isFalse();
              assertThat(List.of(r.getArrayElement(0).asString(), r.getArrayElement(1).asString(),
                  r.getArrayElement(2).asString(), r.getArrayElement(3).asString()))
                  .containsExactly(output, output, "/x", "https://" + output + "/x");
            }
          })));
      for (String attr : new String[] {"host", "hostname"}) {
        tests.add(DynamicTest.dynamicTest(printable(input) + " (URL." + attr + ")",
            () -> run("toascii." + attr + ": " + input, ASCII_PASS, ASCII_TOTAL,
                () -> assertThat(viaSetter.execute(input, attr).asString())
                    .isEqualTo(output == null ? "x" : output))));
      }
    }
    return tests.stream();
  }

  private static String member(Value r, String name) {
    Value v = r.getMember(name);
    return v == null || v.isNull() ? null : v.asString();
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().forEach(cp -> {
      if (cp < 0x20 || cp == 0x7F || (cp >= 0xD800 && cp <= 0xDFFF)) {
        b.append(String.format("\\u%04X", cp));
      } else {
        b.appendCodePoint(cp);
      }
    });
    return b.length() > 120 ? b.substring(0, 120) + "…" : b.toString();
  }
}
