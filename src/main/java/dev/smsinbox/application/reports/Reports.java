package dev.smsinbox.application.reports;

import dev.smsinbox.application.Audit;
import dev.smsinbox.application.Caller;
import dev.smsinbox.application.port.ReportFigures;
import dev.smsinbox.application.port.ReportFigures.Sum;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.CarrierErrors;
import dev.smsinbox.domain.WorkingHours;
import dev.smsinbox.sms.PhoneNumbers;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An account's report for a period of its local days (issue 25, CONTRACT {@code GET /api/reports}):
 * inbound and outbound per day, delivery outcomes, opt-outs and opt-ins, credits spent,
 * conversations resolved, first-response times, replies per campaign or automation, and the
 * carrier's most frequent errors in words.
 */
public final class Reports {

  /** At most a year and a day: a leap year's whole year, and no longer. */
  public static final int MAX_DAYS = 366;

  private static final int TOP_ERRORS = 5;

  /**
   * First-response times of a day or a period, in seconds: the median and the 90th percentile by
   * nearest rank (the smallest time that half, or nine in ten, of the responses did not exceed).
   */
  public record FirstResponse(Long medianS, Long p90S, long count) {}

  /** The figures of one day ({@code date} set) or of the whole period ({@code date} null). */
  public record Figures(
      String date,
      long inbound,
      long outbound,
      long delivered,
      long failed,
      long expired,
      long optOuts,
      long optIns,
      long creditsSpent,
      long conversationsResolved,
      FirstResponse firstResponse) {}

  /** A campaign or automation: SMS sent in the period, and customers' replies that answered it. */
  public record OriginReplies(String type, String id, String name, long sent, long replies) {}

  public record TopError(String code, String text, long count) {}

  /** A shift of the working hours as the API reads and writes it: MONDAY, "09:00", "18:00". */
  public record Shift(String day, String from, String to) {
    static Shift of(WorkingHours.Shift s) {
      return new Shift(s.day().name(), s.from().toString(), s.to().toString());
    }
  }

  /**
   * @param workingHoursApplied whether first responses count only the account's working hours
   *     ({@code workingHours}); false: every second counts
   */
  public record Report(
      String timeZone,
      boolean workingHoursApplied,
      List<Shift> workingHours,
      List<Figures> days,
      Figures totals,
      List<OriginReplies> byOrigin,
      List<TopError> topErrors) {}

  private final UnitOfWork unitOfWork;
  private final ReportFigures figures;
  private final Audit audit;
  private final Clock clock;
  private volatile ZoneId defaultZone = ZoneId.of("UTC");

  public Reports(UnitOfWork unitOfWork, ReportFigures figures, Audit audit, Clock clock) {
    this.unitOfWork = unitOfWork;
    this.figures = figures;
    this.audit = audit;
    this.clock = clock;
  }

  /** INBOX_TIME_ZONE: the zone of an account that never set its own. */
  public void defaultZone(ZoneId zone) {
    this.defaultZone = zone;
  }

  public static ZoneId parseZone(String id) {
    try {
      return ZoneId.of(id.trim());
    } catch (DateTimeException | NullPointerException e) {
      throw RequestRefused.invalid(
          "'" + id + "' is not a time zone; give an IANA zone such as Europe/Rome or UTC.");
    }
  }

  public ZoneId zone(Caller caller) {
    return unitOfWork.inTransaction(
        () -> figures.timeZone(caller.accountId()).map(ZoneId::of).orElse(defaultZone));
  }

  public ZoneId saveZone(Caller caller, String zoneId) {
    if (zoneId == null || zoneId.isBlank()) {
      throw RequestRefused.invalid("timeZone is required, e.g. Europe/Rome.");
    }
    ZoneId zone = parseZone(zoneId);
    unitOfWork.inTransaction(
        () -> {
          figures.saveTimeZone(caller.accountId(), zone.getId(), clock.instant());
          // Local days and working hours are the zone's: count them again in the new one.
          figures.rebuild(caller.accountId(), zone, figures.workingHours(caller.accountId()));
          audit.record(caller, "settings.time-zone", null, null, "Time zone " + zone.getId());
          return null;
        });
    return zone;
  }

  /** The account's working hours, in the week's order; empty: always counted. */
  public List<Shift> workingHours(Caller caller) {
    return unitOfWork.inTransaction(
        () -> figures.workingHours(caller.accountId()).shifts().stream().map(Shift::of).toList());
  }

