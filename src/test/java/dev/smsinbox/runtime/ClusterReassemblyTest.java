package dev.smsinbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.smsinbox.MovingClock;
import dev.smsinbox.adapter.persistence.TestDatabases;
import dev.smsinbox.application.Callers;
import dev.smsinbox.application.MessageHooks;
import dev.smsinbox.application.inbound.InboundSms;
import dev.smsinbox.application.port.InboxTelemetry;
import dev.smsinbox.sms.Concatenation;
import jakarta.json.bind.JsonbBuilder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parts of one concatenated SMS delivered over two binds, to two inbox instances on one
 * database (issue 19), at the same moment: one message, whole, once; a set whose parts stopped
 * coming is filed incomplete once although both instances' timeouts look at the same moment. On H2
 * and on PostgreSQL (-Ppostgres; schema &lt;it.pg.schema&gt;_unit_c_reassembly).
 */
class ClusterReassemblyTest {

  /** Of this build (-Dit.pg.schema): two builds side by side never share it. */
  private static final String SCHEMA =
      System.getProperty("test.pg.schema", "inbox_unit") + "_c_reassembly";

  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private static final String OURS = "+14155550100";

  private HikariDataSource pool;
  private InboxCore a;
  private InboxCore b;
  private final MovingClock clock = new MovingClock(NOW);
  private final ExecutorService binds = Executors.newFixedThreadPool(3);

  private void open(String database) {
    pool = TestDatabases.open(database, SCHEMA);
    a = core("instance-a");
    b = core("instance-b");
    a.manageNumbers().save(Callers.admin(), OURS, "US", true, true);
  }

  private InboxCore core(String instance) {
    return new InboxCore(
        pool,
        TestSettings.inbox(Duration.ofMinutes(10), Duration.ofDays(1)),
        MessageHooks.none(),
        InboxTelemetry.NONE,
        JsonbBuilder.create(),
        clock,
        (type, body) -> {},
        () -> {},
        instance);
  }

  @AfterEach
  void close() {
    binds.shutdownNow();
    if (pool != null) {
      pool.close();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.smsinbox.adapter.persistence.TestDatabases#both")
  void partsArrivingOnTwoInstancesAtOnceBecomeOneMessage(String database) throws Exception {
    open(database);
    for (int sms = 0; sms < 20; sms++) {
      String customer = String.format("+1415555%04d", 3000 + sms);
      int reference = 40 + sms;
      // Parts 1 and 3 reach instance A, part 2 instance B, all three at the same moment.
      CyclicBarrier together = new CyclicBarrier(3);
      List<Future<?>> arriving = new ArrayList<>();
      for (int part = 1; part <= 3; part++) {
        InboxCore instance = part == 2 ? b : a;
        InboundSms sms3 =
            new InboundSms(customer, OURS, "part" + part + " ", 1, "GSM7", clock.instant());
        Concatenation concatenation = new Concatenation(reference, 3, part);
        arriving.add(
            binds.submit(
                (Callable<Void>)
                    () -> {
                      together.await();
                      instance.reassembly.receivePart(sms3, concatenation);
                      return null;
                    }));
      }
      for (Future<?> f : arriving) {
        f.get(1, TimeUnit.MINUTES);
      }
    }
    a.inboundFiler.fileDue();

    for (int sms = 0; sms < 20; sms++) {
      String customer = String.format("+1415555%04d", 3000 + sms);
      assertThat(inbound(customer))
          .as("what %s sent", customer)
          .containsExactly("part1 part2 part3 |complete");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.smsinbox.adapter.persistence.TestDatabases#both")
  void anIncompleteSetIsFiledOnceWhenTwoInstancesTimeOutTogether(String database) throws Exception {
    open(database);
    for (int sms = 0; sms < 10; sms++) {
      String customer = String.format("+1415555%04d", 4000 + sms);
      for (int part = 1; part <= 2; part++) {
        (part == 1 ? a : b)
            .reassembly.receivePart(
                new InboundSms(customer, OURS, "part" + part + " ", 1, "GSM7", clock.instant()),
                new Concatenation(7, 3, part));
      }
    }
    clock.advance(Duration.ofMinutes(11));

    CyclicBarrier together = new CyclicBarrier(2);
    List<Future<Integer>> timeouts = new ArrayList<>();
    for (InboxCore instance : List.of(a, b)) {
      timeouts.add(
          binds.submit(
              () -> {
                together.await();
                return instance.reassembly.fileIncompleteSets();
              }));
    }
    int filed = 0;
    for (Future<Integer> f : timeouts) {
      filed += f.get(1, TimeUnit.MINUTES);
    }
    a.inboundFiler.fileDue();

    for (int sms = 0; sms < 10; sms++) {
      String customer = String.format("+1415555%04d", 4000 + sms);
      assertThat(inbound(customer))
          .as("what %s sent", customer)
          .containsExactly("part1 part2  […] |incomplete");
    }
    assertThat(filed).as("sets filed by both timeouts together").isEqualTo(10);
  }

  /** The customer's inbound messages: text and whether complete, oldest first. */
  private List<String> inbound(String customer) throws SQLException {
    try (Connection c = pool.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select m.body, m.incomplete from message m"
                    + " join conversation cv on cv.id = m.conversation_id"
                    + " join contact ct on ct.id = cv.contact_id"
                    + " where ct.phone = ? and m.direction = 'INBOUND' order by m.id")) {
      ps.setString(1, customer);
      List<String> found = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(rs.getString(1) + "|" + (rs.getBoolean(2) ? "incomplete" : "complete"));
        }
      }
      return found;
    }
  }
}
