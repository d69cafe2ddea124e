package dev.smsinbox.application.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The pacer against a clock the test moves: each part's moment is exact, not a timing. */
class SubmitPacerTest {

  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  private final AtomicLong clock = new AtomicLong(1_000 * MS);

  @Test
  void eachPartGoesInItsOwnSlotAtTheAgreedRate() {
    // Parking moves the clock on by what was asked.
    SubmitPacer pacer = new SubmitPacer(100, clock::get, clock::addAndGet);
    List<Long> sent = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      pacer.awaitSlot();
      sent.add(clock.get());
    }
    assertThat(sent).containsExactly(1_000 * MS, 1_010 * MS, 1_020 * MS, 1_030 * MS, 1_040 * MS);
  }

  @Test
  void aWakeUpBeforeTheSlotWaitsAgain() {
    // A park that wakes after a tenth of what was asked, as parkNanos may.
    SubmitPacer pacer = new SubmitPacer(10, clock::get, nanos -> clock.addAndGet(nanos / 10 + 1));
    pacer.awaitSlot();
    pacer.awaitSlot();
    assertThat(clock.get()).isGreaterThanOrEqualTo(1_100 * MS);
  }

  @Test
  void anIdleLinkBanksNoCreditForABurst() {
    SubmitPacer pacer = new SubmitPacer(100, clock::get, clock::addAndGet);
    pacer.awaitSlot();
    clock.addAndGet(5_000 * MS); // idle for five seconds
    long back = clock.get();
    pacer.awaitSlot();
    pacer.awaitSlot();
    // The first part after the pause goes at once, the next one a full interval later.
    assertThat(clock.get()).isEqualTo(back + 10 * MS);
  }

  @Test
  void aRateBelowOneIsRefused() {
    assertThatThrownBy(() -> new SubmitPacer(0)).hasMessageContaining("at least 1");
  }
}