  /**
   * Saves the account's working hours (none: every second counts) and counts the first responses of
   * its whole history again in them.
   */
  public List<Shift> saveWorkingHours(Caller caller, List<Shift> shifts) {
    WorkingHours hours = parseHours(shifts);
    ZoneId zone = zone(caller);
    unitOfWork.inTransaction(
        () -> {
          figures.saveWorkingHours(caller.accountId(), hours, clock.instant());
          figures.rebuild(caller.accountId(), zone, hours);
          audit.record(
              caller,
              "settings.working-hours",
              null,
              null,
              hours.always()
                  ? "Working hours: none (always counted)"
                  : "Working hours: "
                      + String.join(
                          ", ", hours.shifts().stream().map(WorkingHours::describe).toList()));
          return null;
        });
    return hours.shifts().stream().map(Shift::of).toList();
  }

  /** The shifts as a person typed them, or a refusal that says what to change. */
  static WorkingHours parseHours(List<Shift> shifts) {
    if (shifts == null) {
      throw RequestRefused.invalid(
          "shifts is required: a list such as [{\"day\": \"MONDAY\", \"from\": \"09:00\","
              + " \"to\": \"18:00\"}], or [] for no working hours.");
    }
    if (shifts.size() > 7 * 4) {
      throw RequestRefused.invalid("At most 28 shifts (four a day); " + shifts.size() + " given.");
    }
    List<WorkingHours.Shift> parsed = new ArrayList<>();
    for (int i = 0; i < shifts.size(); i++) {
      Shift s = shifts.get(i);
      String where = "Shift " + (i + 1);
      if (s == null) {
        throw RequestRefused.invalid(where + " is empty; give day, from and to.");
      }
      DayOfWeek day = dayOfWeek(where, s.day());
      LocalTime from = time(where, "from", s.from());
      LocalTime to = time(where, "to", s.to());
      if (from.equals(to) && !from.equals(LocalTime.MIDNIGHT)) {
        throw RequestRefused.invalid(
            where
                + " ("
                + day
                + ") starts and ends at "
                + from
                + "; give an end after the start (or 00:00 to 00:00 for the whole day).");
      }
      parsed.add(new WorkingHours.Shift(day, from, to));
    }
    try {
      return new WorkingHours(parsed);
    } catch (IllegalArgumentException e) {
      throw RequestRefused.invalid(
          "Working hours must not overlap: " + e.getMessage() + ". Change one of them.");
    }
  }

  private static DayOfWeek dayOfWeek(String where, String day) {
    if (day != null) {
      String d = day.trim().toUpperCase(Locale.ROOT);
      for (DayOfWeek w : DayOfWeek.values()) {
        if (d.length() >= 3 && w.name().startsWith(d)) {
          return w;
        }
      }
    }
    throw RequestRefused.invalid(
        where + ": day must be a day of the week such as MONDAY (or MON), not '" + day + "'.");
  }

  private static LocalTime time(String where, String name, String value) {
    if (value != null && value.trim().matches("([01][0-9]|2[0-3]):[0-5][0-9]")) {
      return LocalTime.parse(value.trim());
    }
    if (value != null && value.trim().equals("24:00") && name.equals("to")) {
      return LocalTime.MIDNIGHT;
    }
    throw RequestRefused.invalid(
        where + ": " + name + " must be a time HH:mm such as 09:00, not '" + value + "'.");
  }

  /**
   * Folds the counted facts into the tally (the housekeeping's chore), and builds the per-day
   * roll-up of each account whose zone it is not counted in (a new account, an upgrade, a new
   * INBOX_TIME_ZONE).
   */
  public int compact() {
    int folded;
    int total = 0;
    do {
      folded = unitOfWork.inTransaction(figures::compact);
      total += folded;
    } while (folded >= 5_000);
    for (ReportFigures.AccountZones account : unitOfWork.inTransaction(figures::accounts)) {
      ZoneId zone = account.ownZone() == null ? defaultZone : ZoneId.of(account.ownZone());
      if (!zone.getId().equals(account.rollUpZone())) {
        unitOfWork.inTransaction(
            () -> {
              figures.rebuild(account.accountId(), zone, figures.workingHours(account.accountId()));
              return null;
            });
      }
    }
    return total;
  }

