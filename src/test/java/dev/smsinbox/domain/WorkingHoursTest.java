package dev.smsinbox.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smsinbox.domain.WorkingHours.Shift;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkingHoursTest {

  static final ZoneId ROME = ZoneId.of("Europe/Rome");
  static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu"); // UTC+05:45

  static WorkingHours weekdays(String from, String to) {
    List<Shift> shifts = new ArrayList<>();
    for (DayOfWeek d : List.of(DayOfWeek.values()).subList(0, 5)) {
      shifts.add(new Shift(d, LocalTime.parse(from), LocalTime.parse(to)));
    }
    return new WorkingHours(shifts);
  }

  static Instant at(String local, ZoneId zone) {
    return LocalDateTime.parse(local).atZone(zone).toInstant();
  }

  @Test
  void fridayEveningToMondayMorningCountsOnlyTheWorkingMinutes() {
    // 2026-12-04 is a Friday: 17:50 → Monday 09:10 with Mon–Fri 09:00–18:00 is 10 + 10 minutes.
    WorkingHours hours = weekdays("09:00", "18:00");
    assertThat(hours.seconds(at("2026-12-04T17:50", ROME), at("2026-12-07T09:10", ROME), ROME))
        .isEqualTo(20 * 60);
  }

  @Test
  void withoutWorkingHoursEverySecondCounts() {
    assertThat(
            WorkingHours.ALWAYS.seconds(
                at("2026-12-04T17:50", ROME), at("2026-12-07T09:10", ROME), ROME))
        .isEqualTo((2 * 24 * 3600) + 15 * 3600 + 20 * 60);
  }

  @Test
  void aWaitOutsideTheHoursCountsNothingAndAClosedDayIsSkipped() {
    WorkingHours hours = weekdays("09:00", "18:00");
    // Saturday to Sunday: closed days.
    assertThat(hours.seconds(at("2026-12-05T10:00", ROME), at("2026-12-06T20:00", ROME), ROME))
        .isZero();
    // Tuesday 20:00 → Wednesday 08:30: the night only.
    assertThat(hours.seconds(at("2026-12-08T20:00", ROME), at("2026-12-09T08:30", ROME), ROME))
        .isZero();
    // A whole week: five days of nine hours.
    assertThat(hours.seconds(at("2026-12-07T00:00", ROME), at("2026-12-14T00:00", ROME), ROME))
        .isEqualTo(5 * 9 * 3600);
  }

  @Test
  void anOvernightShiftRunsIntoTheNextDay() {
    // Friday 22:00 → Saturday 06:00, nothing else.
    WorkingHours night =
        new WorkingHours(
            List.of(new Shift(DayOfWeek.FRIDAY, LocalTime.of(22, 0), LocalTime.of(6, 0))));
    // Saturday 01:00 → 07:00: five hours of the Friday shift.
    assertThat(night.seconds(at("2026-12-05T01:00", ROME), at("2026-12-05T07:00", ROME), ROME))
        .isEqualTo(5 * 3600);
    // Friday 21:00 → Saturday 23:00: the whole shift, eight hours.
    assertThat(night.seconds(at("2026-12-04T21:00", ROME), at("2026-12-05T23:00", ROME), ROME))
        .isEqualTo(8 * 3600);
    // Sunday overnight into Monday wraps the week.
    WorkingHours sunday =
        new WorkingHours(
            List.of(new Shift(DayOfWeek.SUNDAY, LocalTime.of(23, 0), LocalTime.of(1, 0))));
    assertThat(sunday.seconds(at("2026-12-07T00:00", ROME), at("2026-12-07T02:00", ROME), ROME))
        .isEqualTo(3600);
  }

  @Test
  void daylightSavingDaysCountWhatTheClocksSay() {
    // 2026-03-29: Rome springs forward 02:00 → 03:00 (a 23-hour Sunday); 2026-10-25 falls back.
    WorkingHours allDaySunday =
        new WorkingHours(
            List.of(new Shift(DayOfWeek.SUNDAY, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)));
    assertThat(
            allDaySunday.seconds(at("2026-03-28T12:00", ROME), at("2026-03-30T12:00", ROME), ROME))
        .isEqualTo(23 * 3600);
    assertThat(
            allDaySunday.seconds(at("2026-10-24T12:00", ROME), at("2026-10-26T12:00", ROME), ROME))
        .isEqualTo(25 * 3600);
    // A night shift across the change: Saturday 22:00 → Sunday 06:00 is 7 hours in March, 9 in
    // October.
    WorkingHours saturdayNight =
        new WorkingHours(
            List.of(new Shift(DayOfWeek.SATURDAY, LocalTime.of(22, 0), LocalTime.of(6, 0))));
    assertThat(
            saturdayNight.seconds(at("2026-03-28T12:00", ROME), at("2026-03-29T12:00", ROME), ROME))
        .isEqualTo(7 * 3600);
    assertThat(
            saturdayNight.seconds(at("2026-10-24T12:00", ROME), at("2026-10-25T12:00", ROME), ROME))
        .isEqualTo(9 * 3600);
    // Office hours are still nine hours on the Monday after the change.
    assertThat(
            weekdays("09:00", "18:00")
                .seconds(at("2026-03-30T00:00", ROME), at("2026-03-31T00:00", ROME), ROME))
        .isEqualTo(9 * 3600);
  }

  @Test
  void hoursAreReadInTheAccountsZoneEvenAtQuarterHourOffsets() {
    WorkingHours hours = weekdays("09:00", "18:00");
    // 09:00 in Kathmandu is 03:15Z.
    assertThat(
            hours.seconds(
                Instant.parse("2026-12-07T03:00:00Z"),
                Instant.parse("2026-12-07T03:30:00Z"),
                KATHMANDU))
        .isEqualTo(15 * 60);
  }

  @Test
  void overlappingShiftsAreRefused() {
    assertThatThrownBy(
            () ->
                new WorkingHours(
                    List.of(
                        new Shift(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(13, 0)),
                        new Shift(DayOfWeek.MONDAY, LocalTime.of(12, 0), LocalTime.of(18, 0)))))
        .hasMessageContaining("overlap");
    assertThatThrownBy(
            () ->
                new WorkingHours(
                    List.of(
                        new Shift(DayOfWeek.SUNDAY, LocalTime.of(22, 0), LocalTime.of(10, 0)),
                        new Shift(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(18, 0)))))
        .hasMessageContaining("overlap");
    // Back to back is fine: a lunch break split.
    assertThat(
            new WorkingHours(
                    List.of(
                        new Shift(DayOfWeek.MONDAY, LocalTime.of(14, 0), LocalTime.of(18, 0)),
                        new Shift(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(13, 0))))
                .shifts()
                .get(0)
                .from())
        .isEqualTo(LocalTime.of(9, 0));
  }
}
