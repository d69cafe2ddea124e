package dev.smsinbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.smsinbox.MovingClock;
import dev.smsinbox.adapter.crm.EmbeddedCrmConnectorFactory;
import dev.smsinbox.adapter.persistence.JdbcCrmChangeQueue;
import dev.smsinbox.adapter.persistence.JdbcKeywordRuleRepository;
import dev.smsinbox.adapter.persistence.JdbcOptOutRepository;
import dev.smsinbox.adapter.persistence.TestDatabases;
import dev.smsinbox.application.Callers;
import dev.smsinbox.application.MessageHooks;
import dev.smsinbox.application.contacts.AutomationEvents;
import dev.smsinbox.application.contacts.OptOutGuard;
import dev.smsinbox.application.contacts.OptOutRegistry;
import dev.smsinbox.application.inbound.InboundReview;
import dev.smsinbox.application.inbound.InboundSms;
import dev.smsinbox.application.inbound.ReassembleSms;
import dev.smsinbox.application.inbound.ReceiveSms.Accepted;
import dev.smsinbox.application.inbound.ReceiveSms.Outcome;
import dev.smsinbox.application.inbound.ReceiveSms.Refused;
import dev.smsinbox.application.keywords.ActOnKeywords;
import dev.smsinbox.application.keywords.CrmChanges;
import dev.smsinbox.application.keywords.KeywordReplies;
import dev.smsinbox.application.keywords.KeywordSettings;
import dev.smsinbox.application.outbound.DeliveryReceipt;
import dev.smsinbox.application.outbound.SendCrmSms.CrmSms;
import dev.smsinbox.application.port.CrmConnector;
import dev.smsinbox.application.port.InboxTelemetry;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.domain.Conversation;
import dev.smsinbox.domain.KeywordEvent;
import dev.smsinbox.domain.KeywordRule;
import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.Origin;
import dev.smsinbox.domain.OriginType;
import dev.smsinbox.domain.UnreadableText;
import dev.smsinbox.domain.UnroutedSms;
import dev.smsinbox.sms.Concatenation;
import jakarta.json.bind.JsonbBuilder;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issues 18 and 24 through the inbox's core on a real database: an SMS to any number of ours is
 * kept (unrouted when the number takes no conversation) and its STOP counts; what the filer cannot
 * file waits where an admin sees and retries it; one concatenated set that cannot be filed never
 * holds up the others; sender IDs and unreadable texts are stored as they came. On H2, and on
 * PostgreSQL (schema inbox_unit_inbound) when the build names one (-Ppostgres).
 */
class NothingAcknowledgedIsLostTest {

  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private static final String TWO_WAY = "+14155550100";
  private static final String CAMPAIGNS = "+14155550199";
  private static final String ANN = "+14155550111";
  private static final String BOB = "+14155550122";
  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  private HikariDataSource pool;
  private InboxCore core;
  private OptOutRegistry optOuts;
  private ActOnKeywords keywords;
  private CrmConnector connector;
  private final List<AutomationEvents.Enrolled> enrolled = new CopyOnWriteArrayList<>();
  private final MovingClock clock = new MovingClock(NOW);

  static Stream<String> databases() {
    return Stream.of("H2", "PostgreSQL");
  }

