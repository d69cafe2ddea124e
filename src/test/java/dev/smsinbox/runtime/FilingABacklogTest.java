package dev.smsinbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.smsinbox.MovingClock;
import dev.smsinbox.adapter.persistence.TestDatabases;
import dev.smsinbox.application.Callers;
import dev.smsinbox.application.MessageHooks;
import dev.smsinbox.application.inbound.InboundFiler;
import dev.smsinbox.application.inbound.InboundSms;
import dev.smsinbox.application.inbound.ReceiveSms;
import dev.smsinbox.application.port.InboxTelemetry;
import jakarta.json.bind.JsonbBuilder;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A backlog left in the journal when a burst ends is filed by two filers side by side on
 * PostgreSQL: each SMS once, and each customer's SMS in the order they came; the filer's
 * transactions are counted as operations see them on /metrics.
 */
class FilingABacklogTest {

  private static final Instant NOW = Instant.parse("2026-12-04T09:00:00Z");
  private static final String OURS = "+14155550100";

  /**
   * More customers than a filing batch takes: a second filer's batch then holds customers with no
   * earlier SMS in the first filer's batch. With fewer, each customer's next SMS waits behind the
   * one the first filer holds, and the second can only look on while the first files.
   */
  private static final int CUSTOMERS = 3 * InboxCore.FILING_BATCH;

  private static final int EACH = 4;

  private final MovingClock clock = new MovingClock(NOW);
  private final Logger receiving = Logger.getLogger(ReceiveSms.class.getName());
  private final Set<Long> filingThreads = ConcurrentHashMap.newKeySet();
  private final Handler filedBy =
      new Handler() {
        @Override
        public void publish(LogRecord log) {
          if (log.getMessage() != null && log.getMessage().contains(" stored in ")) {
            filingThreads.add(log.getLongThreadID());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private final FilingBatches batches = new FilingBatches();
  private HikariDataSource pool;
  private InboxCore core;

  @AfterEach
  void close() {
    receiving.removeHandler(filedBy);
    if (core != null) {
      core.inboundFiler.close();
    }
    if (pool != null) {
      pool.close();
    }
  }

  /** A backlog of {@link #EACH} SMS from each of {@link #CUSTOMERS}, none filed yet. */
  private void backlog() {
    pool = TestDatabases.open("PostgreSQL", "inbox_unit_backlog");
    core =
        new InboxCore(
            pool,
            TestSettings.inbox(),
            MessageHooks.none(),
            batches,
            JsonbBuilder.create(),
            clock,
            (type, body) -> {},
            () -> {});
    core.manageNumbers().save(Callers.admin(), OURS, "US", true, true);
    // The carrier interleaves its customers: 1 of each, then 2 of each, ...
    for (int n = 1; n <= EACH; n++) {
      int nth = n;
      core.receiveSms.acceptAll(
          IntStream.range(0, CUSTOMERS)
              .mapToObj(c -> new InboundSms(customer(c), OURS, "#" + nth, 1, "GSM7", NOW))
              .toList());
    }
    receiving.addHandler(filedBy);
  }

  @Test
  void whileTheLinkStaysSaturatedOnlyOneFilerFiles() {
    backlog();

    // The first filer holds back for at most two minutes, then files; the acknowledgements keep
    // the rest of the machine.
    core.inboundFiler.start(() -> true);

    // The filer's clock moves only as the test moves it: five seconds each look, past the two
    // minutes.
    Instant[] firstFiledBy = {null};
    await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () -> {
              clock.advance(Duration.ofSeconds(5));
              if (firstFiledBy[0] == null && count("select count(*) from message") > 0) {
                firstFiledBy[0] = clock.instant();
              }
              return count("select count(*) from inbound_journal") == 0;
            });
    assertThat(firstFiledBy[0])
        .as("nothing filed while the link stayed saturated for less than the longest hold")
        .isAfterOrEqualTo(NOW.plus(InboundFiler.MOST_BEHIND));
    assertThat(count("select count(*) from message")).isEqualTo(CUSTOMERS * EACH);
    assertThat(filingThreads).as("threads that filed").hasSize(1);
  }

  @Test
  void twoFilersShareABacklogAndKeepEachCustomersOrder() throws Exception {
    backlog();

    core.inboundFiler.start(() -> false);

    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> count("select count(*) from inbound_journal") == 0);
    Map<String, List<String>> texts = new LinkedHashMap<>();
    try (Connection c = pool.getConnection();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "select k.phone, m.body from message m join conversation v on v.id ="
                        + " m.conversation_id join contact k on k.id = v.contact_id order by m.id")) {
      while (rs.next()) {
        texts.computeIfAbsent(rs.getString(1), phone -> new ArrayList<>()).add(rs.getString(2));
      }
    }
    List<String> inOrder = IntStream.rangeClosed(1, EACH).mapToObj(n -> "#" + n).toList();
    assertThat(texts).hasSize(CUSTOMERS);
    texts.forEach(
        (phone, theirs) ->
            assertThat(theirs).as("%s's SMS, once each, in order", phone).isEqualTo(inOrder));
    assertThat(filingThreads).as("threads that filed").hasSize(2);
    // What operations see on /metrics: every SMS in one committed batch, a backlog in full ones.
    assertThat(batches.sizes.stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(CUSTOMERS * EACH);
    assertThat(batches.sizes)
        .allMatch(n -> n > 0 && n <= InboxCore.FILING_BATCH)
        .contains(InboxCore.FILING_BATCH);
  }

  private static final class FilingBatches implements InboxTelemetry {
    final List<Integer> sizes = new CopyOnWriteArrayList<>();

    @Override
    public void filingBatch(int sms, Duration took) {
      sizes.add(sms);
    }
  }

  private static String customer(int n) {
    return "+1415555" + String.format("%04d", 1000 + n);
  }

  private long count(String sql) {
    try (Connection c = pool.getConnection();
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