  /**
   * @param from first day, YYYY-MM-DD in the account's zone; null: 29 days before {@code to}
   * @param to last day, included; null: today
   * @param number one of the account's numbers, in any common format; null for all
   * @param adminId one admin's {@code sub}; null for everyone
   * @param language "it" for the errors in Italian; anything else English
   */
  public Report report(
      Caller caller, String from, String to, String number, String adminId, String language) {
    ZoneId zone = zone(caller);
    LocalDate last =
        to == null || to.isBlank() ? LocalDate.now(clock.withZone(zone)) : day("to", to);
    LocalDate first = from == null || from.isBlank() ? last.minusDays(29) : day("from", from);
    if (first.isAfter(last)) {
      throw RequestRefused.invalid("from (" + first + ") is after to (" + last + ").");
    }
    long days = ChronoUnit.DAYS.between(first, last) + 1;
    if (days > MAX_DAYS) {
      throw RequestRefused.invalid(
          "A report covers at most "
              + MAX_DAYS
              + " days; "
              + first
              + " to "
              + last
              + " is "
              + days
              + ".");
    }
    List<Instant> starts = new ArrayList<>();
    for (LocalDate d = first; !d.isAfter(last.plusDays(1)); d = d.plusDays(1)) {
      starts.add(d.atStartOfDay(zone).toInstant());
    }
    return unitOfWork.inTransaction(
        () -> {
          Long numberId = null;
          if (number != null && !number.isBlank()) {
            String e164 =
                PhoneNumbers.toE164(number, "US")
                    .orElseThrow(
                        () -> RequestRefused.invalid("'" + number + "' is not a phone number."));
            numberId = figures.numberId(caller.accountId(), e164);
            if (numberId == null) {
              throw RequestRefused.invalid(e164 + " is not one of this account's numbers.");
            }
          }
          String admin = adminId == null || adminId.isBlank() ? null : adminId.trim();
          if (admin != null && !figures.knowsAdmin(caller.accountId(), admin)) {
            throw RequestRefused.invalid(
                "'" + admin + "' is not an admin of this account the inbox knows.");
          }
          WorkingHours hours = figures.workingHours(caller.accountId());
          List<Sum> sums =
              figures.sums(
                  new ReportFigures.Query(
                      caller.accountId(), starts, numberId, admin, zone, first, hours));
          return assemble(zone, hours, first, (int) days, sums, "it".equals(language));
        });
  }

