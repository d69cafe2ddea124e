package dev.smsinbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.smsinbox.MovingClock;
import dev.smsinbox.adapter.persistence.TestDatabases;
import dev.smsinbox.application.Callers;
import dev.smsinbox.application.MessageHooks;
import dev.smsinbox.application.inbound.InboundSms;
import dev.smsinbox.application.inbound.InboundWaiting;
import dev.smsinbox.application.port.InboxEvents;
import dev.smsinbox.application.port.InboxTelemetry;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * While acknowledged SMS wait in the journal (a flood: filing holds back), the screens of the
 * account whose number was texted are told how many, and told again once they are filed — by this
 * instance or by another sharing the database. Another account hears nothing of it.
 */
class InboundWaitingTest {

  private static final Instant NOW = Instant.parse("2026-12-05T09:00:00Z");
  private static final String OURS = "+14155550100";
  private static final String THEIRS = "+14155550200";

  private final MovingClock clock = new MovingClock(NOW);
  private HikariDataSource pool;
  private final List<InboxCore> cores = new ArrayList<>();

  @AfterEach
  void close() {
    cores.forEach(core -> core.inboundFiler.close());
    if (pool != null) {
      pool.close();
    }
  }

  private InboxCore instance(String name) {
    InboxCore core =
        new InboxCore(
            pool,
            TestSettings.inbox(),
            MessageHooks.none(),
            InboxTelemetry.NONE,
            JsonbBuilder.create(),
            clock,
            (type, body) -> {},
            () -> {},
            name);
    cores.add(core);
    return core;
  }

  /** The instance "here" on a fresh database, with a number of acme's and one of globex's. */
  private InboxCore twoAccounts(String database) {
    pool = TestDatabases.open(database, "inbox_unit_waiting");
    InboxCore here = instance("here");
    here.manageNumbers().save(Callers.admin("acme"), OURS, "US", true, true);
    here.manageNumbers().save(Callers.admin("globex"), THEIRS, "US", true, true);
    return here;
  }

  @ParameterizedTest
  @MethodSource("dev.smsinbox.adapter.persistence.TestDatabases#both")
  void anAccountsScreensAreToldHowManyWaitAndWhenNoneDo(String database) {
    InboxCore here = twoAccounts(database);
    here.receiveSms.acceptAll(sms(40, OURS));

    // At once: filing may be a moment away, nothing is said (nor is the journal read).
    clock.advance(Duration.ofSeconds(1));
    here.inboundWaiting.look();
    assertThat(told("acme")).isEmpty();

    clock.advance(InboundWaiting.NOTICE_AFTER);
    here.inboundWaiting.look();
    assertThat(told("acme")).singleElement().satisfies(e -> assertThat(waiting(e)).isEqualTo(40));
    assertThat(told("acme").get(0).getString("instance")).isEqualTo("here");
    assertThat(told("acme").get(0).getString("since")).isEqualTo(NOW.toString());

    // More come; each look says how many wait now.
    here.receiveSms.acceptAll(sms(2, OURS));
    clock.advance(InboundWaiting.LOOK_EVERY);
    here.inboundWaiting.look();
    assertThat(told("acme")).extracting(InboundWaitingTest::waiting).containsExactly(40L, 42L);

    // Filed by another instance sharing the database: this one sees the journal move on.
    InboxCore there = instance("there");
    there.inboundFiler.fileDue();
    clock.advance(InboundWaiting.LOOK_EVERY);
    here.inboundWaiting.look();
    here.inboundWaiting.look();
    assertThat(told("acme")).extracting(InboundWaitingTest::waiting).containsExactly(40L, 42L, 0L);
    assertThat(told("globex")).as("another account's screens").isEmpty();
  }

  @ParameterizedTest
  @MethodSource("dev.smsinbox.adapter.persistence.TestDatabases#both")
  void eachAccountHearsOfItsOwnSmsOnly(String database) {
    InboxCore here = twoAccounts(database);
    List<InboundSms> both = new ArrayList<>(sms(3, OURS));
    both.addAll(sms(5, THEIRS));
    here.receiveSms.acceptAll(both);

    clock.advance(InboundWaiting.NOTICE_AFTER.plusSeconds(1));
    here.inboundWaiting.look();

    assertThat(told("acme")).extracting(InboundWaitingTest::waiting).containsExactly(3L);
    assertThat(told("globex")).extracting(InboundWaitingTest::waiting).containsExactly(5L);
  }

  private static List<InboundSms> sms(int count, String to) {
    return IntStream.range(0, count)
        .mapToObj(n -> new InboundSms("+1415555" + (1000 + n), to, "Reply " + n, 1, "GSM7", NOW))
        .toList();
  }

  private static long waiting(JsonObject event) {
    return event.getJsonNumber("waiting").longValue();
  }

  /** The inbound.waiting events recorded for the account's screens, in order. */
  private List<JsonObject> told(String account) {
    List<JsonObject> events = new ArrayList<>();
    try (Connection c = pool.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select payload from inbox_event where type = ? and tenant_id = ? order by id")) {
      ps.setString(1, InboxEvents.INBOUND_WAITING);
      ps.setString(2, account);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          events.add(Json.createReader(new StringReader(rs.getString(1))).readObject());
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return events;
  }
}
