package dev.smsinbox.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When the filer files: at once on a calm link, giving the carrier way while it is busy. */
class InboundFilerTest {

  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private final InboundFiler filer = new InboundFiler(null, null, null, 128, Clock.systemUTC());

  @Test
  void anEmptyJournalIsLookedAtAgainWhenWokenOrAfterASecond() {
    assertThat(filer.pauseAfter(0, null, false, NOW)).isEqualTo(InboundFiler.IDLE_LOOK);
    assertThat(filer.pauseAfter(0, null, true, NOW)).isEqualTo(InboundFiler.IDLE_LOOK);
  }

  @Test
  void onACalmLinkAFullBatchIsFollowedAtOnceAndASmallerOneAfterAMomentToGather() {
    assertThat(filer.pauseAfter(128, NOW, false, NOW)).isZero();
    assertThat(filer.pauseAfter(1, NOW, false, NOW)).isEqualTo(InboundFiler.GATHER);
  }

  @Test
  void whileTheCarrierIsBusyFilingGivesWay() {
    assertThat(filer.pauseAfter(128, NOW.minusSeconds(4), true, NOW))
        .isEqualTo(InboundFiler.GIVE_WAY);
    assertThat(filer.pauseAfter(3, NOW, true, NOW)).isEqualTo(InboundFiler.GIVE_WAY);
  }

  @Test
  void anSmsThatWaitedTheLongestAllowedIsFiledAtFullSpeedEvenWhileTheCarrierIsBusy() {
    Instant longAgo = NOW.minus(InboundFiler.MOST_BEHIND).minusMillis(1);
    assertThat(filer.pauseAfter(128, longAgo, true, NOW)).isZero();
    assertThat(filer.pauseAfter(5, longAgo, true, NOW)).isEqualTo(InboundFiler.GATHER);
  }

  @Test
  void aRefusedSmsIsTriedAgainAfterPausesThatDoubleUpToTenMinutes() {
    assertThat(InboundFiler.retryDelay(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(InboundFiler.retryDelay(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(InboundFiler.retryDelay(5)).isEqualTo(Duration.ofSeconds(16));
    assertThat(InboundFiler.retryDelay(10)).isEqualTo(Duration.ofSeconds(512));
    assertThat(InboundFiler.retryDelay(11)).isEqualTo(Duration.ofMinutes(10));
    assertThat(InboundFiler.retryDelay(1000)).isEqualTo(Duration.ofMinutes(10));
  }
}