  private void open(String database) {
    pool = TestDatabases.open(database, "inbox_unit_inbound");
    // The keyword rules and the opt-out guard, as the server wires them (looked up at each call).
    MessageHooks hooks =
        new MessageHooks(
            () -> List.of(keywords),
            List::of,
            () -> List.of(new OptOutGuard(optOuts)),
            () -> List.of(keywords));
    core =
        new InboxCore(
            pool,
            TestSettings.inbox(TIMEOUT, Duration.ofDays(1)),
            hooks,
            InboxTelemetry.NONE,
            JsonbBuilder.create(),
            clock,
            (type, body) -> {},
            () -> {});
    optOuts = new OptOutRegistry(core.unitOfWork, new JdbcOptOutRepository(core.unitOfWork));
    EmbeddedCrmConnectorFactory crm = new EmbeddedCrmConnectorFactory();
    crm.init(key -> Optional.empty());
    connector = crm.create(new InboxExtensionContext(core.unitOfWork, clock, Callers.ACCOUNT));
    keywords =
        new ActOnKeywords(
            new KeywordSettings(key -> Optional.empty()),
            optOuts,
            new CrmChanges(
                core.unitOfWork,
                account -> connector,
                new JdbcCrmChangeQueue(core.unitOfWork),
                (account, enrolment) -> enrolled.add(enrolment),
                new CrmChanges.Retries(5, Duration.ofSeconds(1), Duration.ofMinutes(1)),
                clock),
            core.messages,
            new KeywordReplies(core.outboundQueue),
            core.events,
            core.contacts,
            core.conversations,
            core.unrouted,
            new JdbcKeywordRuleRepository(core.unitOfWork));
    core.manageNumbers().save(Callers.admin(), TWO_WAY, "US", true, true);
    // A campaign number: shared, so not two-way.
    core.manageNumbers().save(Callers.admin(), CAMPAIGNS, "US", false, true);
    core.credits().topUp(Callers.crm(), 100, "test");
  }

