package dev.smsinbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.persistence.JdbcIdempotencyKeys;
import dev.smsinbox.adapter.persistence.JdbcInboxEvents;
import dev.smsinbox.application.port.InboxTelemetry;
import jakarta.json.bind.JsonbBuilder;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HousekeepingTest {

  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  private JdbcDataSource db;
  private Housekeeping housekeeping;

  @BeforeEach
  void aDatabase() {
    db = new JdbcDataSource();
    db.setURL("jdbc:h2:mem:housekeeping-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    FlywayMigration.configure(db).load().migrate();
    JdbcUnitOfWork unitOfWork = new JdbcUnitOfWork(db);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    JdbcInboxEvents events =
        new JdbcInboxEvents(unitOfWork, JsonbBuilder.create(), clock, (type, body) -> {});
    JdbcIdempotencyKeys keys =
        new JdbcIdempotencyKeys(unitOfWork, clock, Duration.ofHours(24), Duration.ofSeconds(10));
    housekeeping =
        new Housekeeping(
            unitOfWork,
            events,
            keys,
            Duration.ofDays(7),
            Duration.ofDays(1),
            InboxTelemetry.NONE,
            clock,
            "this-instance");
  }

  @Test
  void oldEventsGoOnceEveryLiveRouteHasReadThem() throws Exception {
    sql(
        "insert into inbox_event (id, type, payload, created_at) values"
            + " (1, 'message.received', '{}', timestamp with time zone '2026-11-01 00:00:00+00'),"
            + " (2, 'message.received', '{}', timestamp with time zone '2026-11-02 00:00:00+00'),"
            + " (3, 'message.received', '{}', timestamp with time zone '2026-11-23 00:00:00+00')");
    // A live route has read up to event 1; a route gone for weeks is not waited for.
    sql(
        "insert into integrator_cursor (route_id, last_event_id, updated_at) values"
            + " ('live', 1, timestamp with time zone '2026-11-24 11:00:00+00'),"
            + " ('gone', 0, timestamp with time zone '2026-10-01 00:00:00+00')");

    housekeeping.run();

    assertThat(ids()).isEqualTo("2,3");
  }

  @Test
  void unclaimedReceiptsGoAfterADay() throws Exception {
    sql(
        "insert into early_receipt (smsc_message_id, status, received_at) values"
            + " ('old', 'DELIVERED', timestamp with time zone '2026-11-22 00:00:00+00'),"
            + " ('new', 'DELIVERED', timestamp with time zone '2026-11-24 11:00:00+00')");

    housekeeping.run();

    try (Connection c = db.getConnection();
        var rs = c.createStatement().executeQuery("select smsc_message_id from early_receipt")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("new");
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void idempotencyKeysGoAfterTwentyFourHoursWithWhatTheyRecorded() throws Exception {
    sql(
        "insert into idempotency_key (id, endpoint, caller, idem_key, request_hash, answer_status,"
            + " created_at) values"
            + " (1, 'POST /api/sms/batches', 'crm', 'old', 'h', 202,"
            + " timestamp with time zone '2026-11-23 11:59:00+00'),"
            + " (2, 'POST /api/sms/batches', 'crm', 'new', 'h', null,"
            + " timestamp with time zone '2026-11-23 12:01:00+00')");
    sql(
        "insert into idempotency_key_item (key_id, position, outcome) values"
            + " (1, 0, '{}'), (2, 0, '{}')");

    housekeeping.run();

    try (Connection c = db.getConnection();
        var keys = c.createStatement().executeQuery("select idem_key from idempotency_key")) {
      keys.next();
      assertThat(keys.getString(1)).isEqualTo("new");
      assertThat(keys.next()).isFalse();
    }
    try (Connection c = db.getConnection();
        var items = c.createStatement().executeQuery("select key_id from idempotency_key_item")) {
      items.next();
      assertThat(items.getLong(1)).isEqualTo(2);
      assertThat(items.next()).isFalse();
    }
  }

  private String ids() throws Exception {
    StringBuilder ids = new StringBuilder();
    try (Connection c = db.getConnection();
        var rs = c.createStatement().executeQuery("select id from inbox_event order by id")) {
      while (rs.next()) {
        ids.append(ids.length() == 0 ? "" : ",").append(rs.getLong(1));
      }
    }
    return ids.toString();
  }

  private void sql(String statement) throws Exception {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }
}
