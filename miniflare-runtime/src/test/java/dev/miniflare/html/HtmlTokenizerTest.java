package dev.miniflare.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miniflare.http.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tokenizer's spans tile the input exactly, which is what makes untouched output byte-identical. */
class HtmlTokenizerTest {
  @SuppressWarnings("unchecked")
  static List<List<Object>> tokens(String html) {
    return Json.read(HtmlTokenizer.tokenize(html), List.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "plain", "<p>a</p>", "a<", "a</", "<div x='1", "<!-- open", "</>x", "</ x>y",
      "<SCRIPT>a</b></ScRiPt >x", "<title><p></title>", "<svg><![CDATA[a]]></svg>", "<plaintext></plaintext>",
      "<a b=c d = 'e' f=\"g\"/>", "<!DOCTYPE html><html>", "<script><!-- x --></script>", "<?pi?>"})
  void spansCoverTheInputInOrder(String html) {
    int pos = 0;
    for (List<Object> t : tokens(html)) {
      if (((Number) t.get(0)).intValue() == 2) {
        continue;
      }
      assertThat(((Number) t.get(1)).intValue()).as("token %s in %s", t, html).isEqualTo(pos);
      pos = ((Number) t.get(2)).intValue();
    }
    assertThat(pos).isEqualTo(html.length());
  }

  @Test
  void startTagsCarryNameAttributesAndNamespace() {
    assertThat(tokens("<DIV Class=A data-x>")).containsExactly(
        List.of(3, 0, 20, "div", 0, 0, List.of("Class", "A", 5, 12, "data-x", "", 13, 19)));
    assertThat(tokens("<svg><path/></svg>").get(1)).isEqualTo(List.of(3, 5, 12, "path", 1, 1, List.of()));
  }

  @Test
  void textNodesEndWithAMarker() {
    assertThat(tokens("a<b>c")).containsExactly(List.of(1, 0, 1), List.of(2), List.of(3, 1, 4, "b", 0, 0, List.of()),
        List.of(1, 4, 5), List.of(2));
  }
}
