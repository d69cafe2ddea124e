package dev.smsinbox.adapter.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.impl.DefaultCamelContext;
import org.jsmpp.extra.SessionState;
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

  @Test
  void closingDropsAWaitingRebindAndIgnoresTheLinkStoppingAfterwards() {
    SmppLinkState link = new SmppLinkState();
    AtomicInteger attempts = new AtomicInteger();
    LinkSupervisor supervisor =
        new LinkSupervisor(
            new DefaultCamelContext(),
            List.of(),
            link,
            Duration.ofMinutes(1),
            Duration.ofMinutes(5),
            attempts::incrementAndGet);
    link.onStateChange(SessionState.BOUND_TRX, SessionState.OPEN, null);
    link.onStateChange(SessionState.CLOSED, SessionState.BOUND_TRX, null); // a rebind is due

    supervisor.close();

    // Nothing waits to rebind a route of an inbox that is stopping.
    assertThat(supervisor.stopped()).isTrue();
    // Camel stops the link after the supervisor: the loss it reports is not thrown back at it.
    link.onStateChange(SessionState.BOUND_TRX, SessionState.OPEN, null);
    assertThatCode(() -> link.onStateChange(SessionState.CLOSED, SessionState.BOUND_TRX, null))
        .doesNotThrowAnyException();
    assertThat(attempts).hasValue(0);
  }
}
