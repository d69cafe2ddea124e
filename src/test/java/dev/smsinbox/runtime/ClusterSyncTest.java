package dev.smsinbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.persistence.AccountChanges;
import dev.smsinbox.adapter.persistence.JdbcCrmSettingsRepository;
import dev.smsinbox.adapter.persistence.JdbcInboxEvents;
import dev.smsinbox.adapter.persistence.JdbcSenderNumberRepository;
import dev.smsinbox.adapter.persistence.TestDatabases;
import dev.smsinbox.application.assistant.SummarizeConversations;
import dev.smsinbox.domain.crm.CrmSettings;
import jakarta.json.bind.JsonbBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Another instance of the inbox on the same database (issue 19) hears what this one changed: told
 * at once on PostgreSQL (NOTIFY), else by its poll of the account changes.
 */
class ClusterSyncTest {

  private final Clock clock = Clock.systemUTC();
  private final List<String> numbersDropped = new CopyOnWriteArrayList<>();
  private final List<String> crmDropped = new CopyOnWriteArrayList<>();
  private final AtomicInteger woken = new AtomicInteger();
  private HikariDataSource pool;
  private ClusterSync other;

  @AfterEach
  void close() {
    if (other != null) {
      other.close();
    }
    if (pool != null) {
      pool.close();
    }
  }

  private JdbcUnitOfWork open(String database, Duration poll) {
    pool = TestDatabases.open(database, "inbox_unit_cluster_sync");
    JdbcUnitOfWork unitOfWork = new JdbcUnitOfWork(pool);
    other =
        new ClusterSync(pool, unitOfWork, poll, clock)
            .onChange(AccountChanges.NUMBERS, numbersDropped::add)
            .onChange(AccountChanges.CRM_SETTINGS, crmDropped::add)
            .start(woken::incrementAndGet);
    return unitOfWork;
  }

  @Test
  void onPostgresqlAChangeAndACommittedEventAreNoticedAtOnce() {
    // Polled once an hour: only the notice can tell the other instance within the test.
    JdbcUnitOfWork unitOfWork = open("PostgreSQL", Duration.ofHours(1));
    await().atMost(Duration.ofSeconds(10)).until(other::listening);
    JdbcSenderNumberRepository numbers = new JdbcSenderNumberRepository(unitOfWork);
    JdbcCrmSettingsRepository crm = new JdbcCrmSettingsRepository(unitOfWork);

    unitOfWork.run(() -> numbers.save("acme", "+14155550200", "US", true, true, clock.instant()));
    unitOfWork.run(
        () -> crm.save("globex", new CrmSettings("embedded", Map.of()), clock.instant()));

    await().atMost(Duration.ofSeconds(10)).until(() -> numbersDropped.contains("acme"));
    await().atMost(Duration.ofSeconds(10)).until(() -> crmDropped.contains("globex"));
    assertThat(numbersDropped).doesNotContain("globex");
    assertThat(crmDropped).doesNotContain("acme");

    // A change rolled back is never heard of.
    try {
      unitOfWork.run(
          () -> {
            numbers.save("initech", "+14155550400", "US", true, true, clock.instant());
            throw new IllegalStateException("rolled back");
          });
    } catch (IllegalStateException expected) {
      // the point
    }

    int before = woken.get();
    JdbcInboxEvents events =
        new JdbcInboxEvents(unitOfWork, JsonbBuilder.create(), clock, (t, b) -> {});
    unitOfWork.run(
        () ->
            events.publish(
                "default", SummarizeConversations.EVENT, Map.of("conversationId", 7, "text", "x")));
    await().atMost(Duration.ofSeconds(10)).until(() -> woken.get() > before);
    assertThat(numbersDropped).doesNotContain("initech");
  }

  @Test
  void withoutNoticesTheChangeIsFoundByThePoll() {
    // H2 has no LISTEN: the listener never gets going, and the poll (every 200 ms) finds it.
    JdbcUnitOfWork unitOfWork = open("H2", Duration.ofMillis(200));
    JdbcSenderNumberRepository numbers = new JdbcSenderNumberRepository(unitOfWork);

    unitOfWork.run(() -> numbers.save("acme", "+14155550200", "US", true, true, clock.instant()));

    await().atMost(Duration.ofSeconds(10)).until(() -> numbersDropped.contains("acme"));
    assertThat(other.listening()).isFalse();
  }
}
