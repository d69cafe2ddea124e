package dev.smsinbox.adapter.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.persistence.HeldTransaction;
import dev.smsinbox.adapter.persistence.JdbcInboxEvents;
import dev.smsinbox.adapter.persistence.JdbcIntegratorDeliveries;
import dev.smsinbox.adapter.persistence.TestDatabases;
import dev.smsinbox.application.port.InboxEventLog.Position;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An integrator's route listening while a transaction commits after a younger one: it hears both
 * events, once each, in the log's order, and its cursor ends past both (issue 18).
 */
class RoutesHearEventsInCommitOrderTest {

  private static final String ROUTE = "it-crm";
  private static final String ENDPOINT = "direct://conversation.summarized.crm";
  private static final String TYPE = "conversation.summarized";
  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static final Jsonb JSON = JsonbBuilder.create();

  private final DefaultCamelContext camel = new DefaultCamelContext();
  private final ExecutorService calls = Executors.newCachedThreadPool();
  private final List<String> heard = new CopyOnWriteArrayList<>();
  private HikariDataSource pool;
  private RouteListener listener;

  @AfterEach
  void tearDown() throws Exception {
    if (listener != null) {
      listener.stop();
    }
    camel.close();
    calls.shutdownNow();
    calls.awaitTermination(5, TimeUnit.SECONDS);
    if (pool != null) {
      pool.close();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.smsinbox.adapter.persistence.TestDatabases#both")
  void aRouteHearsAnEventThatCommitsAfterOneItHeard(String database) throws Exception {
    pool = TestDatabases.open(database, "inbox_unit_events");
    JdbcUnitOfWork unitOfWork = new JdbcUnitOfWork(pool);
    JdbcInboxEvents events =
        new JdbcInboxEvents(unitOfWork, JSON, Clock.systemUTC(), (type, body) -> listener.wake());
    JdbcIntegratorDeliveries deliveries = new JdbcIntegratorDeliveries(unitOfWork);
    camel.addRoutes(
        new RouteBuilder() {
          @Override
          public void configure() {
            from(ENDPOINT)
                .routeId(ROUTE)
                .process(
                    exchange ->
                        heard.add(
                            JSON.fromJson(exchange.getMessage().getBody(String.class), Map.class)
                                .get("text")
                                .toString()));
          }
        });
    camel.start();
    listener = listener(deliveries);
    listener.start(events.last());

    try (HeldTransaction older =
        HeldTransaction.publish(unitOfWork, events, TYPE, Map.of("text", "held"))) {
      unitOfWork.run(() -> events.publish("default", TYPE, Map.of("text", "later")));
      if (database.equals("H2")) {
        // Ids follow commit order on H2: the route hears the later event at once.
        await().atMost(PATIENCE).until(() -> heard.contains("later"));
      } else {
        // On PostgreSQL it waits for the older transaction (the listener looks every 50 ms here).
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(heard::isEmpty);
      }
      older.commit();
    }

    await().atMost(PATIENCE).until(() -> heard.size() == 2);
    assertThat(heard)
        .isEqualTo(database.equals("H2") ? List.of("later", "held") : List.of("held", "later"));
    // The cursor kept for the next start is past both: a restart hears neither again.
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(deliveries.cursor(ROUTE, Position.START, Clock.systemUTC().instant()))
                    .isEqualTo(events.last()));
  }

  private RouteListener listener(JdbcIntegratorDeliveries deliveries) {
    return new RouteListener(
        ROUTE,
        ENDPOINT,
        IntegratorContract.eventOf(ENDPOINT).orElseThrow(),
        camel,
        deliveries,
        new IntegratorSettings(
            5,
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Duration.ofSeconds(5),
            Duration.ofMillis(50),
            Duration.ofSeconds(2),
            Duration.ofSeconds(30)),
        IntegratorTelemetry.NONE,
        null,
        calls,
        Clock.systemUTC());
  }
}
