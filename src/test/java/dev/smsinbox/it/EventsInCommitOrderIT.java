package dev.smsinbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 18 through the running server: an event whose transaction began before another's and
 * commits after it still reaches the screens (SSE) and a listening integrator route, in the log's
 * order, nothing skipped. The older transaction is the test's own, on the server's PostgreSQL
 * schema, written as the inbox writes one (a row first, then the event, whose transaction number
 * the table's default records); what is under test is how the server reads the log. The H2 run
 * keeps its database inside the server, out of the test's reach: there the unit tests
 * (EventsInCommitOrderTest, LiveEventHubTest, RoutesHearEventsInCommitOrderTest) hold the
 * transaction.
 */
class EventsInCommitOrderIT {

  @RegisterExtension static final InboxExtension inbox = new InboxExtension();
  static final InboxClient admin = inbox.admin();
  static String ourNumber;
  static Recorder recorder;

  @BeforeAll
  static void carrierAndNumber() {
    ourNumber = inbox.ourNumber();
    recorder = Recorder.get();
  }

  @Test
  void anEventWhoseTransactionCommitsLastStillReachesTheScreensAndTheRoutes() throws Exception {
    Assumptions.assumeTrue(
        "postgresql".equals(System.getProperty("it.db.label")),
        "needs a database the test can reach beside the server (the PostgreSQL run)");
    String customer = FreshNumbers.us();
    assertThat(inbox.smsc().deliver(customer, ourNumber, "first")).isZero();
    long conversation = SmsPathIT.awaitRow(customer).get("id").asLong();
    List<String[]> screen = new CopyOnWriteArrayList<>();
    Thread reader = InboxApiIT.listen(null, screen);
    try {
      await().until(() -> screen.stream().anyMatch(e -> e[1].equals("unread.count")));

      try (Connection db =
          DriverManager.getConnection(
              System.getProperty("it.db.url"), System.getProperty("it.db.user"), "")) {
        db.setAutoCommit(false);
        holdBack(db, conversation, customer);

        assertThat(inbox.smsc().deliver(customer, ourNumber, "later one")).isZero();
        await("the later SMS is filed")
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    SmsPathIT.awaitRow(customer)
                        .get("lastMessage")
                        .get("text")
                        .asText()
                        .equals("later one"));
        // Committed, but its transaction is younger than one still under way: it waits.
        await()
            .during(Duration.ofMillis(1500))
            .atMost(Duration.ofSeconds(5))
            .until(
                () ->
                    !texts(screen).contains("later one")
                        && !routeHeard(customer).contains("later one"));

        db.commit();
      }

      await().atMost(Duration.ofSeconds(20)).until(() -> texts(screen).size() == 2);
      assertThat(texts(screen)).containsExactly("held back", "later one");
      await().atMost(Duration.ofSeconds(20)).until(() -> routeHeard(customer).size() == 3);
      assertThat(routeHeard(customer)).containsExactly("first", "held back", "later one");

      // A screen that saw only the held one reconnects with its id and gets the later one.
      String heldId = idOf(screen, "held back");
      assertThat(heldId).matches("[0-9]+-[0-9]+");
      List<String[]> again = new CopyOnWriteArrayList<>();
      Thread reconnected = InboxApiIT.listen(heldId, again);
      try {
        await().atMost(Duration.ofSeconds(10)).until(() -> texts(again).contains("later one"));
        assertThat(texts(again)).containsExactly("later one");
      } finally {
        reconnected.interrupt();
      }
    } finally {
      reader.interrupt();
    }
  }

  /**
   * In the test's transaction, as filing does: a row written first (the transaction takes its
   * number then), then the live event of an SMS of the conversation.
   */
  private static void holdBack(Connection db, long conversation, String customer) throws Exception {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    try (PreparedStatement receipt =
        db.prepareStatement(
            "insert into early_receipt (smsc_message_id, status, received_at)"
                + " values ('it-held-back', 'DELIVERED', ?)")) {
      receipt.setObject(1, now);
      receipt.executeUpdate();
    }
    try (PreparedStatement event =
        db.prepareStatement(
            "insert into inbox_event (type, payload, created_at, conversation_id, tenant_id)"
                + " values ('message.received', ?, ?, ?, 'default')")) {
      event.setString(
          1,
          "{\"accountId\":\"default\",\"conversationId\":"
              + conversation
              + ",\"from\":\""
              + customer
              + "\",\"to\":\""
              + ourNumber
              + "\",\"message\":{\"id\":0,\"direction\":\"INBOUND\",\"text\":\"held back\"}}");
      event.setObject(2, now);
      event.setLong(3, conversation);
      event.executeUpdate();
    }
  }

  /** The texts of the SMS the screen was told of, in the order it was told. */
  private static List<String> texts(List<String[]> screen) {
    return screen.stream()
        .filter(e -> e[1].equals("message.received"))
        .map(e -> text(e[2]))
        .filter(t -> t.equals("held back") || t.equals("later one"))
        .toList();
  }

  private static String idOf(List<String[]> screen, String text) {
    return screen.stream()
        .filter(e -> e[1].equals("message.received") && text(e[2]).equals(text))
        .findFirst()
        .orElseThrow()[0];
  }

  /** What the integrators' test route for sms.received posted about the customer, in order. */
  private static List<String> routeHeard(String customer) {
    return recorder.all("/events/sms.received", r -> r.body().contains(customer)).stream()
        .map(r -> text(r.body()))
        .toList();
  }

  private static String text(String json) {
    try {
      return InboxClient.JSON.readTree(json).get("message").get("text").asText();
    } catch (java.io.IOException e) {
      throw new AssertionError("Not JSON: " + json, e);
    }
  }
}
