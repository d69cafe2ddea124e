package dev.smsinbox.application.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.smsinbox.application.port.SmsGateway;
import dev.smsinbox.sms.SmsPart;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutboxWorkerTest {

  /** A link that is down: every round ends at once, asking to wait. */
  private static final class LinkDown implements SmsGateway {
    final AtomicInteger rounds = new AtomicInteger();

    @Override
    public String submit(SmsPart part, String from, String to) {
      throw new IllegalStateException("no submit while the link is down");
    }

    @Override
    public boolean isBound() {
      rounds.incrementAndGet();
      return false;
    }
  }

  @Test
  void aWakeUpAfterClosingIsIgnored() throws Exception {
    LinkDown link = new LinkDown();
    OutboxWorker worker = worker(link);
    worker.close();

    // A send that commits while the inbox stops still wakes the worker: that must not fail it.
    assertThatCode(worker::wake).doesNotThrowAnyException();
    assertThat(worker.stopped()).isTrue();
    assertThat(link.rounds).hasValue(0);
  }

  private static OutboxWorker worker(SmsGateway link) {
    return new OutboxWorker(
        new DispatchOutbox(
            null,
            null,
            null,
            link,
            null,
            null,
            null,
            null,
            null,
            false,
            1,
            Clock.systemUTC(),
            Duration.ofDays(1),
            null,
            "test"));
  }
}
