package dev.smsinbox.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.persistence.HeldTransaction;
import dev.smsinbox.adapter.persistence.JdbcConversationList;
import dev.smsinbox.adapter.persistence.JdbcConversationRepository;
import dev.smsinbox.adapter.persistence.JdbcInboxEvents;
import dev.smsinbox.adapter.persistence.JdbcMessageRepository;
import dev.smsinbox.adapter.persistence.JdbcPartLedger;
import dev.smsinbox.adapter.persistence.TestDatabases;
import dev.smsinbox.application.InboxQueries;
import dev.smsinbox.application.port.InboxEventLog.Position;
import dev.smsinbox.application.port.InboxEvents;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.lang.reflect.Type;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The live stream (SSE) with a transaction that commits after a younger one: a screen gets both
 * events, in the log's order, and a screen reconnecting with the id it saw last gets the rest.
 */
class LiveEventHubTest {

  private static final String TYPE = "conversation.summarized";
  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static final Jsonb JSON = JsonbBuilder.create();

  private HikariDataSource pool;
  private LiveEventHub hub;

  @AfterEach
  void close() {
    if (hub != null) {
      hub.stop();
    }
    if (pool != null) {
      pool.close();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.smsinbox.adapter.persistence.TestDatabases#both")
  void aScreenGetsAnEventThatCommitsAfterOneItWasSent(String database) throws Exception {
    pool = TestDatabases.open(database, "inbox_unit_events");
    JdbcUnitOfWork unitOfWork = new JdbcUnitOfWork(pool);
    JdbcInboxEvents events =
        new JdbcInboxEvents(unitOfWork, JSON, Clock.systemUTC(), (type, body) -> hub.wake());
    hub = new LiveEventHub();
    hub.events = events;
    hub.queries =
        new InboxQueries(
            unitOfWork,
            new JdbcConversationList(unitOfWork),
            new JdbcConversationRepository(
                unitOfWork, new JdbcMessageRepository(unitOfWork, new JdbcPartLedger(unitOfWork))),
            events);
    Screen screen = new Screen();
    hub.subscribe(screen, screen, null, null, "default", "default/admin", 5);
    await().atMost(PATIENCE).until(() -> screen.named("unread.count") > 0);

    try (HeldTransaction older =
        HeldTransaction.publish(unitOfWork, events, TYPE, Map.of("text", "held"))) {
      unitOfWork.run(() -> events.publish("default", TYPE, Map.of("text", "later")));
      if (database.equals("H2")) {
        // Ids follow commit order on H2: the later event is pushed at once.
        await().atMost(PATIENCE).until(() -> screen.texts().contains("later"));
      } else {
        // On PostgreSQL it waits for the older transaction (the hub looks twice a second).
        await()
            .during(Duration.ofMillis(1500))
            .atMost(Duration.ofSeconds(5))
            .until(() -> screen.texts().isEmpty());
      }
      older.commit();
    }

    await().atMost(PATIENCE).until(() -> screen.texts().size() == 2);
    List<String> expected =
        database.equals("H2") ? List.of("later", "held") : List.of("held", "later");
    assertThat(screen.texts()).isEqualTo(expected);

    // A screen that lost the connection after the first reconnects with its id (Last-Event-ID).
    String firstId =
        screen.received.stream().filter(e -> e.name().equals(TYPE)).findFirst().get().id();
    Screen again = new Screen();
    hub.subscribe(again, again, Position.parse(firstId), null, "default", "default/admin", 5);
    await().atMost(PATIENCE).until(() -> again.texts().size() == 1);
    assertThat(again.texts()).containsExactly(expected.get(1));
  }

  /**
   * SMS after SMS, each pushed on its own: the account's unread badge is counted again at most
   * every {@link LiveEventHub#BADGE_EVERY_MILLIS} (each count sums all its unread conversations),
   * not once a push, and it still ends at the right number after the last SMS.
   */
  @Test
  void theBadgeIsCountedEveryFewHundredMillisecondsNotEverySmsAndEndsRight() throws Exception {
    pool = TestDatabases.open("H2", "inbox_unit_badge");
    JdbcUnitOfWork unitOfWork = new JdbcUnitOfWork(pool);
    JdbcInboxEvents events =
        new JdbcInboxEvents(unitOfWork, JSON, Clock.systemUTC(), (type, body) -> hub.wake());
    AtomicInteger unread = new AtomicInteger();
    AtomicInteger counts = new AtomicInteger();
    hub = new LiveEventHub();
    hub.events = events;
    hub.queries =
        new InboxQueries(
            unitOfWork,
            new JdbcConversationList(unitOfWork),
            new JdbcConversationRepository(
                unitOfWork, new JdbcMessageRepository(unitOfWork, new JdbcPartLedger(unitOfWork))),
            events) {
          @Override
          public long unreadTotal(String accountId) {
            counts.incrementAndGet();
            return unread.get();
          }
        };
    Screen screen = new Screen();
    hub.subscribe(screen, screen, null, null, "default", "default/admin", 5);
    await().atMost(PATIENCE).until(() -> screen.named("unread.count") == 1);
    int sms = 100;
    for (int i = 1; i <= sms; i++) {
      unread.incrementAndGet();
      unitOfWork.run(
          () -> events.publish("default", InboxEvents.MESSAGE_RECEIVED, Map.of("text", "hi")));
      long pushed = i;
      await().atMost(PATIENCE).until(() -> screen.named(InboxEvents.MESSAGE_RECEIVED) == pushed);
    }
    await().atMost(PATIENCE).until(() -> lastBadge(screen) == sms);
    // Once a push would be a count for each SMS (and more): 100 pushes in well under 20 s.
    assertThat(counts.get()).isLessThan(sms);
  }

  private static long lastBadge(Screen screen) {
    return screen.received.stream()
        .filter(e -> "unread.count".equals(e.name()))
        .reduce((first, second) -> second)
        .map(e -> ((Number) JSON.fromJson((String) e.data(), Map.class).get("unread")).longValue())
        .orElse(-1L);
  }

  /** A connected screen: what the hub sends it, through the JAX-RS SSE interfaces. */
  private static final class Screen implements Sse, SseEventSink {

    record Event(String id, String name, String comment, Object data) implements OutboundSseEvent {
      @Override
      public Class<?> getType() {
        return data == null ? null : data.getClass();
      }

      @Override
      public Type getGenericType() {
        return getType();
      }

      @Override
      public MediaType getMediaType() {
        return MediaType.TEXT_PLAIN_TYPE;
      }

      @Override
      public Object getData() {
        return data;
      }

      @Override
      public String getId() {
        return id;
      }

      @Override
      public String getName() {
        return name;
      }

      @Override
      public String getComment() {
        return comment;
      }

      @Override
      public long getReconnectDelay() {
        return -1;
      }

      @Override
      public boolean isReconnectDelaySet() {
        return false;
      }
    }

    final List<Event> received = new CopyOnWriteArrayList<>();
    volatile boolean closed;

    List<String> texts() {
      return received.stream()
          .filter(e -> e.name() != null && e.name().equals(TYPE))
          .map(e -> JSON.fromJson((String) e.data(), Map.class).get("text").toString())
          .toList();
    }

    long named(String name) {
      return received.stream().filter(e -> name.equals(e.name())).count();
    }

    @Override
    public OutboundSseEvent.Builder newEventBuilder() {
      return new OutboundSseEvent.Builder() {
        String id;
        String name;
        String comment;
        Object data;

        @Override
        public OutboundSseEvent.Builder id(String id) {
          this.id = id;
          return this;
        }

        @Override
        public OutboundSseEvent.Builder name(String name) {
          this.name = name;
          return this;
        }

        @Override
        public OutboundSseEvent.Builder reconnectDelay(long milliseconds) {
          return this;
        }

        @Override
        public OutboundSseEvent.Builder mediaType(MediaType mediaType) {
          return this;
        }

        @Override
        public OutboundSseEvent.Builder comment(String comment) {
          this.comment = comment;
          return this;
        }

        @Override
        public OutboundSseEvent.Builder data(Class type, Object data) {
          this.data = data;
          return this;
        }

        @Override
        public OutboundSseEvent.Builder data(GenericType type, Object data) {
          this.data = data;
          return this;
        }

        @Override
        public OutboundSseEvent.Builder data(Object data) {
          this.data = data;
          return this;
        }

        @Override
        public OutboundSseEvent build() {
          return new Event(id, name, comment, data);
        }
      };
    }

    @Override
    public SseBroadcaster newBroadcaster() {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean isClosed() {
      return closed;
    }

    @Override
    public CompletionStage<?> send(OutboundSseEvent event) {
      received.add((Event) event);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
