package dev.smsinbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.smsinbox.MovingClock;
import dev.smsinbox.adapter.jdbc.StorageFailure;
import dev.smsinbox.adapter.persistence.TestDatabases;
import dev.smsinbox.application.Callers;
import dev.smsinbox.application.MessageHooks;
import dev.smsinbox.application.inbound.InboundSms;
import dev.smsinbox.application.inbound.InboundWriter;
import dev.smsinbox.application.inbound.ReceiveSms.Accepted;
import dev.smsinbox.application.inbound.ReceiveSms.Outcome;
import dev.smsinbox.application.inbound.ReceiveSms.Stored;
import dev.smsinbox.application.inbound.ReceiveSms.Unrouted;
import dev.smsinbox.application.port.InboxTelemetry;
import dev.smsinbox.domain.Conversation;
import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.Origin;
import dev.smsinbox.domain.OriginType;
import jakarta.json.bind.JsonbBuilder;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inbound SMS stored many to a transaction, as a busy carrier link delivers them: each SMS must end
 * exactly as it would alone. On H2, and on PostgreSQL when the build names one (-Ppostgres).
 */
class ReceiveInBatchesTest {

  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private static final String OURS = "+14155550100";
  private static final String ANN = "+14155550111";
  private static final String BOB = "+14155550122";

  /** The build's own PostgreSQL schema for unit tests (see the pom's postgres profile). */
  private static final String SCHEMA = System.getProperty("test.pg.schema", "inbox_unit");

  private HikariDataSource pool;
  private InboxCore core;
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final MovingClock clock = new MovingClock(NOW);

  static Stream<String> databases() {
    return Stream.of("H2", "PostgreSQL");
  }

  private void open(String database) {
    pool = TestDatabases.open(database, SCHEMA);
    core =
        new InboxCore(
            pool,
            TestSettings.inbox(),
            MessageHooks.none(),
            InboxTelemetry.NONE,
            JsonbBuilder.create(),
            clock,
            (type, body) -> events.add(type),
            () -> {});
    core.manageNumbers().save(Callers.admin(), OURS, "US", true, true);
  }

