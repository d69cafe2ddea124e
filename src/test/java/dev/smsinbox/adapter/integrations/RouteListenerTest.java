package dev.smsinbox.adapter.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.persistence.JdbcInboxEvents;
import dev.smsinbox.adapter.persistence.JdbcIntegratorDeliveries;
import dev.smsinbox.application.assistant.SummarizeConversations;
import dev.smsinbox.application.port.InboxEventLog.Position;
import dev.smsinbox.runtime.FlywayMigration;
import jakarta.json.bind.JsonbBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An integrator's route listener stopping (a route file removed or changed, the inbox stopping).
 */
class RouteListenerTest {

  private static final String ROUTE = "it-crm";
  private static final String ENDPOINT = "direct://conversation.summarized.crm";

  private final DefaultCamelContext camel = new DefaultCamelContext();
  private final ExecutorService calls = Executors.newCachedThreadPool();
  private final List<Long> attempts = new CopyOnWriteArrayList<>();
  private volatile boolean crmDown = true;
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final Handler warningsKept =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.add(record.getMessage());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private JdbcUnitOfWork unitOfWork;
  private JdbcIntegratorDeliveries deliveries;

  @BeforeEach
  void setUp() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:listener-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    FlywayMigration.configure(h2).load().migrate();
    unitOfWork = new JdbcUnitOfWork(h2);
    deliveries = new JdbcIntegratorDeliveries(unitOfWork);
    camel.addRoutes(
        new RouteBuilder() {
          @Override
          public void configure() {
            from(ENDPOINT)
                .routeId(ROUTE)
                .process(
                    exchange -> {
                      attempts.add(exchange.getMessage().getHeader("SmsInboxEventId", Long.class));
                      if (crmDown) {
                        throw new IllegalStateException("the CRM does not answer");
                      }
                    });
          }
        });
    camel.start();
    Logger.getLogger(RouteListener.class.getName()).addHandler(warningsKept);
  }

  @AfterEach
  void tearDown() throws Exception {
    Logger.getLogger(RouteListener.class.getName()).removeHandler(warningsKept);
    camel.close();
    calls.shutdownNow();
    calls.awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void aListenerStoppedDuringABackOffEndsAndTheEventComesAgainAtTheNextStart() {
    JdbcInboxEvents events =
        new JdbcInboxEvents(unitOfWork, JsonbBuilder.create(), Clock.systemUTC(), (t, b) -> {});
    unitOfWork.run(
        () ->
            events.publish(
                "default",
                SummarizeConversations.EVENT,
                Map.of("conversationId", 7, "text", "Asks about hours")));
    long event = events.last().id();

    RouteListener first = listener();
    first.start(Position.START);
    // Refused once: the listener now waits ten minutes before the next attempt.
    await().atMost(Duration.ofSeconds(10)).until(() -> attempts.size() == 1);

    first.stop();

    assertThat(first.ended()).isTrue();
    // Ended by its signal, not by the interrupt that comes only when that fails.
    assertThat(warnings).noneMatch(w -> w.contains("did not stop in time"));
    crmDown = false;
    RouteListener second = listener();
    second.start(Position.START);
    await().atMost(Duration.ofSeconds(10)).until(() -> attempts.size() == 2);
    assertThat(attempts).containsExactly(event, event);
    second.stop();
    assertThat(second.ended()).isTrue();
  }

  private RouteListener listener() {
    return new RouteListener(
        ROUTE,
        ENDPOINT,
        IntegratorContract.eventOf(ENDPOINT).orElseThrow(),
        camel,
        deliveries,
        new IntegratorSettings(
            5,
            Duration.ofMinutes(10),
            Duration.ofMinutes(10),
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
