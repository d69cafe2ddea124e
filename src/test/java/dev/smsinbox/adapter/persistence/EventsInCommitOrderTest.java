package dev.smsinbox.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.application.port.InboxEventLog.Position;
import dev.smsinbox.application.port.InboxEventLog.StoredEvent;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The event log's readers — the live stream's replay and the integrators' cursors — never pass over
 * an event that commits after one they have read (issue 18), on H2 and on PostgreSQL.
 */
class EventsInCommitOrderTest {

  private static final String SCHEMA = "inbox_unit_events";
  private static final String TYPE = "conversation.summarized";
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static final Jsonb JSON = JsonbBuilder.create();

  private HikariDataSource pool;
  private JdbcUnitOfWork unitOfWork;
  private JdbcInboxEvents events;
  private JdbcIntegratorDeliveries deliveries;

  private void open(String database, String version) {
    pool = TestDatabases.open(database, SCHEMA, version);
    unitOfWork = new JdbcUnitOfWork(pool);
    events =
        new JdbcInboxEvents(unitOfWork, JsonbBuilder.create(), Clock.systemUTC(), (t, b) -> {});
    deliveries = new JdbcIntegratorDeliveries(unitOfWork);
  }

  @AfterEach
  void close() {
    if (pool != null) {
      pool.close();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.smsinbox.adapter.persistence.TestDatabases#both")
  void anEventCommittedAfterOneAlreadyReadIsStillRead(String database) throws Exception {
    open(database, null);
    Reader live = new Reader(after -> events.after(after, 100));
    Reader route = new Reader(after -> deliveries.after(after, Set.of(TYPE), 100));

    try (HeldTransaction older = HeldTransaction.publish(unitOfWork, events, TYPE, text("held"))) {
      unitOfWork.run(() -> events.publish("default", TYPE, text("later")));

      // Both readers look while the older transaction is still under way.
      live.readOn();
      route.readOn();
      if (database.equals("H2")) {
        // Publishing transactions take turns, so ids follow commit order: the later one is there.
        assertThat(live.texts).containsExactly("later");
      } else {
        // The later event waits until the older transaction, whose number is lower, has ended.
        assertThat(live.texts).isEmpty();
      }
      assertThat(route.texts).isEqualTo(live.texts);

      older.commit();
    }
    // (On the shared PostgreSQL of a build machine another session's transaction may hold them
    // back a moment longer.)
    await().atMost(PATIENCE).until(() -> live.readOn().size() == 2);
    await().atMost(PATIENCE).until(() -> route.readOn().size() == 2);

    // Nothing passed over, nothing twice: on H2 in commit order, on PostgreSQL in the order of the
    // transactions' numbers.
    List<String> expected =
        database.equals("H2") ? List.of("later", "held") : List.of("held", "later");
    assertThat(live.texts).isEqualTo(expected);
    assertThat(route.texts).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("dev.smsinbox.adapter.persistence.TestDatabases#both")
  void anEventInsertedButNotYetCommittedIsNotOvertaken(String database) throws Exception {
    open(database, null);
    Reader live = new Reader(after -> events.after(after, 100));
    Reader route = new Reader(after -> deliveries.after(after, Set.of(TYPE), 100));
    ExecutorService younger = Executors.newSingleThreadExecutor();
    try (HeldTransaction older =
        HeldTransaction.publishAndHoldAtCommit(unitOfWork, events, TYPE, text("held"))) {
      Future<?> later =
          younger.submit(
              () -> unitOfWork.run(() -> events.publish("default", TYPE, text("later"))));
      if (database.equals("H2")) {
        // It waits for its turn: the older transaction took the turn with its insert.
        await()
            .during(Duration.ofMillis(300))
            .atMost(Duration.ofSeconds(1))
            .until(() -> !later.isDone());
      } else {
        later.get(10, TimeUnit.SECONDS);
      }

      assertThat(live.readOn()).isEmpty();
      assertThat(route.readOn()).isEmpty();

      older.commit();
      later.get(10, TimeUnit.SECONDS);
    } finally {
      younger.shutdown();
    }
    await().atMost(PATIENCE).until(() -> live.readOn().size() == 2);
    await().atMost(PATIENCE).until(() -> route.readOn().size() == 2);

    // The older one committed first on H2 and has the lower number on PostgreSQL.
    assertThat(live.texts).containsExactly("held", "later");
    assertThat(route.texts).containsExactly("held", "later");
  }

  @ParameterizedTest
  @MethodSource("dev.smsinbox.adapter.persistence.TestDatabases#both")
  void cursorsAndScreenIdsKeptBeforeTheUpgradeGoOnWithoutReplayOrSkip(String database)
      throws Exception {
    open(database, "12");
    for (String text : List.of("one", "two", "three")) {
      sql(
          "insert into inbox_event (type, payload, created_at) values ('"
              + TYPE
              + "', '{\"text\":\""
              + text
              + "\"}', current_timestamp)");
    }
    sql(
        "insert into integrator_cursor (route_id, last_event_id, updated_at)"
            + " select 'crm', id, current_timestamp from inbox_event"
            + " where payload = '{\"text\":\"two\"}'");
    long two = idOf("two");

    TestDatabases.migrate(pool, database, SCHEMA);
    unitOfWork.run(() -> events.publish("default", TYPE, text("four")));

    Position cursor = deliveries.cursor("crm", Position.START, NOW);
    assertThat(cursor).isEqualTo(new Position(0, two));
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(texts(deliveries.after(cursor, Set.of(TYPE), 10)))
                    .containsExactly("three", "four"));
    // A screen that saw event "two" before the upgrade reconnects with its id as Last-Event-ID.
    assertThat(texts(events.after(Position.parse(Long.toString(two)), 10)))
        .containsExactly("three", "four");
  }

  @ParameterizedTest
  @MethodSource("dev.smsinbox.adapter.persistence.TestDatabases#both")
  void thePurgeDeletesOnlyOldEventsThatEveryLiveRouteHasRead(String database) throws Exception {
    open(database, null);
    Instant old = NOW.minus(Duration.ofDays(10));
    JdbcInboxEvents back =
        new JdbcInboxEvents(
            unitOfWork, JsonbBuilder.create(), Clock.fixed(old, ZoneOffset.UTC), (t, b) -> {});
    // On PostgreSQL more old events than one transaction of the purge deletes.
    int each = database.equals("H2") ? 3 : JdbcInboxEvents.PURGE_CHUNK / 2 + 1;
    List<Map<String, String>> many = new ArrayList<>();
    for (int i = 0; i < each; i++) {
      many.add(text("old " + i));
    }
    unitOfWork.run(() -> back.publishAll("default", TYPE, many));
    unitOfWork.run(() -> back.publishAll("default", TYPE, many));
    unitOfWork.run(() -> back.publish("default", TYPE, text("read by all")));
    unitOfWork.run(() -> back.publish("default", TYPE, text("old, not read yet")));
    unitOfWork.run(() -> events.publish("default", TYPE, text("new")));
    deliveries.cursor("live", positionOf("read by all"), NOW);
    deliveries.cursor("gone", Position.START, NOW.minus(Duration.ofDays(30)));

    int purged = events.purgeBefore(NOW.minus(Duration.ofDays(7)));

    assertThat(purged).isEqualTo(2 * many.size() + 1);
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(texts(events.after(Position.START, 10)))
                    .containsExactly("old, not read yet", "new"));
  }

  /** A reader of the log going on from where it stopped, as the screens and the routes do. */
  private static final class Reader {
    final Function<Position, List<StoredEvent>> log;
    final List<String> texts = new ArrayList<>();
    Position at = Position.START;

    Reader(Function<Position, List<StoredEvent>> log) {
      this.log = log;
    }

    List<String> readOn() {
      List<StoredEvent> batch = log.apply(at);
      texts.addAll(texts(batch));
      if (!batch.isEmpty()) {
        at = batch.get(batch.size() - 1).position();
      }
      return texts;
    }
  }

  /** The id of the event with this text, read from the table itself (any schema version). */
  private long idOf(String text) throws Exception {
    try (Connection c = pool.getConnection();
        PreparedStatement s =
            c.prepareStatement("select id from inbox_event where payload in (?, ?)")) {
      // As written before accounts, or with its account first as every event is since.
      s.setString(1, JSON.toJson(text(text)));
      s.setString(2, "{\"accountId\":\"default\"," + JSON.toJson(text(text)).substring(1));
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).as("event %s", text).isTrue();
        return rs.getLong(1);
      }
    }
  }

  /** Where the event with this text stands, read from the table itself. */
  private Position positionOf(String text) throws Exception {
    try (Connection c = pool.getConnection();
        PreparedStatement s =
            c.prepareStatement("select tx, id from inbox_event where payload = ?")) {
      // Stored with its account first, as every event is.
      s.setString(1, "{\"accountId\":\"default\"," + JSON.toJson(text(text)).substring(1));
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).as("event %s", text).isTrue();
        return new Position(rs.getLong(1), rs.getLong(2));
      }
    }
  }

  private static List<String> texts(List<StoredEvent> batch) {
    return batch.stream()
        .map(e -> JSON.fromJson(e.payload(), Map.class).get("text").toString())
        .toList();
  }

  private static Map<String, String> text(String text) {
    return Map.of("text", text);
  }

  private void sql(String statement) throws Exception {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }
}
