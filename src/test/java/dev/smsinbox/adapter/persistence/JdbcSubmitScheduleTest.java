package dev.smsinbox.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The carrier account's submit schedule shared by two instances (issue 19): asked at the same
 * moment by both, it hands out slots one interval apart and never two alike, so together they get
 * SMPP_SUBMIT_TPS slots a second; each account has its own. On H2 and on PostgreSQL (-Ppostgres;
 * schema submit_schedule).
 */
class JdbcSubmitScheduleTest {

  /** Of this build (-Dit.pg.schema): two builds side by side never share it. */
  private static final String SCHEMA =
      System.getProperty("test.pg.schema", "inbox_unit") + "_submit_schedule";

  /** 50 parts a second: a slot every 20 ms. */
  private static final long INTERVAL = 20_000;

  private static final long LAG = 100_000;
  private static final long T0 = 1_790_000_000_000_000L;

  private HikariDataSource pool;
  private final ExecutorService instances = Executors.newFixedThreadPool(2);

  @AfterEach
  void close() {
    instances.shutdownNow();
    if (pool != null) {
      pool.close();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.smsinbox.adapter.persistence.TestDatabases#both")
  void twoInstancesAskingTogetherGetDistinctSlotsOneIntervalApart(String database)
      throws Exception {
    pool = TestDatabases.open(database, SCHEMA);
    ConcurrentLinkedQueue<Long> slots = new ConcurrentLinkedQueue<>();
    CyclicBarrier together = new CyclicBarrier(2);
    List<Future<?>> asking = new ArrayList<>();
    for (int instance = 0; instance < 2; instance++) {
      JdbcSubmitSchedule schedule = new JdbcSubmitSchedule(new JdbcUnitOfWork(pool));
      asking.add(
          instances.submit(
              () -> {
                together.await();
                // The clock stands still at T0: the instances ask faster than the slots come.
                for (int i = 0; i < 100; i++) {
                  slots.add(schedule.take("smsinbox", T0, INTERVAL, LAG));
                }
                return null;
              }));
    }
    for (Future<?> f : asking) {
      f.get(2, TimeUnit.MINUTES);
    }

    List<Long> sorted = slots.stream().sorted().toList();
    assertThat(sorted).hasSize(200).doesNotHaveDuplicates();
    for (int k = 0; k < sorted.size(); k++) {
      assertThat(sorted.get(k)).as("slot %d", k).isEqualTo(T0 + k * INTERVAL);
    }
    // In any one second of the schedule: 50 slots (SMPP_SUBMIT_TPS), whichever instance took them.
    assertThat(sorted.stream().filter(s -> s >= T0 + 1_000_000 && s < T0 + 2_000_000).count())
        .isEqualTo(50);
  }

  @ParameterizedTest
  @MethodSource("dev.smsinbox.adapter.persistence.TestDatabases#both")
  void anIdleAccountBanksNoBurstAndAccountsAreSeparate(String database) {
    pool = TestDatabases.open(database, SCHEMA);
    JdbcSubmitSchedule a = new JdbcSubmitSchedule(new JdbcUnitOfWork(pool));
    JdbcSubmitSchedule b = new JdbcSubmitSchedule(new JdbcUnitOfWork(pool));

    assertThat(a.take("smsinbox", T0, INTERVAL, LAG)).isEqualTo(T0);
    assertThat(b.take("smsinbox", T0, INTERVAL, LAG)).isEqualTo(T0 + INTERVAL);
    assertThat(b.take("other-account", T0, INTERVAL, LAG)).as("its own schedule").isEqualTo(T0);

    // Asked a little late, the schedule keeps its pace; idle for a second, it restarts then.
    assertThat(a.take("smsinbox", T0 + 50_000, INTERVAL, LAG)).isEqualTo(T0 + 2 * INTERVAL);
    assertThat(a.take("smsinbox", T0 + 1_000_000, INTERVAL, LAG)).isEqualTo(T0 + 1_000_000);
    assertThat(b.take("smsinbox", T0 + 1_000_000, INTERVAL, LAG))
        .isEqualTo(T0 + 1_000_000 + INTERVAL);
  }
}
