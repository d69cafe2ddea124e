package dev.smsinbox.adapter.crm.activecampaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** ActiveCampaign's 5 requests a second, on a clock the test moves. */
class RequestPacerTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final RequestPacer pacer = new RequestPacer(5, now::get);

  private static long millis(long nanos) {
    return Duration.ofNanos(nanos).toMillis();
  }

  @Test
  void requestsAskedAtOnceAreSpacedAFifthOfASecondApart() {
    List<Long> waits = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      waits.add(millis(pacer.reserve()));
    }
    assertThat(waits)
        .containsExactly(0L, 200L, 400L, 600L, 800L, 1000L, 1200L, 1400L, 1600L, 1800L, 2000L);
  }

  @Test
  void aRequestAfterAQuietSpellGoesAtOnceWithoutABurstAfterIt() {
    pacer.reserve();
    now.addAndGet(Duration.ofSeconds(5).toNanos());
    assertThat(millis(pacer.reserve())).isZero();
    assertThat(millis(pacer.reserve())).as("no saved-up burst").isEqualTo(200);
  }

  @Test
  void aRetryAfterHoldsEveryLaterRequest() {
    pacer.reserve();
    pacer.holdFor(Duration.ofSeconds(3));
    assertThat(millis(pacer.reserve())).isEqualTo(3000);
    assertThat(millis(pacer.reserve())).isEqualTo(3200);
  }
}
