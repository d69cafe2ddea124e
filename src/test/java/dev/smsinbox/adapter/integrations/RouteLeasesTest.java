package dev.smsinbox.adapter.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.persistence.JdbcInboxEvents;
import dev.smsinbox.adapter.persistence.JdbcIntegratorDeliveries;
import dev.smsinbox.adapter.persistence.TestDatabases;
import dev.smsinbox.application.assistant.SummarizeConversations;
import dev.smsinbox.application.port.InboxEventLog.Position;
import jakarta.json.bind.JsonbBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * Several instances of the inbox on one database (issue 19), each with a listener for the same
 * integrator route: the holder of the route's lease delivers, each event once and in the log's
 * order; a holder that died (its lease left behind, never renewed) is taken over once the lease
 * runs out; one that stops in order gives the route up at once.
 */
class RouteLeasesTest {

  private static final String ROUTE = "crm-sync";
  private static final String ENDPOINT = "direct://conversation.summarized.crm";

  private final DefaultCamelContext camel = new DefaultCamelContext();
  private final ExecutorService calls = Executors.newCachedThreadPool();
  private final List<Long> delivered = new CopyOnWriteArrayList<>();
  private final List<Instant> deliveredAt = new CopyOnWriteArrayList<>();
  private final List<RouteListener> listeners = new ArrayList<>();
  private HikariDataSource pool;
  private JdbcUnitOfWork unitOfWork;
  private JdbcInboxEvents events;
  private JdbcIntegratorDeliveries deliveries;

  private void open(String database) throws Exception {
    pool = TestDatabases.open(database, "inbox_unit_leases");
    unitOfWork = new JdbcUnitOfWork(pool);
    events =
        new JdbcInboxEvents(unitOfWork, JsonbBuilder.create(), Clock.systemUTC(), (t, b) -> {});
    deliveries = new JdbcIntegratorDeliveries(unitOfWork);
    camel.addRoutes(
        new RouteBuilder() {
          @Override
          public void configure() {
            from(ENDPOINT)
                .routeId(ROUTE)
                .process(
                    exchange -> {
                      deliveredAt.add(Instant.now());
                      delivered.add(exchange.getMessage().getHeader("SmsInboxEventId", Long.class));
                    });
          }
        });
    camel.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    listeners.forEach(RouteListener::stop);
    camel.close();
    calls.shutdownNow();
    calls.awaitTermination(5, TimeUnit.SECONDS);
    if (pool != null) {
      pool.close();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.smsinbox.adapter.persistence.TestDatabases#both")
  void twoInstancesDeliverEachEventOnceInTheLogsOrder(String database) throws Exception {
    open(database);
    Position start = events.last();
    listener("instance-a").start(start);
    listener("instance-b").start(start);

    int count = 60;
    for (int i = 0; i < count; i++) {
      publish("event " + i);
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> delivered.size() >= count);
    // The instance without the lease would deliver them again: it never does.
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> delivered.size() == count);
    List<Long> inLogOrder = events.after(start, 1000).stream().map(e -> e.id()).toList();
    assertThat(delivered).isEqualTo(inLogOrder);
  }

  @ParameterizedTest
  @MethodSource("dev.smsinbox.adapter.persistence.TestDatabases#both")
  void theRouteOfAnInstanceThatDiedIsTakenOverOnceItsLeaseRanOut(String database) throws Exception {
    open(database);
    Position start = events.last();
    Clock clock = Clock.systemUTC();
    // What a killed instance leaves: the route's lease, held for two more seconds, never renewed.
    deliveries.cursor(ROUTE, start, clock.instant());
    Instant leaseEnds = clock.instant().plusSeconds(2);
    assertThat(deliveries.lease(ROUTE, "killed-instance", clock.instant(), leaseEnds)).isTrue();
    publish("while the holder is dead");

    listener("instance-a").start(start);

    await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 1);
    assertThat(deliveredAt.get(0)).as("delivered once the lease had run out").isAfter(leaseEnds);
    assertThat(deliveries.lease(ROUTE, "killed-instance", clock.instant(), clock.instant()))
        .as("the dead instance's lease, taken over")
        .isFalse();
  }

  @ParameterizedTest
  @MethodSource("dev.smsinbox.adapter.persistence.TestDatabases#both")
  void anInstanceThatStopsGivesTheRouteUpAtOnce(String database) throws Exception {
    open(database);
    Position start = events.last();
    RouteListener first = listener("instance-a");
    first.start(start);
    publish("first");
    await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 1);
    RouteListener second = listener("instance-b");
    second.start(start);

    first.stop();
    publish("second");

    // The lease is 30 s: only its release lets the other instance deliver this soon.
    await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 2);
    assertThat(delivered).doesNotHaveDuplicates();
  }

  private void publish(String text) {
    unitOfWork.run(
        () ->
            events.publish(
                "default",
                SummarizeConversations.EVENT,
                Map.of("conversationId", 7, "text", text)));
  }

  private RouteListener listener(String holder) {
    RouteListener listener =
        new RouteListener(
            ROUTE,
            ENDPOINT,
            IntegratorContract.eventOf(ENDPOINT).orElseThrow(),
            camel,
            deliveries,
            new IntegratorSettings(
                3,
                Duration.ofMillis(100),
                Duration.ofMillis(100),
                Duration.ofSeconds(5),
                Duration.ofMillis(50),
                Duration.ofSeconds(2),
                Duration.ofSeconds(30)),
            IntegratorTelemetry.NONE,
            null,
            calls,
            Clock.systemUTC(),
            holder);
    listeners.add(listener);
    return listener;
  }
}
