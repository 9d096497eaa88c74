package dev.miniflare.scheduled;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;

/**
 * A Cloudflare cron trigger expression: five fields (minute, hour, day of month, month, day of week) evaluated in
 * UTC, with the Quartz-like extensions Cloudflare documents: {@code L} and {@code W} in the day of month
 * ({@code L}, {@code LW}, {@code 15W}), {@code L} and {@code #} in the day of week ({@code 6L} = last Friday,
 * {@code MON#2}), three-letter month and weekday names, and weekdays 1-7 with 1 = Sunday (0 is accepted as Sunday
 * too). As in classic cron, when both day fields are restricted a day matching either one qualifies.
 */
public final class CronExpression {
  private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
      "NOV", "DEC"};
  private static final String[] WEEKDAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
  /** Far enough to cross any leap-day-only schedule. */
  private static final int MAX_DAYS_AHEAD = 366 * 8;

  private final String text;
  private final BitSet minutes = new BitSet(60);
  private final BitSet hours = new BitSet(24);
  private final BitSet daysOfMonth = new BitSet(32);
  private final BitSet months = new BitSet(13);
  /** Cloudflare numbering: 1 = Sunday ... 7 = Saturday. */
  private final BitSet weekdays = new BitSet(8);
  private boolean lastDayOfMonth;
  private boolean lastWeekdayOfMonth;
  private final BitSet nearestWeekdayTo = new BitSet(32);
  private final BitSet lastWeekdayOf = new BitSet(8);
  /** Bit (weekday * 8 + n) for {@code weekday#n}. */
  private final BitSet nthWeekday = new BitSet(64);
  private final boolean dayOfMonthRestricted;
  private final boolean dayOfWeekRestricted;

  private CronExpression(String text) {
    this.text = text;
    String[] fields = text.trim().split("\\s+");
    if (fields.length != 5) {
      throw invalid("expected 5 fields (minute hour day-of-month month day-of-week), got " + fields.length);
    }
    simpleField(fields[0], 0, 59, null, minutes);
    simpleField(fields[1], 0, 23, null, hours);
    dayOfMonthRestricted = !isAny(fields[2]);
    dayOfWeekRestricted = !isAny(fields[4]);
    daysOfMonthField(fields[2]);
    simpleField(fields[3], 1, 12, MONTHS, months);
    weekdaysField(fields[4]);
  }

  /** Parses an expression; throws {@link IllegalArgumentException} naming the problem. */
  public static CronExpression parse(String text) {
    return new CronExpression(text);
  }

  /** The expression as written. */
  public String text() {
    return text;
  }

  /** The first matching minute strictly after {@code epochMillis} (UTC), in epoch millis; -1 if there is none. */
  public long nextAfter(long epochMillis) {
    LocalDateTime start = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000), 0, ZoneOffset.UTC)
        .truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    LocalDate day = start.toLocalDate();
    for (int i = 0; i < MAX_DAYS_AHEAD; i++, day = day.plusDays(1)) {
      if (!months.get(day.getMonthValue()) || !dayMatches(day)) {
        continue;
      }
      int fromMinute = i == 0 ? start.getHour() * 60 + start.getMinute() : 0;
      for (int hour = hours.nextSetBit(fromMinute / 60); hour >= 0; hour = hours.nextSetBit(hour + 1)) {
        int minute = minutes.nextSetBit(hour == fromMinute / 60 ? fromMinute % 60 : 0);
        if (minute >= 0) {
          return day.atTime(hour, minute).toEpochSecond(ZoneOffset.UTC) * 1000;
        }
      }
    }
    return -1;
  }

  private boolean dayMatches(LocalDate day) {
    boolean dom = domMatches(day);
    boolean dow = dowMatches(day);
    if (dayOfMonthRestricted && dayOfWeekRestricted) {
      return dom || dow;
    }
    return dom && dow;
  }

  private boolean domMatches(LocalDate day) {
    int d = day.getDayOfMonth();
    int length = day.lengthOfMonth();
    if (daysOfMonth.get(d) || (lastDayOfMonth && d == length)) {
      return true;
    }
    if (lastWeekdayOfMonth && day.equals(nearestWeekday(day.withDayOfMonth(length)))) {
      return true;
    }
    for (int n = nearestWeekdayTo.nextSetBit(1); n >= 0; n = nearestWeekdayTo.nextSetBit(n + 1)) {
      if (n <= length && day.equals(nearestWeekday(day.withDayOfMonth(n)))) {
        return true;
      }
    }
    return false;
  }

  /** Quartz's {@code nW}: the weekday nearest to the date, without leaving its month. */
  private static LocalDate nearestWeekday(LocalDate date) {
    DayOfWeek w = date.getDayOfWeek();
    if (w == DayOfWeek.SATURDAY) {
      return date.getDayOfMonth() == 1 ? date.plusDays(2) : date.minusDays(1);
    }
    if (w == DayOfWeek.SUNDAY) {
      return date.getDayOfMonth() == date.lengthOfMonth() ? date.minusDays(2) : date.plusDays(1);
    }
    return date;
  }

  private boolean dowMatches(LocalDate day) {
    int weekday = day.getDayOfWeek().getValue() % 7 + 1; // Sunday = 1
    if (weekdays.get(weekday)) {
      return true;
    }
    if (lastWeekdayOf.get(weekday) && day.getDayOfMonth() + 7 > day.lengthOfMonth()) {
      return true;
    }
    return nthWeekday.get(weekday * 8 + (day.getDayOfMonth() - 1) / 7 + 1);
  }

  private static boolean isAny(String field) {
    return field.equals("*") || field.equals("?");
  }

  private void simpleField(String field, int min, int max, String[] names, BitSet into) {
    for (String part : field.split(",", -1)) {
      int step = 1;
      String range = part;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        step = number(part.substring(slash + 1), 1, max, null, part);
        range = part.substring(0, slash);
      }
      int from;
      int to;
      if (isAny(range)) {
        from = min;
        to = max;
      } else {
        int dash = range.indexOf('-', 1);
        from = number(dash < 0 ? range : range.substring(0, dash), min, max, names, part);
        to = dash < 0 ? (slash >= 0 ? max : from) : number(range.substring(dash + 1), min, max, names, part);
      }
      if (from > to) {
        throw invalid("range " + part + " runs backwards");
      }
      for (int v = from; v <= to; v += step) {
        into.set(v);
      }
    }
  }

  private void daysOfMonthField(String field) {
    if (isAny(field)) {
      daysOfMonth.set(1, 32);
      return;
    }
    StringBuilder plain = new StringBuilder();
    for (String part : field.split(",", -1)) {
      String p = part.toUpperCase(Locale.ROOT);
      if (p.equals("L")) {
        lastDayOfMonth = true;
      } else if (p.equals("LW")) {
        lastWeekdayOfMonth = true;
      } else if (p.endsWith("W")) {
        nearestWeekdayTo.set(number(p.substring(0, p.length() - 1), 1, 31, null, part));
      } else {
        plain.append(plain.length() == 0 ? "" : ",").append(part);
      }
    }
    if (plain.length() > 0) {
      simpleField(plain.toString(), 1, 31, null, daysOfMonth);
    }
  }

  private void weekdaysField(String field) {
    if (isAny(field)) {
      weekdays.set(1, 8);
      return;
    }
    StringBuilder plain = new StringBuilder();
    for (String part : field.split(",", -1)) {
      String p = part.toUpperCase(Locale.ROOT);
      int hash = p.indexOf('#');
      if (hash > 0) {
        int weekday = weekday(p.substring(0, hash), part);
        nthWeekday.set(weekday * 8 + number(p.substring(hash + 1), 1, 5, null, part));
      } else if (p.length() > 1 && p.endsWith("L")) {
        lastWeekdayOf.set(weekday(p.substring(0, p.length() - 1), part));
      } else {
        plain.append(plain.length() == 0 ? "" : ",").append(part);
      }
    }
    if (plain.length() > 0) {
      BitSet raw = new BitSet(8);
      simpleField(plain.toString(), 0, 7, WEEKDAYS, raw);
      if (raw.get(0)) { // 0 as Sunday, as in Unix cron
        raw.set(1);
        raw.clear(0);
      }
      weekdays.or(raw);
    }
  }

  private int weekday(String value, String part) {
    int w = number(value, 0, 7, WEEKDAYS, part);
    return w == 0 ? 1 : w;
  }

  private int number(String value, int min, int max, String[] names, String part) {
    if (names != null) {
      for (int i = 0; i < names.length; i++) {
        if (names[i].equalsIgnoreCase(value)) {
          return names == WEEKDAYS ? i + 1 : i + min;
        }
      }
    }
    int n;
    try {
      n = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw invalid("\"" + part + "\" is not a valid value");
    }
    if (n < min || n > max) {
      throw invalid("\"" + part + "\": " + n + " is outside " + min + "-" + max);
    }
    return n;
  }

  private IllegalArgumentException invalid(String why) {
    return new IllegalArgumentException("invalid cron expression \"" + text + "\": " + why);
  }

  @Override
  public String toString() {
    return text;
  }
}
