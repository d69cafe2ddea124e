package dev.smsinbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.smsinbox.MovingClock;
import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.persistence.JdbcIdempotencyKeys;
import dev.smsinbox.adapter.persistence.JdbcInboxEvents;
import dev.smsinbox.adapter.persistence.TestDatabases;
import dev.smsinbox.application.port.InboxTelemetry;
import jakarta.json.bind.JsonbBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two instances' housekeeping on one database (issue 19): each chore runs on one of them, the one
 * holding the housekeeping lease; when it stops renewing (it died), the other takes over once the
 * lease has run out; an orderly stop hands it over at once. On H2 and on PostgreSQL (-Ppostgres;
 * schema cluster_housekeeping).
 */
class ClusterHousekeepingTest {

  /** Of this build (-Dit.pg.schema): two builds side by side never share it. */
  private static final String SCHEMA =
      System.getProperty("test.pg.schema", "inbox_unit") + "_c_housekeeping";

  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  private HikariDataSource pool;
  private final MovingClock clock = new MovingClock(NOW);
  private final ExecutorService instances = Executors.newFixedThreadPool(2);

  private Housekeeping housekeeping(String instance) {
    JdbcUnitOfWork unitOfWork = new JdbcUnitOfWork(pool);
    return new Housekeeping(
        unitOfWork,
        new JdbcInboxEvents(unitOfWork, JsonbBuilder.create(), clock, (type, body) -> {}),
        new JdbcIdempotencyKeys(unitOfWork, clock, Duration.ofHours(24), Duration.ofSeconds(10)),
        Duration.ofDays(7),
        Duration.ofDays(1),
        InboxTelemetry.NONE,
        clock,
        instance);
  }

  @AfterEach
  void close() {
    instances.shutdownNow();
    if (pool != null) {
      pool.close();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.smsinbox.adapter.persistence.TestDatabases#both")
  void twoInstancesRunEachChoreOnce(String database) throws Exception {
    pool = TestDatabases.open(database, SCHEMA);
    Housekeeping a = housekeeping("instance-a");
    Housekeeping b = housekeeping("instance-b");
    AtomicInteger ranOnA = new AtomicInteger();
    AtomicInteger ranOnB = new AtomicInteger();

    // Fifty times, both instances' timers fire at the same moment.
    for (int tick = 0; tick < 50; tick++) {
      CyclicBarrier together = new CyclicBarrier(2);
      Future<?> onA =
          instances.submit(
              () -> {
                together.await();
                return a.runIfLeading(ranOnA::incrementAndGet);
              });
      Future<?> onB =
          instances.submit(
              () -> {
                together.await();
                return b.runIfLeading(ranOnB::incrementAndGet);
              });
      onA.get(1, TimeUnit.MINUTES);
      onB.get(1, TimeUnit.MINUTES);
      clock.advance(Duration.ofSeconds(1));
    }

    assertThat(ranOnA.get() + ranOnB.get()).as("chores run in all").isEqualTo(50);
    assertThat(List.of(ranOnA.get(), ranOnB.get()))
        .as("all on the instance that took the lease first")
        .contains(0);
  }

  @ParameterizedTest
  @MethodSource("dev.smsinbox.adapter.persistence.TestDatabases#both")
  void anotherInstanceTakesOverWhenTheHolderStopsRenewing(String database) {
    pool = TestDatabases.open(database, SCHEMA);
    Housekeeping a = housekeeping("instance-a");
    Housekeeping b = housekeeping("instance-b");
    List<String> ran = new ArrayList<>();

    assertThat(a.runIfLeading(() -> ran.add("a"))).isTrue();
    clock.advance(Housekeeping.LEASE.minusSeconds(1));
    assertThat(b.runIfLeading(() -> ran.add("b"))).as("A's lease still holds").isFalse();

    // A died: it renews no more; once its lease has run out B takes the chores, and keeps them.
    clock.advance(Duration.ofSeconds(1));
    assertThat(b.runIfLeading(() -> ran.add("b"))).isTrue();
    assertThat(a.runIfLeading(() -> ran.add("a"))).isFalse();

    // An orderly stop hands the lease over at once.
    b.close();
    assertThat(a.runIfLeading(() -> ran.add("a"))).isTrue();
    assertThat(ran).containsExactly("a", "b", "a");
    a.close();
  }
}
