package dev.smsinbox.application.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.smsinbox.MovingClock;
import dev.smsinbox.adapter.persistence.TestDatabases;
import dev.smsinbox.application.Callers;
import dev.smsinbox.runtime.InboxCore;
import dev.smsinbox.runtime.TestCores;
import dev.smsinbox.runtime.TestSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's promise about personal data in the log: a customer's number is masked in every line
 * at INFO about their SMS (filed, a redelivery, kept unrouted), so a deleted contact's number is
 * not left behind in the server's log.
 */
class PhoneNumbersInTheLogTest {

  static final String OURS = "+14155550100";
  static final String NOT_TWO_WAY = "+14155550199";
  static final String ANN = "+14155550111";

  final MovingClock clock = new MovingClock(Instant.parse("2026-12-03T12:00:00Z"));
  final List<String> lines = new CopyOnWriteArrayList<>();
  final Logger log = Logger.getLogger(ReceiveSms.class.getName());
  final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getLevel().intValue() >= Level.INFO.intValue()) {
            lines.add(record.getMessage());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  HikariDataSource pool;
  InboxCore core;

  @BeforeEach
  void open() {
    pool = TestDatabases.open("H2", "numbers_in_log_unit");
    core =
        TestCores.plain(
            pool, TestSettings.inbox(Duration.ofMinutes(10), Duration.ofHours(6)), clock);
    core.manageNumbers().save(Callers.admin(), OURS, "US", true, true);
    core.manageNumbers().save(Callers.admin(), NOT_TWO_WAY, "US", true, false);
    log.addHandler(handler);
  }

  @AfterEach
  void close() {
    log.removeHandler(handler);
    pool.close();
  }

  @Test
  void aCustomersNumberIsMaskedInEveryLineAboutTheirSms() {
    InboundSms hello = new InboundSms(ANN, OURS, "Hello", 1, "GSM7", clock.instant());
    core.receiveSms.receiveAll(List.of(hello));
    core.receiveSms.receiveAll(List.of(hello)); // the carrier delivers it again
    core.receiveSms.receiveAll(
        List.of(new InboundSms(ANN, NOT_TWO_WAY, "Anyone?", 1, "GSM7", clock.instant())));

    assertThat(lines)
        .anySatisfy(line -> assertThat(line).contains("stored in conversation"))
        .anySatisfy(line -> assertThat(line).contains("is a redelivery"))
        .anySatisfy(line -> assertThat(line).contains("unrouted"))
        .allSatisfy(line -> assertThat(line).doesNotContain(ANN).doesNotContain("55550111"));
  }
}
