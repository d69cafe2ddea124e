package dev.smsinbox.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The hours an account's team works, as local times of the account's zone (e.g. Monday to Friday
 * 09:00–18:00). A first response is timed over these hours only: a customer who writes at 17:50 on
 * a Friday and is answered at 09:10 on Monday waited 20 minutes of the team's time. No shifts at
 * all means the team is always there, and every second counts.
 *
 * <p>A shift whose {@code to} is not after its {@code from} runs past midnight into the next day
 * (Friday 22:00–06:00 ends on Saturday at 06:00); {@code to} 00:00 is the end of the day. Times are
 * read in the zone on each date, so a shift on a daylight-saving day lasts what the clocks say
 * (09:00–18:00 is still nine hours; 00:00–00:00 is 23 or 25 hours).
 */
public record WorkingHours(List<Shift> shifts) {

  public static final WorkingHours ALWAYS = new WorkingHours(List.of());

  /** One working period starting on a day of the week. */
  public record Shift(DayOfWeek day, LocalTime from, LocalTime to) {
    public Shift {
      if (day == null || from == null || to == null) {
        throw new IllegalArgumentException("a shift needs a day, a start and an end");
      }
      if (from.equals(to) && !to.equals(LocalTime.MIDNIGHT)) {
        throw new IllegalArgumentException("a shift's start and end must differ");
      }
    }

    /** Whether it ends on the next day (past midnight, or at the midnight closing its own day). */
    public boolean overnight() {
      return !to.isAfter(from);
    }

    /** Its length in minutes on a day without a clock change. */
    int minutes() {
      int start = from.toSecondOfDay() / 60;
      int end = to.toSecondOfDay() / 60;
      return overnight() ? end + 24 * 60 - start : end - start;
    }

    /** Minutes of the week it covers, from Monday 00:00: [start, end), end may pass the week. */
    int weekStart() {
      return (day.getValue() - 1) * 24 * 60 + from.toSecondOfDay() / 60;
    }
  }

  public WorkingHours {
    shifts =
        List.copyOf(
            shifts.stream()
                .sorted(Comparator.comparingInt(Shift::weekStart).thenComparing(Shift::to))
                .toList());
    List<Shift> sorted = shifts;
    for (int i = 0; i < sorted.size(); i++) {
      Shift a = sorted.get(i);
      Shift b = sorted.get((i + 1) % sorted.size());
      if (sorted.size() == 1) {
        break;
      }
      int aEnd = a.weekStart() + a.minutes();
      int bStart = b.weekStart() + (i + 1 == sorted.size() ? 7 * 24 * 60 : 0);
      if (aEnd > bStart) {
        throw new IllegalArgumentException(
            "the shifts " + describe(a) + " and " + describe(b) + " overlap");
      }
    }
  }

  public boolean always() {
    return shifts.isEmpty();
  }

  /** "MONDAY 09:00-18:00", as a person reads a shift in a message. */
  public static String describe(Shift s) {
    return s.day() + " " + s.from() + "-" + s.to();
  }

  /**
   * The seconds of working time between {@code since} and {@code until} in {@code zone}; all of
   * them when the account has no working hours, none when {@code until} is not after {@code since}.
   */
  public long seconds(Instant since, Instant until, ZoneId zone) {
    if (!until.isAfter(since)) {
      return 0;
    }
    if (always()) {
      return until.getEpochSecond() - since.getEpochSecond();
    }
    long total = 0;
    // A shift that started the day before may still run at `since` (overnight).
    LocalDate last = until.atZone(zone).toLocalDate();
    for (LocalDate d = since.atZone(zone).toLocalDate().minusDays(1);
        !d.isAfter(last);
        d = d.plusDays(1)) {
      for (Shift s : shifts) {
        if (s.day() != d.getDayOfWeek()) {
          continue;
        }
        Instant start = d.atTime(s.from()).atZone(zone).toInstant();
        Instant end = (s.overnight() ? d.plusDays(1) : d).atTime(s.to()).atZone(zone).toInstant();
        Instant a = start.isAfter(since) ? start : since;
        Instant b = end.isBefore(until) ? end : until;
        if (b.isAfter(a)) {
          total += b.getEpochSecond() - a.getEpochSecond();
        }
      }
    }
    return total;
  }

  /** The shifts as given, in the order of the week (for the screens and the API). */
  public List<Shift> inWeekOrder() {
    return new ArrayList<>(shifts);
  }
}
