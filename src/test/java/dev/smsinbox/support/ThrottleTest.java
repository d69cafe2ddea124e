package dev.smsinbox.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ThrottleTest {

  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };

  @Test
  void beyondTheLimitAKeyWaitsForItsWindowToEndAndOthersGoOn() {
    Throttle throttle = new Throttle(3, Duration.ofMinutes(1), clock);
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.waitFor("10.0.0.1")).isEmpty();
      throttle.count("10.0.0.1");
    }
    now.set(now.get().plusSeconds(20));
    assertThat(throttle.waitFor("10.0.0.1")).contains(Duration.ofSeconds(40));
    assertThat(Throttle.retryAfterSeconds(Duration.ofMillis(39_001))).isEqualTo(40);
    assertThat(throttle.waitFor("10.0.0.2")).isEmpty();
    now.set(now.get().plusSeconds(40));
    assertThat(throttle.tryCount("10.0.0.1")).isEmpty();
  }

  @Test
  void aLimitOfZeroIsOff() {
    Throttle throttle = new Throttle(0, Duration.ofMinutes(1), clock);
    for (int i = 0; i < 100; i++) {
      assertThat(throttle.tryCount("a")).isEmpty();
    }
  }
}