  private static LocalDate day(String name, String value) {
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw RequestRefused.invalid(name + " must be a date YYYY-MM-DD, not '" + value + "'.");
    }
  }

  /** Sums per day and measure into the report; first responses into their percentiles. */
  static Report assemble(
      ZoneId zone, WorkingHours hours, LocalDate first, int days, List<Sum> sums, boolean italian) {
    // With working hours, the seconds within them; without, every second.
    String responseMeasure = hours.always() ? "first_response" : "work_response";
    long[][] counts = new long[days][MEASURES.size()];
    List<Map<Long, Long>> responses = new ArrayList<>();
    for (int i = 0; i < days; i++) {
      responses.add(new HashMap<>());
    }
    Map<String, long[]> origins = new LinkedHashMap<>();
    Map<String, Long> errors = new HashMap<>();
    for (Sum s : sums) {
      if (s.day() < 0 || s.day() >= days) {
        continue;
      }
      Integer m = MEASURES.get(s.measure());
      if (m != null) {
        counts[s.day()][m] += s.n();
      } else if (s.measure().equals(responseMeasure)) {
        responses.get(s.day()).merge(Long.parseLong(s.detail()), s.n(), Long::sum);
      } else if (s.measure().equals("origin_sent")) {
        origins.computeIfAbsent(s.detail(), k -> new long[2])[0] += s.n();
      } else if (s.measure().equals("origin_reply")) {
        origins.computeIfAbsent(s.detail(), k -> new long[2])[1] += s.n();
      } else if (s.measure().equals("error")) {
        errors.merge(s.detail(), s.n(), Long::sum);
      }
    }
    List<Figures> perDay = new ArrayList<>();
    long[] total = new long[MEASURES.size()];
    Map<Long, Long> allResponses = new HashMap<>();
    for (int i = 0; i < days; i++) {
      perDay.add(figures(first.plusDays(i).toString(), counts[i], responses.get(i)));
      for (int m = 0; m < total.length; m++) {
        total[m] += counts[i][m];
      }
      responses.get(i).forEach((k, v) -> allResponses.merge(k, v, Long::sum));
    }
    List<OriginReplies> byOrigin = new ArrayList<>();
    origins.forEach(
        (detail, n) -> {
          String[] parts = detail.split("\t", -1);
          byOrigin.add(
              new OriginReplies(
                  parts[0],
                  parts.length > 1 ? parts[1] : "",
                  parts.length > 2 ? parts[2] : "",
                  n[0],
                  n[1]));
        });
    byOrigin.sort(
        Comparator.comparingLong(OriginReplies::replies)
            .reversed()
            .thenComparing(Comparator.comparingLong(OriginReplies::sent).reversed())
            .thenComparing(OriginReplies::name));
    // Raw errors that mean the same (one code, in words) count together.
    Map<List<String>, Long> explained = new LinkedHashMap<>();
    errors.forEach(
        (raw, n) -> {
          List<String> key =
              CarrierErrors.explain(raw)
                  .map(x -> List.of(x.code(), italian ? x.it() : x.en()))
                  .orElse(List.of(raw, raw));
          explained.merge(key, n, Long::sum);
        });
    List<TopError> topErrors =
        explained.entrySet().stream()
            .map(e -> new TopError(e.getKey().get(0), e.getKey().get(1), e.getValue()))
            .sorted(
                Comparator.comparingLong(TopError::count).reversed().thenComparing(TopError::code))
            .limit(TOP_ERRORS)
            .toList();
    return new Report(
        zone.getId(),
        !hours.always(),
        hours.shifts().stream().map(Shift::of).toList(),
        perDay,
        figures(null, total, allResponses),
        byOrigin,
        topErrors);
  }

  private static final Map<String, Integer> MEASURES =
      Map.of(
          "inbound", 0,
          "outbound", 1,
          "delivered", 2,
          "failed", 3,
          "expired", 4,
          "opt_out", 5,
          "opt_in", 6,
          "credits", 7,
          "resolved", 8);

  private static Figures figures(String date, long[] c, Map<Long, Long> responses) {
    return new Figures(
        date, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], firstResponse(responses));
  }

  /** Nearest-rank percentiles over seconds → how many responses took that long. */
  static FirstResponse firstResponse(Map<Long, Long> responses) {
    long count = responses.values().stream().mapToLong(Long::longValue).sum();
    if (count == 0) {
      return new FirstResponse(null, null, 0);
    }
    List<Long> seconds = new ArrayList<>(responses.keySet());
    seconds.sort(null);
    return new FirstResponse(
        rank(seconds, responses, count, 50), rank(seconds, responses, count, 90), count);
  }

  private static long rank(List<Long> seconds, Map<Long, Long> n, long count, int percent) {
    long wanted = (count * percent + 99) / 100; // ceil(p × count), the nearest rank
    long seen = 0;
    for (long s : seconds) {
      seen += n.get(s);
      if (seen >= wanted) {
        return s;
      }
    }
    return seconds.get(seconds.size() - 1);
  }

  /** The CSV of the days: a header row, then one row per day (RFC 4180, comma-separated). */
  public static String csv(Report report) {
    StringBuilder out =
        new StringBuilder(
            "date,inbound,outbound,delivered,failed,expired,optOuts,optIns,creditsSpent,"
                + "conversationsResolved,firstResponseMedianS,firstResponseP90S,"
                + "firstResponseCount\r\n");
    for (Figures d : report.days()) {
      out.append(d.date())
          .append(',')
          .append(d.inbound())
          .append(',')
          .append(d.outbound())
          .append(',')
          .append(d.delivered())
          .append(',')
          .append(d.failed())
          .append(',')
          .append(d.expired())
          .append(',')
          .append(d.optOuts())
          .append(',')
          .append(d.optIns())
          .append(',')
          .append(d.creditsSpent())
          .append(',')
          .append(d.conversationsResolved())
          .append(',')
          .append(d.firstResponse().medianS() == null ? "" : d.firstResponse().medianS())
          .append(',')
          .append(d.firstResponse().p90S() == null ? "" : d.firstResponse().p90S())
          .append(',')
          .append(d.firstResponse().count())
          .append("\r\n");
    }
    return out.toString();
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
