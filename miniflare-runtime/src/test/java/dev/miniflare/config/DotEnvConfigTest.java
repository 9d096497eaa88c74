package dev.miniflare.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests {@link DotEnv} (named *Config* so the module's config test filter picks it up). */
class DotEnvConfigTest {

  @Test
  void plainAssignmentsCommentsAndBlankLines() {
    Map<String, String> m = DotEnv.parse("""
        # a comment
        A=1

          B = two words  \s
        C=
        """);
    assertThat(m).containsExactly(Map.entry("A", "1"), Map.entry("B", "two words"), Map.entry("C", ""));
  }

  @Test
  void exportPrefix() {
    assertThat(DotEnv.parse("export TOKEN=abc\nexport\tOTHER=x\n"))
        .containsExactly(Map.entry("TOKEN", "abc"), Map.entry("OTHER", "x"));
  }

  @Test
  void exportAsAKeyName() {
    assertThat(DotEnv.parse("export=1\n")).containsExactly(Map.entry("export", "1"));
  }

  @Test
  void quotes() {
    Map<String, String> m = DotEnv.parse("""
        S='single # not a comment \\n'
        D="double\\nline\\ttab \\"q\\" \\\\ end" # comment after
        B=`back tick`
        SP="  padded  "
        """);
    assertThat(m.get("S")).isEqualTo("single # not a comment \\n");
    assertThat(m.get("D")).isEqualTo("double\nline\ttab \"q\" \\ end");
    assertThat(m.get("B")).isEqualTo("back tick");
    assertThat(m.get("SP")).isEqualTo("  padded  ");
  }

  @Test
  void inlineCommentsOnUnquotedValues() {
    Map<String, String> m = DotEnv.parse("A=value # comment\nURL=http://x/#frag\n");
    assertThat(m.get("A")).isEqualTo("value");
    assertThat(m.get("URL")).isEqualTo("http://x/#frag");
  }

  @Test
  void multiLineQuotedValue() {
    Map<String, String> m = DotEnv.parse("KEY=\"-----BEGIN-----\nabc\n-----END-----\"\nNEXT=1\n");
    assertThat(m.get("KEY")).isEqualTo("-----BEGIN-----\nabc\n-----END-----");
    assertThat(m.get("NEXT")).isEqualTo("1");
  }

  @Test
  void unterminatedQuoteIsTakenLiterally() {
    assertThat(DotEnv.parse("A=\"open\nB=2\n")).containsExactly(Map.entry("A", "\"open"), Map.entry("B", "2"));
  }

  @Test
  void laterAssignmentWinsAndCrlfIsHandled() {
    assertThat(DotEnv.parse("A=1\r\nA=2\r\nB=3")).containsExactly(Map.entry("A", "2"), Map.entry("B", "3"));
  }

  @Test
  void invalidLinesAreReportedWithTheirLineNumber() {
    List<Integer> lines = new ArrayList<>();
    Map<String, String> m = DotEnv.parse("A=\"x\ny\"\nnot an assignment\nB=1\n=nokey\n", (line, msg) -> lines.add(line));
    assertThat(m).containsExactly(Map.entry("A", "x\ny"), Map.entry("B", "1"));
    assertThat(lines).containsExactly(3, 5);
  }

  @Test
  void byteOrderMarkIsIgnored() {
    assertThat(DotEnv.parse("\uFEFFA=1")).containsExactly(Map.entry("A", "1"));
  }
}
