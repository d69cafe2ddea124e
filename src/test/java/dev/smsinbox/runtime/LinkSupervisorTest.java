package dev.smsinbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smsinbox.adapter.smpp.SmppLinkState;
import java.time.Duration;
import java.util.List;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class LinkSupervisorTest {

  @Test
  void rebindsBackOffExponentiallyWithJitterUpToTheMaximum() {
    try (LinkSupervisor supervisor =
        new LinkSupervisor(
            new DefaultCamelContext(),
            List.of(),
            new SmppLinkState(),
            Duration.ofSeconds(10),
            Duration.ofMinutes(5),
            () -> {})) {
      for (int attempt = 1; attempt <= 30; attempt++) {
        long ceiling = Math.min(300_000, 10_000L << Math.min(attempt, 20));
        Duration next = supervisor.backoff(attempt);
        assertThat(next.toMillis()).isBetween(ceiling / 2, ceiling);
      }
    }
  }
}
