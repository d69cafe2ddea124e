package dev.smsinbox.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

  @Test
  void aWindowPastMidnightHoldsUntilItsEndTheNextMorning() {
    // 23:00 in New York (EST, UTC-5) is 04:00Z; 08:00 there is 13:00Z.
    assertThat(
            QuietHours.DEFAULT.holdUntil(Instant.parse("2026-12-03T04:00:00Z"), List.of(NEW_YORK)))
        .contains(Instant.parse("2026-12-03T13:00:00Z"));
    // 07:59 the same morning: still held until 08:00.
    assertThat(
            QuietHours.DEFAULT.holdUntil(Instant.parse("2026-12-03T12:59:00Z"), List.of(NEW_YORK)))
        .contains(Instant.parse("2026-12-03T13:00:00Z"));
    // 08:00 and 20:59: it goes.
    assertThat(
            QuietHours.DEFAULT.holdUntil(Instant.parse("2026-12-03T13:00:00Z"), List.of(NEW_YORK)))
        .isEmpty();
    assertThat(
            QuietHours.DEFAULT.holdUntil(Instant.parse("2026-12-04T01:59:00Z"), List.of(NEW_YORK)))
        .isEmpty();
  }

  @Test
  void severalZonesHoldUntilTheLatestOpens() {
    // 06:30 in New York, 03:30 in Los Angeles: both quiet; Los Angeles opens three hours later.
    Instant at = Instant.parse("2026-12-03T11:30:00Z");
    assertThat(QuietHours.DEFAULT.holdUntil(at, List.of(NEW_YORK, LOS_ANGELES)))
        .contains(Instant.parse("2026-12-03T16:00:00Z"));
    // 21:30 in New York is quiet, 18:30 in Los Angeles is not: held for New York's morning.
    assertThat(
            QuietHours.DEFAULT.holdUntil(
                Instant.parse("2026-12-04T02:30:00Z"), List.of(NEW_YORK, LOS_ANGELES)))
        .contains(Instant.parse("2026-12-04T13:00:00Z"));
  }

  @Test
  void aDaytimeWindowAndASwitchedOffOne() {
    QuietHours lunch = new QuietHours(true, LocalTime.of(12, 0), LocalTime.of(14, 0));
    assertThat(lunch.contains(LocalTime.of(13, 0))).isTrue();
    assertThat(lunch.contains(LocalTime.of(14, 0))).isFalse();
    QuietHours off = new QuietHours(false, LocalTime.of(21, 0), LocalTime.of(8, 0));
    assertThat(off.holdUntil(Instant.parse("2026-12-03T04:00:00Z"), List.of(NEW_YORK))).isEmpty();
  }
}
