package dev.smsinbox.application.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * When the filer files: as SMS come at an ordinary pace, holding back while the link is saturated.
 */
class InboundFilerTest {

  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private final InboundFiler filer =
      new InboundFiler(null, null, null, null, 128, 1, Clock.systemUTC(), null);

  @Test
  void anEmptyJournalIsLookedAtAgainWhenWokenOrAfterASecond() {
    assertThat(filer.pauseAfter(0)).isEqualTo(InboundFiler.IDLE_LOOK);
  }

  @Test
  void aFullBatchIsFollowedAtOnceAndASmallerOneAfterAMomentToGather() {
    assertThat(filer.pauseAfter(128)).isZero();
    assertThat(filer.pauseAfter(1)).isEqualTo(InboundFiler.GATHER);
  }

  @Test
  void filingHoldsBackWhileTheLinkIsSaturatedThroughAMinutesFlood() {
    assertThat(InboundFiler.holdsBack(null, NOW)).isFalse();
    assertThat(InboundFiler.holdsBack(NOW, NOW)).isTrue();
    assertThat(InboundFiler.holdsBack(NOW.minusSeconds(4), NOW)).isTrue();
    assertThat(InboundFiler.holdsBack(NOW.minusSeconds(90), NOW)).isTrue();
  }

  @Test
  void afterHoldingBackTheLongestAllowedFilingGoesOnHoweverBusyTheLink() {
    assertThat(InboundFiler.holdsBack(NOW.minus(InboundFiler.MOST_BEHIND), NOW)).isFalse();
    assertThat(InboundFiler.holdsBack(NOW.minusSeconds(600), NOW)).isFalse();
  }

  @Test
  void afterHoldingBackFilingTakesTurnsWithASaturatedLinkForAMinuteThenGoesOnAtFullSpeed() {
    Instant turnsBegan = NOW.minus(InboundFiler.MOST_BEHIND);
    assertThat(InboundFiler.takesTurns(null, NOW)).isFalse();
    assertThat(InboundFiler.takesTurns(turnsBegan, NOW)).isTrue();
    assertThat(InboundFiler.takesTurns(turnsBegan.minusSeconds(59), NOW)).isTrue();
    assertThat(InboundFiler.takesTurns(turnsBegan.minusSeconds(60), NOW)).isFalse();
    assertThat(InboundFiler.takesTurns(NOW.minusSeconds(600), NOW)).isFalse();
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
