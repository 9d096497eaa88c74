package dev.miniflare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miniflare.http.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Jackson-free reader of plain export results must agree with Jackson wherever it answers. */
class PlainJsonTest {
  private static final List<String> RESULTS = List.of("4", "-4", "0", "-0", "123456789", "1234567890",
      "-999999999", "999999999999999999", "9223372036854775807", "1.5", "1e3", "-", "", "01", "\"a\"", "\"\"",
      "\"with \\\"escape\\\"\"", "\"caf\u00e9 \ud83d\ude00\"", "\"unterminated", "true", "false", "null", "[1]",
      "{\"a\":1}", "\"4\"");
  private static final List<Class<?>> TYPES = List.of(String.class, Integer.class, Long.class, Boolean.class,
      Double.class, Object.class, Map.class);

  @Test
  void agreesWithJacksonWheneverItReadsAValue() {
    int read = 0;
    for (String json : RESULTS) {
      for (Class<?> type : TYPES) {
        Object plain = PlainJson.read(json, type);
        if (plain == PlainJson.NOT_PLAIN) {
          continue;
        }
        read++;
        assertThat(plain).as("%s as %s", json, type.getSimpleName()).isEqualTo(Json.read(json, type));
      }
    }
    // 6 as Integer, 8 as Long, 4 as String, 2 as Boolean: the comparison above is not vacuous
    assertThat(read).as("values read without Jackson").isEqualTo(20);
  }

  @Test
  void leavesEverythingButPlainBasicsToJackson() {
    assertThat(PlainJson.read("1234567890", Integer.class)).isSameAs(PlainJson.NOT_PLAIN);
    assertThat(PlainJson.read("1.5", Integer.class)).isSameAs(PlainJson.NOT_PLAIN);
    assertThat(PlainJson.read("\"a\\nb\"", String.class)).isSameAs(PlainJson.NOT_PLAIN);
    assertThat(PlainJson.read("null", String.class)).isSameAs(PlainJson.NOT_PLAIN);
    assertThat(PlainJson.read("4", Object.class)).isSameAs(PlainJson.NOT_PLAIN);
    assertThat(PlainJson.read("4", int.class)).isSameAs(PlainJson.NOT_PLAIN);
    assertThat(PlainJson.read("\"4\"", Integer.class)).isSameAs(PlainJson.NOT_PLAIN);
  }
}
