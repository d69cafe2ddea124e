package dev.smsinbox.application.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smsinbox.MovingClock;
import dev.smsinbox.application.port.SubmitSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two instances' pacers on one carrier account's schedule, on a clock the test controls: together
 * they submit SMPP_SUBMIT_TPS parts a second, not twice as many.
 */
class SharedSubmitPacerTest {

  private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");

  /** The database's schedule, as JdbcSubmitSchedule keeps it (one row per account). */
  private static final class OneSchedule implements SubmitSchedule {
    private Long next;

    @Override
    public synchronized long take(
        String account, long nowMicros, long intervalMicros, long maxLagMicros) {
      long slot = next == null || nowMicros - next > maxLagMicros ? nowMicros : next;
      next = slot + intervalMicros;
      return slot;
    }
  }

  @Test
  void twoPacersOnOneAccountTogetherKeepItsRate() {
    MovingClock clock = new MovingClock(T0);
    OneSchedule schedule = new OneSchedule();
    List<Instant> sent = new ArrayList<>();
    // Parking moves the test's clock on by the time waited: no wall-clock time passes.
    SharedSubmitPacer a =
        new SharedSubmitPacer(
            schedule, "smsinbox", 50, clock, nanos -> clock.advance(Duration.ofNanos(nanos)));
    SharedSubmitPacer b =
        new SharedSubmitPacer(
            schedule, "smsinbox", 50, clock, nanos -> clock.advance(Duration.ofNanos(nanos)));

    // Both instances have a backlog: they take turns asking, as fast as they are let.
    for (int i = 0; i < 300; i++) {
      (i % 2 == 0 ? a : b).awaitSlot();
      sent.add(clock.instant());
    }

    // 300 parts at 50 a second take 6 s (the first goes at once), not 3 s.
    assertThat(Duration.between(T0, sent.get(sent.size() - 1))).isEqualTo(Duration.ofMillis(5_980));
    for (int second = 0; second < 5; second++) {
      Instant from = T0.plusSeconds(second);
      Instant to = from.plusSeconds(1);
      assertThat(sent.stream().filter(t -> !t.isBefore(from) && t.isBefore(to)).count())
          .as("parts sent in second %d", second)
          .isEqualTo(50);
    }
  }

  @Test
  void aSlowSenderIsNotHeldBackAndAnIdleOneBanksNothing() {
    MovingClock clock = new MovingClock(T0);
    OneSchedule schedule = new OneSchedule();
    List<Long> parked = new ArrayList<>();
    SharedSubmitPacer pacer =
        new SharedSubmitPacer(
            schedule,
            "smsinbox",
            10,
            clock,
            nanos -> {
              parked.add(nanos);
              clock.advance(Duration.ofNanos(nanos));
            });

    pacer.awaitSlot();
    clock.advance(Duration.ofSeconds(5)); // idle
    pacer.awaitSlot();
    pacer.awaitSlot();

    // After five idle seconds, the first goes at once and the next waits a whole interval.
    assertThat(parked).containsExactly(ChronoUnit.MILLIS.getDuration().toNanos() * 100);
  }

  @Test
  void aRateOfZeroIsRefused() {
    assertThatThrownBy(() -> new SharedSubmitPacer(new OneSchedule(), "x", 0, new MovingClock(T0)))
        .hasMessageContaining("at least 1");
  }
}
