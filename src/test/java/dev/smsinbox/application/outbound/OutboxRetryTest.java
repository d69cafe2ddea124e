package dev.smsinbox.application.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutboxRetryTest {

  @Test
  void aRefusedMessageWaitsTwiceAsLongEachTimeUpToFiveMinutes() {
    assertThat(OutboxRetry.waitAfter(0)).isEqualTo(Duration.ofSeconds(2));
    assertThat(OutboxRetry.waitAfter(1)).isEqualTo(Duration.ofSeconds(4));
    assertThat(OutboxRetry.waitAfter(5)).isEqualTo(Duration.ofSeconds(64));
    assertThat(OutboxRetry.waitAfter(8)).isEqualTo(Duration.ofMinutes(5));
    // A message refused all week long must not overflow into a wait of no time at all.
    assertThat(OutboxRetry.waitAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void expiryCountsFromTheMomentTheMessageWasQueued() {
    Instant now = Instant.parse("2026-12-03T12:00:00Z");
    assertThat(OutboxRetry.expiryCutoff(now, Duration.ofDays(1)))
        .isEqualTo(Instant.parse("2026-12-02T12:00:00Z"));
  }

  @Test
  void theExpiredErrorSaysHowLongInWords() {
    assertThat(OutboxRetry.expiredBecause(Duration.ofDays(1)))
        .startsWith("Not sent: it waited in the outbox longer than 1 day (SMPP_QUEUED_MAX_AGE)");
    assertThat(OutboxRetry.expiredBecause(Duration.ofHours(6))).contains("longer than 6 hours");
    assertThat(OutboxRetry.expiredBecause(Duration.ofSeconds(90)))
        .contains("longer than 90 seconds");
  }
}