  @AfterEach
  void close() {
    if (pool != null) {
      pool.close();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aStopToACampaignNumberIsKeptForTheAdminAndBlocksEverySend(String database) throws Exception {
    open(database);
    Origin campaign = new Origin(OriginType.CAMPAIGN, "bf", "Black Friday");
    core.sendCrmSms()
        .send(Callers.crm(), new CrmSms(ANN, CAMPAIGNS, "Black Friday: 30% off", campaign, null));

    assertThat(accept(sms(ANN, CAMPAIGNS, "STOP"))).isInstanceOf(Accepted.class);
    core.inboundFiler.fileDue();

    UnroutedSms kept = core.inboundReview.unrouted(Callers.ACCOUNT, null, null).items().get(0);
    assertThat(kept.from()).isEqualTo(ANN);
    assertThat(kept.to()).isEqualTo(CAMPAIGNS);
    assertThat(kept.text()).isEqualTo("STOP");
    assertThat(kept.reason()).contains(CAMPAIGNS + " is shared");
    assertThat(kept.keywordEvent()).isEqualTo(KeywordEvent.OPT_OUT);
    assertThat(optOuts.isOptedOut(Callers.ACCOUNT, ANN)).isTrue();
    // Not in the inbox as a message; the confirmation went out from the number they texted.
    assertThat(count("select count(*) from message where direction = 'INBOUND'")).isZero();
    assertThat(count("select count(*) from message where origin_id = 'keyword-reply'"))
        .isEqualTo(1);
    // Blocked from any number of ours.
    for (String from : List.of(CAMPAIGNS, TWO_WAY)) {
      assertThatThrownBy(
              () ->
                  core.sendCrmSms()
                      .send(Callers.crm(), new CrmSms(ANN, from, "Cyber Monday", campaign, null)))
          .isInstanceOfSatisfying(
              RequestRefused.class,
              r -> assertThat(r.reason()).isEqualTo(RequestRefused.Reason.CONFLICT))
          .hasMessageContaining("replied STOP");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aKeywordRulesKeywordToACampaignNumberEnrolsTheCustomerAndIsKeptForTheAdmin(String database)
      throws Exception {
    open(database);
    var automation = core.unitOfWork.inTransaction(connector::automations).get(0);
    long campaigns =
        core.unitOfWork
            .inTransaction(() -> core.numbers.findByNumber(CAMPAIGNS))
            .orElseThrow()
            .id();
    core.unitOfWork.run(
        () ->
            new JdbcKeywordRuleRepository(core.unitOfWork)
                .insert(
                    Callers.ACCOUNT,
                    new KeywordRule.Draft(
                        "JOIN", "JOIN", automation.id(), automation.name(), campaigns, "Welcome!"),
                    NOW));

    assertThat(accept(sms(ANN, CAMPAIGNS, "Join!"))).isInstanceOf(Accepted.class);
    assertThat(accept(sms(BOB, TWO_WAY, "join"))).isInstanceOf(Accepted.class);
    core.inboundFiler.fileDue();

    UnroutedSms kept = core.inboundReview.unrouted(Callers.ACCOUNT, null, null).items().get(0);
    assertThat(kept.keywordEvent()).isEqualTo(KeywordEvent.ENROL);
    assertThat(enrolled)
        .as("told once, in the filing transaction (embedded CRM)")
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.automationId()).isEqualTo(automation.id());
              assertThat(e.enrolledBy()).isEqualTo("SMS keyword JOIN");
            });
    long ann = enrolled.get(0).contactId();
    assertThat(core.unitOfWork.inTransaction(() -> connector.enrolmentsOf(ann)))
        .extracting(e -> e.automation().name())
        .containsExactly(automation.name());
    assertThat(count("select count(*) from message where origin_id = 'keyword-reply'"))
        .as("the rule's reply, from the number they texted")
        .isEqualTo(1);
    // The rule is for the campaign number only: Bob's "join" to the two-way number is a message.
    assertThat(
            count(
                "select count(*) from message where direction = 'INBOUND'"
                    + " and keyword_event is null"))
        .isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void anSmsToANumberNotOursIsRefusedAndNothingIsStored(String database) throws Exception {
    open(database);
    Outcome outcome = accept(sms(ANN, "+14155559999", "Hello?"));

    assertThat(((Refused) outcome).reason().reason()).isEqualTo(RequestRefused.Reason.NOT_FOUND);
    assertThat(((Refused) outcome).reason()).hasMessageContaining("+14155559999");
    assertThat(count("select count(*) from inbound_journal")).isZero();
    assertThat(count("select count(*) from unrouted_sms")).isZero();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aSenderIdIsAConversationThatCannotBeAnsweredAndHasNoKeywords(String database)
      throws Exception {
    open(database);
    accept(sms("ACME", TWO_WAY, "Your parcel arrives today"));
    accept(sms("ACME", TWO_WAY, "STOP"));
    core.inboundFiler.fileDue();
    // The SMSC delivers it again: stored once.
    accept(sms("ACME", TWO_WAY, "Your parcel arrives today"));
    core.inboundFiler.fileDue();

    long id =
        count(
            "select c.id from conversation c join contact t on t.id = c.contact_id"
                + " where t.phone = 'ACME'");
    Conversation thread = conversation(id);
    assertThat(thread.messages())
        .extracting(Message::text)
        .containsExactly("Your parcel arrives today", "STOP");
    assertThat(thread.messages()).extracting(Message::keywordEvent).containsOnlyNulls();
    assertThat(optOuts.isOptedOut(Callers.ACCOUNT, "ACME")).isFalse();
    assertThat(thread.whyNoReply()).contains("'ACME' is an alphanumeric sender ID");
    assertThatThrownBy(() -> core.sendReply.reply(Callers.admin(), id, "Thanks!"))
        .isInstanceOfSatisfying(
            RequestRefused.class,
            r -> assertThat(r.reason()).isEqualTo(RequestRefused.Reason.CONFLICT))
        .hasMessageContaining("no SMS can be sent back to it");
    assertThat(count("select count(*) from message where direction = 'OUTBOUND'")).isZero();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void anUnreadableTextKeepsItsOctetsInTheConversation(String database) throws Exception {
    open(database);
    byte[] octets = new byte[140];
    java.util.Arrays.fill(octets, (byte) 0xFF);
    UnreadableText unreadable = UnreadableText.of(0x00, octets);
    accept(
        new InboundSms(
            ANN,
            TWO_WAY,
            "unreadable message (data coding 0x00, 140 octets)",
            1,
            "GSM7",
            NOW,
            false,
            unreadable));
    core.inboundFiler.fileDue();

    Message stored = conversation(conversationOf(ANN)).messages().get(0);
    assertThat(stored.text()).isEqualTo("unreadable message (data coding 0x00, 140 octets)");
    assertThat(stored.unreadable()).isEqualTo(unreadable);
    assertThat(stored.unreadable().hex()).isEqualTo("ff".repeat(140));
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aSetThatCannotBeFiledIsSetAsideAndTheOthersAreFiled(String database) throws Exception {
    open(database);
    // The journal refuses one message (a constraint beside the schema) until the test lifts it.
    execute(
        "alter table inbound_journal add constraint refuses_poison check (body not like 'POISON%')");
    part("ACME", TWO_WAY, "POISON part one, ", 7, 1);
    clock.advance(Duration.ofSeconds(1));
    part("ACME", TWO_WAY, "From a sender ID, ", 8, 1);
    clock.advance(Duration.ofSeconds(1));
    part(BOB, TWO_WAY, "From a customer, ", 9, 1);

    clock.advance(TIMEOUT.plusMinutes(1));
    // The oldest set fails; the two behind it are filed all the same.
    assertThat(core.reassembly.fileIncompleteSets()).isEqualTo(2);
    core.inboundFiler.fileDue();
    assertThat(conversation(conversationOf(BOB)).messages())
        .extracting(Message::text, Message::incomplete)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("From a customer,  […] ", true));
    assertThat(conversation(conversationOf("ACME")).messages())
        .extracting(Message::text)
        .containsExactly("From a sender ID,  […] ");
    assertThat(text("select error from inbound_part where reference = 7"))
        .contains("refuses_poison");

    // The next look leaves it aside; once it is due again it is filed.
    assertThat(core.reassembly.fileIncompleteSets()).isZero();
    execute("alter table inbound_journal drop constraint refuses_poison");
    clock.advance(Duration.ofMinutes(11));
    assertThat(core.reassembly.fileIncompleteSets()).isEqualTo(1);
    core.inboundFiler.fileDue();
    assertThat(conversation(conversationOf("ACME")).messages())
        .extracting(Message::text)
        .containsExactly("From a sender ID,  […] ", "POISON part one,  […] ");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aLastPartDeliveredAgainAfterItsSetWasFiledIsNoFragment(String database) throws Exception {
    open(database);
    part(ANN, TWO_WAY, "Whole ", 3, 1, 2);
    part(ANN, TWO_WAY, "message", 3, 2, 2);
    // The SMSC had no answer for the last part and delivers it again.
    part(ANN, TWO_WAY, "message", 3, 2, 2);
    core.inboundFiler.fileDue();
    assertThat(count("select count(*) from inbound_part where filed_at is null")).isZero();

    assertThat(conversation(conversationOf(ANN)).messages())
        .extracting(Message::text)
        .containsExactly("Whole message");
    // The sender uses the reference again for a new message: that one is waited for.
    part(ANN, TWO_WAY, "Another ", 3, 1, 2);
    part(ANN, TWO_WAY, "one", 3, 2, 2);
    core.inboundFiler.fileDue();
    assertThat(conversation(conversationOf(ANN)).messages())
        .extracting(Message::text)
        .containsExactly("Whole message", "Another one");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void whatTheSchemaCannotHoldIsRefusedBeforeItIsStored(String database) throws Exception {
    open(database);
    assertThatThrownBy(() -> part(ANN, TWO_WAY, "x".repeat(10_001), 5, 1))
        .isInstanceOfSatisfying(
            RequestRefused.class,
            r -> assertThat(r.reason()).isEqualTo(RequestRefused.Reason.TOO_LARGE));
    for (int seq = 1; seq <= 10; seq++) {
      part(ANN, TWO_WAY, "y".repeat(9_500), 6, seq);
    }
    // Part 11 of 12 would make the message longer than the inbox stores.
    assertThatThrownBy(() -> part(ANN, TWO_WAY, "y".repeat(9_500), 6, 11))
        .hasMessageContaining("longer than the 100000 characters");
    Outcome tooLong = accept(sms(ANN, TWO_WAY, "z".repeat(100_001)));
    assertThat(((Refused) tooLong).reason().reason()).isEqualTo(RequestRefused.Reason.TOO_LARGE);
    assertThat(count("select count(*) from inbound_part where reference = 5")).isZero();
    assertThat(count("select count(*) from inbound_part where reference = 6")).isEqualTo(10);
    assertThat(count("select count(*) from inbound_journal")).isZero();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void anSmsTheFilerCannotFileWaitsWithItsReasonAndIsFiledWhenRetried(String database)
      throws Exception {
    open(database);
    execute("alter table message add constraint refuses_poison check (body not like 'POISON%')");
    accept(sms(ANN, TWO_WAY, "POISON pill"));
    core.inboundFiler.fileDue();

    List<InboundReview.Unfiled> unfiled = core.inboundReview.unfiled(null, null).items();
    assertThat(unfiled).hasSize(1);
    assertThat(unfiled.get(0).text()).isEqualTo("POISON pill");
    assertThat(unfiled.get(0).attempts()).isEqualTo(1);
    assertThat(unfiled.get(0).error().toLowerCase()).contains("refuses_poison");
    long id = unfiled.get(0).id();
    assertThat(core.inboundReview.retry(id).filed()).isFalse();
    assertThat(core.inboundReview.unfiled(null, null).items().get(0).attempts()).isEqualTo(2);

    execute("alter table message drop constraint refuses_poison");
    assertThat(core.inboundReview.retry(id).filed()).isTrue();
    assertThat(core.inboundReview.unfiled(null, null).items()).isEmpty();
    assertThat(conversation(conversationOf(ANN)).messages())
        .extracting(Message::text)
        .containsExactly("POISON pill");
    assertThatThrownBy(() -> core.inboundReview.retry(id))
        .isInstanceOfSatisfying(
            RequestRefused.class,
            r -> assertThat(r.reason()).isEqualTo(RequestRefused.Reason.NOT_FOUND));
  }

  /** The limits the link checks before it acknowledges are what the schema holds. */
  @Test
  void theLimitsCheckedBeforeTheAcknowledgementAreTheSchemas() throws Exception {
    open("H2");
    assertThat(columnSize("MESSAGE", "BODY")).isEqualTo(InboundSms.MAX_TEXT);
    assertThat(columnSize("INBOUND_JOURNAL", "BODY")).isEqualTo(InboundSms.MAX_TEXT);
    assertThat(columnSize("UNROUTED_SMS", "BODY")).isEqualTo(InboundSms.MAX_TEXT);
    assertThat(columnSize("INBOUND_PART", "BODY")).isEqualTo(ReassembleSms.MAX_PART);
    assertThat(columnSize("MESSAGE_PART", "SMSC_MESSAGE_ID")).isEqualTo(DeliveryReceipt.MAX_ID);
    assertThat(columnSize("EARLY_RECEIPT", "SMSC_MESSAGE_ID")).isEqualTo(DeliveryReceipt.MAX_ID);
    assertThat(columnSize("MESSAGE_PART", "ERROR")).isEqualTo(DeliveryReceipt.MAX_ERROR);
    assertThat(columnSize("EARLY_RECEIPT", "ERROR")).isEqualTo(DeliveryReceipt.MAX_ERROR);
    // Addresses are kept as the inbox files them: E.164 (16) or a sender ID (11).
    assertThat(columnSize("CONTACT", "PHONE")).isGreaterThanOrEqualTo(16);
    assertThat(columnSize("INBOUND_PART", "SOURCE_NUMBER")).isGreaterThanOrEqualTo(16);
  }

  /** Part {@code sequence} of a message of {@code total} parts. */
  private void part(String from, String to, String text, int reference, int sequence, int total) {
    core.reassembly.receivePart(sms(from, to, text), new Concatenation(reference, total, sequence));
  }

  /** Part {@code sequence} of a message of twelve. */
  private void part(String from, String to, String text, int reference, int sequence) {
    part(from, to, text, reference, sequence, 12);
  }

  private Outcome accept(InboundSms sms) {
    return core.receiveSms.acceptAll(List.of(sms)).get(0);
  }

  private InboundSms sms(String from, String to, String text) {
    return new InboundSms(from, to, text, 1, "GSM7", clock.instant());
  }

  private long conversationOf(String phone) throws Exception {
    return count(
        "select v.id from conversation v join contact c on c.id = v.contact_id where c.phone = '"
            + phone
            + "'");
  }

  private Conversation conversation(long id) {
    return core.unitOfWork.inTransaction(() -> core.conversations.find(id).orElseThrow());
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

  private long count(String sql) throws Exception {
    try (Connection c = pool.getConnection();
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private int columnSize(String table, String column) throws Exception {
    try (Connection c = pool.getConnection();
        ResultSet rs = c.getMetaData().getColumns(null, null, table, column)) {
      assertThat(rs.next()).as(table + "." + column).isTrue();
      return rs.getInt("COLUMN_SIZE");
    }
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