  @AfterEach
  void close() {
    if (pool != null) {
      pool.close();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void eachSmsOfABatchEndsAsItWouldAlone(String database) throws Exception {
    open(database);
    List<Outcome> outcomes =
        core.receiveSms.receiveAll(
            List.of(
                sms(ANN, OURS, "Hi, is the sale still on?"),
                sms("(415) 555-0122", OURS, "STOP please"),
                sms(ANN, OURS, "And do you ship to Canada?"),
                sms(ANN, OURS, "Hi, is the sale still on?"),
                sms("not a number", OURS, "spam"),
                sms(BOB, "+14155559999", "wrong number")));

    assertThat(outcomes.get(0)).isInstanceOf(Stored.class);
    assertThat(outcomes.get(1)).isInstanceOf(Stored.class);
    assertThat(outcomes.get(2)).isInstanceOf(Stored.class);
    // The SMSC delivered the first SMS twice in one batch: stored once.
    assertThat(stored(outcomes.get(3)).id()).isEqualTo(stored(outcomes.get(0)).id());
    // Acknowledged SMS are never dropped at filing: what no conversation takes is kept unrouted.
    assertThat(((Unrouted) outcomes.get(4)).sms().reason())
        .contains("'not a number' is neither a phone number nor an alphanumeric sender ID");
    assertThat(((Unrouted) outcomes.get(5)).sms().reason())
        .contains("+14155559999 is not one of our numbers");
    assertThat(count("select count(*) from unrouted_sms")).isEqualTo(2);

    Conversation ann = conversation(stored(outcomes.get(0)).conversationId());
    assertThat(ann.contact().phone()).isEqualTo(ANN);
    assertThat(ann.messages())
        .extracting(Message::text)
        .containsExactly("Hi, is the sale still on?", "And do you ship to Canada?");
    assertThat(ann.unreadCount()).isEqualTo(2);
    assertThat(conversation(stored(outcomes.get(1)).conversationId()).contact().phone())
        .isEqualTo(BOB);
    assertThat(count("select count(*) from contact")).isEqualTo(2);
    assertThat(count("select count(*) from message")).isEqualTo(3);
    assertThat(core.queries.unreadTotal(Callers.ACCOUNT)).isEqualTo(3);
    // The list shows each conversation with its latest message.
    assertThat(core.queries.list(Callers.ACCOUNT, null, false, 10, null).items())
        .extracting(c -> c.lastMessage().text())
        .containsExactlyInAnyOrder("And do you ship to Canada?", "STOP please");
    assertThat(events).containsExactly("message.received", "message.received", "message.received");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aRedeliveryInALaterBatchIsStoredOnce(String database) throws Exception {
    open(database);
    Message first = stored(core.receiveSms.receiveAll(List.of(sms(ANN, OURS, "Yes"))).get(0));

    List<Outcome> again =
        core.receiveSms.receiveAll(List.of(sms(BOB, OURS, "Yes"), sms(ANN, OURS, "Yes")));

    assertThat(stored(again.get(1)).id()).isEqualTo(first.id());
    assertThat(stored(again.get(0)).id()).isNotEqualTo(first.id());
    assertThat(count("select count(*) from message")).isEqualTo(2);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aNumberNoLongerTwoWayIsSeenByTheNextSms(String database) {
    open(database);
    assertThat(core.receiveSms.receiveAll(List.of(sms(ANN, OURS, "Hi"))).get(0))
        .isInstanceOf(Stored.class);

    core.manageNumbers().save(Callers.admin(), OURS, "US", false, false);

    assertThat(core.receiveSms.receiveAll(List.of(sms(ANN, OURS, "Hi again"))).get(0))
        .isInstanceOf(Unrouted.class);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void anSmsToANumberThatStopsBeingTwoWayAfterItsAckIsKeptUnrouted(String database)
      throws Exception {
    open(database);
    assertThat(core.receiveSms.acceptAll(List.of(sms(ANN, OURS, "Hi"))).get(0))
        .isInstanceOf(Accepted.class);
    assertThat(core.inboundFiler.fileDue()).isEqualTo(1);

    core.manageNumbers().save(Callers.admin(), OURS, "US", false, false);
    // Any number of ours takes SMS: journaled, and at filing kept where an admin sees it.
    assertThat(core.receiveSms.acceptAll(List.of(sms(ANN, OURS, "Hi again"))).get(0))
        .isInstanceOf(Accepted.class);

    assertThat(core.inboundFiler.fileDue()).isEqualTo(1);
    assertThat(core.inboundFiler.depth()).isZero();
    assertThat(count("select count(*) from message")).isEqualTo(1);
    assertThat(core.inboundReview.unrouted(Callers.ACCOUNT, null, null).items())
        .extracting(u -> u.text() + " / " + u.reason())
        .containsExactly(
            "Hi again / Two-way SMS needs a dedicated number; " + OURS + " is shared.");
    // Made two-way again, the number takes the next SMS at once.
    core.manageNumbers().save(Callers.admin(), OURS, "US", true, true);
    assertThat(core.receiveSms.acceptAll(List.of(sms(BOB, OURS, "Hello"))).get(0))
        .isInstanceOf(Accepted.class);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aNumberNotTwoWayKeepsItsSmsUnroutedAndTakesConversationsOnceMadeTwoWay(String database)
      throws Exception {
    open(database);
    core.manageNumbers().save(Callers.admin(), OURS, "US", true, false);
    assertThat(core.receiveSms.acceptAll(List.of(sms(ANN, OURS, "Hi"))).get(0))
        .isInstanceOf(Accepted.class);
    core.inboundFiler.fileDue();
    assertThat(count("select count(*) from unrouted_sms")).isEqualTo(1);
    assertThat(count("select count(*) from message")).isZero();

    core.manageNumbers().save(Callers.admin(), OURS, "US", true, true);

    assertThat(core.receiveSms.acceptAll(List.of(sms(ANN, OURS, "Hi again"))).get(0))
        .isInstanceOf(Accepted.class);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void repliesInABatchAreAttributedToTheCampaignTheyAnswer(String database) {
    open(database);
    core.credits().topUp(Callers.crm(), 10, "test");
    core.sendCrmSms()
        .sendBatch(
            Callers.crm(),
            OURS,
            "Black Friday: 30% off",
            new Origin(OriginType.CAMPAIGN, "bf", "Black Friday"),
            List.of(ANN));

    List<Outcome> replies =
        core.receiveSms.receiveAll(
            List.of(
                sms(ANN, OURS, "Does it apply to gift cards?"), sms(BOB, OURS, "Who is this?")));

    assertThat(stored(replies.get(0)).inReplyTo().origin().name()).isEqualTo("Black Friday");
    assertThat(stored(replies.get(1)).inReplyTo()).isNull();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aCustomerTextingTwoOfOurNumbersHasAConversationWithEach(String database) {
    open(database);
    String second = "+14155550199";
    core.manageNumbers().save(Callers.admin(), second, "US", true, true);
    Message first =
        stored(core.receiveSms.receiveAll(List.of(sms(ANN, OURS, "To the shop"))).get(0));

    // A later batch finds both threads of the one contact, each by the number it is on.
    List<Outcome> later =
        core.receiveSms.receiveAll(
            List.of(sms(ANN, second, "To the other line"), sms(ANN, OURS, "Shop again")));

    Conversation shop = conversation(first.conversationId());
    Conversation other = conversation(stored(later.get(0)).conversationId());
    assertThat(stored(later.get(1)).conversationId()).isEqualTo(shop.id());
    assertThat(other.id()).isNotEqualTo(shop.id());
    assertThat(other.contact().id()).isEqualTo(shop.contact().id());
    assertThat(shop.senderNumber().number()).isEqualTo(OURS);
    assertThat(shop.messages())
        .extracting(Message::text)
        .containsExactly("To the shop", "Shop again");
    assertThat(other.senderNumber().number()).isEqualTo(second);
    assertThat(other.messages()).extracting(Message::text).containsExactly("To the other line");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void threadsReceivingAtOnceThroughTwoWritersEachHaveTheirSmsStoredOnce(String database)
      throws Exception {
    open(database);
    int senders = 40;
    ExecutorService carrier = Executors.newFixedThreadPool(16);
    try (InboundWriter writer = new InboundWriter(core.receiveSms, 16, 2, Duration.ofSeconds(30))) {
      List<Future<Outcome>> results = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        String from = "+1415666" + String.format("%04d", i % senders);
        String text = "Message " + i;
        results.add(carrier.submit(() -> writer.receive(sms(from, OURS, text))));
      }
      for (Future<Outcome> result : results) {
        assertThat(result.get()).isInstanceOf(Accepted.class);
      }
    } finally {
      carrier.shutdown();
    }
    assertThat(count("select count(*) from inbound_journal")).isEqualTo(400);
    assertThat(core.inboundFiler.fileDue()).isEqualTo(400);
    assertThat(count("select count(*) from inbound_journal")).isZero();
    assertThat(count("select count(*) from message")).isEqualTo(400);
    assertThat(count("select count(*) from contact")).isEqualTo(senders);
    assertThat(count("select count(*) from conversation")).isEqualTo(senders);
    assertThat(count("select sum(unread_count) from conversation")).isEqualTo(400);
    assertThat(core.queries.unreadTotal(Callers.ACCOUNT)).isEqualTo(400);
    assertThat(count("select count(*) from inbox_event")).isEqualTo(400);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void anSmsTheDatabaseRefusesDoesNotKeepTheOthersOut(String database) throws Exception {
    open(database);
    // The journal refuses it (a constraint beside the schema), and the batch with it.
    execute("alter table inbound_journal add constraint refuses_x check (body not like 'x%')");
    String tooLong = "x".repeat(1_000);
    ExecutorService carrier = Executors.newFixedThreadPool(8);
    List<Future<Outcome>> fine = new ArrayList<>();
    Future<Outcome> refused;
    try (InboundWriter writer = new InboundWriter(core.receiveSms, 8, 2, Duration.ofSeconds(30))) {
      for (int i = 0; i < 20; i++) {
        String text = "Fine " + i;
        fine.add(carrier.submit(() -> writer.receive(sms(ANN, OURS, text))));
      }
      refused = carrier.submit(() -> writer.receive(sms(BOB, OURS, tooLong)));
      for (int i = 20; i < 40; i++) {
        String text = "Fine " + i;
        fine.add(carrier.submit(() -> writer.receive(sms(ANN, OURS, text))));
      }
      for (Future<Outcome> f : fine) {
        assertThat(f.get()).isInstanceOf(Accepted.class);
      }
      assertThatThrownBy(refused::get).hasCauseInstanceOf(StorageFailure.class);
    } finally {
      carrier.shutdown();
    }
    core.inboundFiler.fileDue();
    assertThat(count("select count(*) from message")).isEqualTo(40);
    assertThat(count("select count(*) from message where body like 'x%'")).isZero();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void acceptedSmsAreFiledAfterwardsInTheOrderTheyArrivedAndARedeliveryOnce(String database)
      throws Exception {
    open(database);
    // More than two filing batches, an even number so that each customer sends half.
    int sent = 2 * InboxCore.FILING_BATCH + 176;
    List<InboundSms> arrivals = new ArrayList<>();
    for (int i = 0; i < sent; i++) {
      arrivals.add(sms(i % 2 == 0 ? ANN : BOB, OURS, "Part of the story " + i));
    }
    for (int from = 0; from < arrivals.size(); from += 30) {
      assertThat(core.receiveSms.acceptAll(arrivals.subList(from, Math.min(from + 30, sent))))
          .allMatch(Accepted.class::isInstance);
    }
    // The carrier did not hear our answer to the last one and delivered it again.
    core.receiveSms.acceptAll(List.of(arrivals.get(sent - 1)));
    assertThat(count("select count(*) from message")).isZero();
    assertThat(core.inboundFiler.depth()).isEqualTo(sent + 1);

    // All of it, in batches.
    assertThat(core.inboundFiler.fileDue()).isEqualTo(sent + 1);

    assertThat(core.inboundFiler.depth()).isZero();
    assertThat(count("select count(*) from message")).isEqualTo(sent);
    Conversation bob = conversation(conversationOf(BOB));
    assertThat(bob.unreadCount()).isEqualTo(sent / 2);
    assertThat(bob.messages().get(bob.messages().size() - 1).text())
        .isEqualTo("Part of the story " + (sent - 1));
    List<Long> ids =
        conversation(conversationOf(ANN)).messages().stream().map(Message::id).toList();
    assertThat(ids).isSorted().hasSize(sent / 2);
    assertThat(events).hasSize(sent).containsOnly("message.received");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void whatTheJournalHeldAtAStopIsFiledWhenFilingStarts(String database) throws Exception {
    open(database);
    core.receiveSms.acceptAll(List.of(sms(ANN, OURS, "Sent just before the restart")));

    core.inboundFiler.start(() -> false);
    try {
      await().until(() -> count("select count(*) from message") == 1);
      core.receiveSms.acceptAll(List.of(sms(BOB, OURS, "And after")));
      await().until(() -> count("select count(*) from message") == 2);
    } finally {
      core.inboundFiler.close();
    }
    assertThat(core.inboundFiler.depth()).isZero();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void anSmsThatCannotBeFiledStaysInTheJournalUntilTheDatabaseTakesIt(String database)
      throws Exception {
    open(database);
    execute("alter table message add constraint refuses_poison check (body not like 'POISON%')");
    core.receiveSms.acceptAll(
        List.of(sms(ANN, OURS, "Before"), sms(BOB, OURS, "POISON"), sms(ANN, OURS, "After")));

    assertThat(core.inboundFiler.fileDue()).isEqualTo(3);

    // The others are filed; the one the database refuses is kept, with why.
    assertThat(count("select count(*) from message")).isEqualTo(2);
    assertThat(core.inboundFiler.depth()).isEqualTo(1);
    assertThat(count("select attempts from inbound_journal")).isEqualTo(1);
    assertThat(text("select error from inbound_journal")).contains("REFUSES_POISON".toLowerCase());
    // Not tried again before it is due.
    assertThat(core.inboundFiler.fileDue()).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(core.inboundFiler.fileDue()).isEqualTo(1);
    assertThat(count("select attempts from inbound_journal")).isEqualTo(2);

    execute("alter table message drop constraint refuses_poison");
    clock.advance(Duration.ofSeconds(2));
    assertThat(core.inboundFiler.fileDue()).isEqualTo(1);

    assertThat(core.inboundFiler.depth()).isZero();
    assertThat(conversation(conversationOf(BOB)).messages())
        .extracting(Message::text)
        .containsExactly("POISON");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void anSmsFiledLateNeitherAgesItsConversationNorAnswersWhatWasSentAfterIt(String database)
      throws Exception {
    open(database);
    core.receiveSms.receiveAll(List.of(sms(ANN, OURS, "Newer")));
    core.credits().topUp(Callers.crm(), 10, "test");
    core.sendCrmSms()
        .sendBatch(
            Callers.crm(),
            OURS,
            "Flash sale",
            new Origin(OriginType.CAMPAIGN, "fs", "Flash sale"),
            List.of(ANN));
    // Arrived a minute before the campaign went out, filed after it (tried again after a failure).
    Message late =
        stored(
            core.receiveSms
                .receiveAll(
                    List.of(new InboundSms(ANN, OURS, "Older", 1, "GSM7", NOW.minusSeconds(60))))
                .get(0));

    assertThat(late.inReplyTo()).isNull();
    var row =
        core.queries.list(Callers.ACCOUNT, null, false, 10, null).items().stream()
            .filter(c -> c.contact().phone().equals(ANN))
            .findFirst()
            .orElseThrow();
    assertThat(row.lastMessage().text()).isIn("Newer", "Flash sale");
    assertThat(row.lastActivityAt()).isEqualTo(NOW);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void whatCustomersTypeComesThroughTheJournalExactly(String database) throws Exception {
    open(database);
    List<String> texts =
        List.of(
            "NULL",
            "null",
            "{a,b}",
            "\"quoted\"",
            "back\\slash",
            "comma, here",
            "two\nlines",
            "  spaced  ",
            "",
            "Привет 😀 ñ €");
    List<InboundSms> arrivals = new ArrayList<>();
    for (String text : texts) {
      arrivals.add(new InboundSms(ANN, OURS, text, 1, "UCS2", NOW, text.isEmpty()));
    }
    assertThat(core.receiveSms.acceptAll(arrivals)).allMatch(Accepted.class::isInstance);

    core.inboundFiler.fileDue();

    assertThat(conversation(conversationOf(ANN)).messages())
        .extracting(Message::text)
        .containsExactlyElementsOf(texts);
    assertThat(conversation(conversationOf(ANN)).messages())
        .extracting(Message::incomplete)
        .containsExactly(false, false, false, false, false, false, false, false, true, false);
  }

  private long conversationOf(String phone) throws Exception {
    return count(
        "select v.id from conversation v join contact c on c.id = v.contact_id where c.phone = '"
            + phone
            + "'");
  }

  private void execute(String statement) throws Exception {
    try (Connection c = pool.getConnection()) {
      c.createStatement().execute(statement);
    }
  }

  private String text(String sql) throws Exception {
    try (Connection c = pool.getConnection();
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getString(1).toLowerCase();
    }
  }

  private static InboundSms sms(String from, String to, String text) {
    return new InboundSms(from, to, text, 1, "GSM7", NOW);
  }

  private static Message stored(Outcome outcome) {
    assertThat(outcome).isInstanceOf(Stored.class);
    return ((Stored) outcome).message();
  }

  private Conversation conversation(long id) {
    return core.unitOfWork.inTransaction(() -> core.conversations.find(id).orElseThrow());
  }

  private long count(String sql) throws Exception {
    try (Connection c = pool.getConnection();
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
