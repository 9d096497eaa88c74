package dev.miniflare.scheduled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronExpressionTest {
  /** The next three occurrences after {@code from}. */
  private static List<String> next3(String cron, String from) {
    CronExpression e = CronExpression.parse(cron);
    List<String> out = new ArrayList<>();
    long t = Instant.parse(from).toEpochMilli();
    for (int i = 0; i < 3; i++) {
      t = e.nextAfter(t);
      out.add(Instant.ofEpochMilli(t).toString());
    }
    return out;
  }

  // 2026-11-29 is a Sunday.
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "* * * * *        | 2026-11-29T10:00:30Z | 2026-11-29T10:01:00Z 2026-11-29T10:02:00Z 2026-11-29T10:03:00Z",
      "*/30 * * * *     | 2026-11-29T10:00:00Z | 2026-11-29T10:30:00Z 2026-11-29T11:00:00Z 2026-11-29T11:30:00Z",
      "45 * * * *       | 2026-11-29T10:50:00Z | 2026-11-29T11:45:00Z 2026-11-29T12:45:00Z 2026-11-29T13:45:00Z",
      "0 17 * * sun     | 2026-11-29T18:00:00Z | 2026-12-06T17:00:00Z 2026-12-13T17:00:00Z 2026-12-20T17:00:00Z",
      "0 17 * * 1       | 2026-11-29T18:00:00Z | 2026-12-06T17:00:00Z 2026-12-13T17:00:00Z 2026-12-20T17:00:00Z",
      "10 7 * * mon-fri | 2026-11-27T08:00:00Z | 2026-11-30T07:10:00Z 2026-12-01T07:10:00Z 2026-12-02T07:10:00Z",
      "10 7 * * 2-6     | 2026-11-27T08:00:00Z | 2026-11-30T07:10:00Z 2026-12-01T07:10:00Z 2026-12-02T07:10:00Z",
      "0 15 1 * *       | 2026-11-29T00:00:00Z | 2026-12-01T15:00:00Z 2027-01-01T15:00:00Z 2027-02-01T15:00:00Z",
      "0 18 * * 6L      | 2026-11-01T00:00:00Z | 2026-11-27T18:00:00Z 2026-12-25T18:00:00Z 2027-01-29T18:00:00Z",
      "0 18 * * friL    | 2026-11-01T00:00:00Z | 2026-11-27T18:00:00Z 2026-12-25T18:00:00Z 2027-01-29T18:00:00Z",
      "59 23 LW * *     | 2026-11-01T00:00:00Z | 2026-11-30T23:59:00Z 2026-12-31T23:59:00Z 2027-01-29T23:59:00Z",
      "0 0 L 2 *        | 2027-01-01T00:00:00Z | 2027-02-28T00:00:00Z 2028-02-29T00:00:00Z 2029-02-28T00:00:00Z",
      "0 0 29 2 *       | 2026-01-01T00:00:00Z | 2028-02-29T00:00:00Z 2032-02-29T00:00:00Z 2036-02-29T00:00:00Z",
      "0 10 * * MON#2   | 2026-11-01T00:00:00Z | 2026-11-09T10:00:00Z 2026-12-14T10:00:00Z 2027-01-11T10:00:00Z",
      "0 9 15W * *      | 2026-11-01T00:00:00Z | 2026-11-16T09:00:00Z 2026-12-15T09:00:00Z 2027-01-15T09:00:00Z",
      "0 9 1W * *       | 2026-11-01T00:00:00Z | 2026-11-02T09:00:00Z 2026-12-01T09:00:00Z 2027-01-01T09:00:00Z",
      "0 0 1,15 jan,jul * | 2026-11-01T00:00:00Z | 2027-01-01T00:00:00Z 2027-01-15T00:00:00Z 2027-07-01T00:00:00Z",
      "0 12 13 * FRI    | 2026-11-01T00:00:00Z | 2026-11-06T12:00:00Z 2026-11-13T12:00:00Z 2026-11-20T12:00:00Z",
      "5-10/5 0 * * *   | 2026-11-29T00:00:00Z | 2026-11-29T00:05:00Z 2026-11-29T00:10:00Z 2026-11-30T00:05:00Z",
  })
  void nextOccurrencesFollowCloudflaresSyntax(String cron, String from, String expected) {
    assertThat(next3(cron.trim(), from.trim())).containsExactly(expected.trim().split(" "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"* * * *", "60 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *", "* * * * 8",
      "* * * * MOO", "10-5 * * * *", "* * * * 1#6", "x * * * *", "*/0 * * * *"})
  void invalidExpressionsAreRejectedWithTheReason(String cron) {
    assertThatThrownBy(() -> CronExpression.parse(cron)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid cron expression \"" + cron + "\": ");
  }
}
