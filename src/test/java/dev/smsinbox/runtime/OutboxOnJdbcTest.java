package dev.smsinbox.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.smsinbox.MovingClock;
import dev.smsinbox.adapter.persistence.TestDatabases;
import dev.smsinbox.application.Callers;
import dev.smsinbox.application.inbound.InboundSms;
import dev.smsinbox.application.inbound.ReceiveSms.Stored;
import dev.smsinbox.application.outbound.DispatchOutbox;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.SmsGateway;
import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.MessageStatus;
import dev.smsinbox.sms.SmsPart;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The outbox over the real JDBC adapters, on H2 and on PostgreSQL when the build names one
 * (-Ppostgres; schema outbox_unit), with a carrier the test steers: a message the carrier throttles
 * waits on its own, messages that waited too long expire and are refunded.
 */
class OutboxOnJdbcTest {

  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private static final String OURS = "+14155550100";
  private static final String ANN = "+14155550111";
  private static final String BOB = "+14155550122";

  private HikariDataSource pool;
  private InboxCore core;
  private DispatchOutbox outbox;
  private final MovingClock clock = new MovingClock(NOW);
  private final Carrier carrier = new Carrier();

  /** Takes every submit, except to the numbers it throttles; may also be unbound. */
  private static final class Carrier implements SmsGateway {
    final Set<String> throttled = ConcurrentHashMap.newKeySet();
    final Set<String> unanswered = ConcurrentHashMap.newKeySet();
    volatile Runnable onAccept = () -> {};
    final List<String> submitted = new CopyOnWriteArrayList<>();
    final AtomicInteger ids = new AtomicInteger();
    volatile boolean bound = true;

    @Override
    public String submit(SmsPart part, String from, String to)
        throws SubmitRefused, OutcomeUnknown {
      if (!bound) {
        throw new SubmitRefused("The SMPP link is not available", true, null);
      }
      if (throttled.contains(to)) {
        throw new SubmitRefused("The carrier refused the message with status 0x58", true, 0x58);
      }
      if (unanswered.contains(to)) {
        submitted.add(to + ": part " + part.number() + ", no answer");
        throw new OutcomeUnknown("no submit_sm_resp within 10000 ms");
      }
      onAccept.run();
      // Single-part GSM-7 texts of letters, digits and spaces read the same as ASCII.
      submitted.add(to + ": " + new String(part.shortMessage(), StandardCharsets.US_ASCII));
      return "id-" + ids.incrementAndGet();
    }

    @Override
    public boolean isBound() {
      return bound;
    }
  }

  static Stream<String> databases() {
    return Stream.of("H2", "PostgreSQL");
  }

  private void open(String database) {
    pool = TestDatabases.open(database, "outbox_unit");
    core =
        TestCores.plain(
            pool, TestSettings.inbox(Duration.ofMinutes(10), Duration.ofHours(6)), clock);
    core.manageNumbers().save(Callers.admin(), OURS, "US", true, true);
    core.credits().topUp(Callers.crm(), 100, "test");
    outbox = core.dispatcher(carrier, 1000, false, 4);
  }

  @AfterEach
  void close() {
    if (outbox != null) {
      outbox.close();
    }
    if (pool != null) {
      pool.close();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aThrottledMessageWaitsAloneWhileOtherConversationsGo(String database) {
    open(database);
    long ann = conversationWith(ANN);
    long bob = conversationWith(BOB);
    carrier.throttled.add(ANN);
    Message first = reply(ann, "Your order shipped");
    Message second = reply(ann, "Tracking 1Z999");
    Message toBob = reply(bob, "See you at 3");

    outbox.drain();

    // Bob's reply went although Ann's was refused; Ann's second waits behind her first.
    assertThat(carrier.submitted).containsExactly(BOB + ": See you at 3");
    assertThat(status(toBob)).isEqualTo(MessageStatus.SENT);
    assertThat(status(first)).isEqualTo(MessageStatus.QUEUED);
    assertThat(status(second)).isEqualTo(MessageStatus.QUEUED);

    // The carrier takes Ann's again, but her first message's own wait is not over yet.
    carrier.throttled.clear();
    outbox.drain();
    assertThat(carrier.submitted).hasSize(1);

    clock.advance(Duration.ofSeconds(3));
    outbox.drain();
    assertThat(carrier.submitted)
        .containsExactly(
            BOB + ": See you at 3", ANN + ": Your order shipped", ANN + ": Tracking 1Z999");
    assertThat(status(first)).isEqualTo(MessageStatus.SENT);
    assertThat(status(second)).isEqualTo(MessageStatus.SENT);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aLinkThatIsDownPausesEverything(String database) {
    open(database);
    long ann = conversationWith(ANN);
    Message queued = reply(ann, "Hello");
    carrier.bound = false;

    DispatchOutbox.Round round = outbox.drain();

    assertThat(round.linkBusy()).isTrue();
    assertThat(status(queued)).isEqualTo(MessageStatus.QUEUED);
    carrier.bound = true;
    outbox.drain();
    assertThat(status(queued)).isEqualTo(MessageStatus.SENT);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aMessageQueuedTooLongExpiresAndItsCreditsComeBack(String database) {
    open(database);
    long ann = conversationWith(ANN);
    long bob = conversationWith(BOB);
    carrier.bound = false; // an outage longer than the six hours a message may wait
    Message old = reply(ann, "x".repeat(300)); // two parts
    clock.advance(Duration.ofHours(5));
    Message young = reply(bob, "Still fresh");
    long before = core.credits().statement(Callers.ACCOUNT, 1).balance();

    clock.advance(Duration.ofHours(2));
    outbox.drain();

    Message expired = message(old);
    assertThat(expired.status()).isEqualTo(MessageStatus.EXPIRED);
    assertThat(expired.error()).contains("waited in the outbox longer than 6 hours");
    assertThat(core.credits().statement(Callers.ACCOUNT, 1).balance()).isEqualTo(before + 2);
    assertThat(status(young)).isEqualTo(MessageStatus.QUEUED);

    // It is never sent once the link is back; the young one is.
    carrier.bound = true;
    outbox.drain();
    assertThat(carrier.submitted).containsExactly(BOB + ": Still fresh");
    assertThat(status(old)).isEqualTo(MessageStatus.EXPIRED);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aSubmitWithoutAnswerIsNotSentAgainAndShowsTheUnknownOutcome(String database) {
    open(database);
    long ann = conversationWith(ANN);
    carrier.unanswered.add(ANN);
    Message long3 = reply(ann, "y".repeat(400)); // three parts
    long before = core.credits().statement(Callers.ACCOUNT, 1).balance();

    outbox.drain();
    carrier.unanswered.clear();
    clock.advance(Duration.ofMinutes(10));
    outbox.drain();

    assertThat(carrier.submitted).containsExactly(ANN + ": part 1, no answer");
    Message shown = message(long3);
    assertThat(shown.status()).isEqualTo(MessageStatus.SENT);
    assertThat(shown.error()).startsWith("UNKNOWN_OUTCOME: part 1/3").contains("can resend it");
    // Parts 2 and 3 never left: refunded. Part 1 may have been carried: it stays paid.
    assertThat(core.credits().statement(Callers.ACCOUNT, 1).balance()).isEqualTo(before + 2);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void anAdminResendsAMessageWhoseOutcomeIsUnknownPayingAgain(String database) {
    open(database);
    long ann = conversationWith(ANN);
    carrier.unanswered.add(ANN);
    Message lost = reply(ann, "Your code is 4711");
    outbox.drain();
    carrier.unanswered.clear();
    long before = core.credits().statement(Callers.ACCOUNT, 1).balance();

    Message again = core.sendReply.resend(Callers.admin(), lost.id()).message();
    outbox.drain();

    assertThat(again.id()).isNotEqualTo(lost.id());
    assertThat(status(again)).isEqualTo(MessageStatus.SENT);
    assertThat(carrier.submitted).last().isEqualTo(ANN + ": Your code is 4711");
    assertThat(core.credits().statement(Callers.ACCOUNT, 1).balance()).isEqualTo(before - 1);
    // Only a message in doubt may be resent: a delivered or sent one never is.
    assertThatThrownBy(() -> core.sendReply.resend(Callers.admin(), again.id()))
        .isInstanceOf(RequestRefused.class)
        .hasMessageContaining("only a message whose outcome is unknown");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aPartSubmittedBeforeARestartWithoutAnAnswerIsNotResent(String database) throws Exception {
    open(database);
    long ann = conversationWith(ANN);
    Message queued = reply(ann, "Your table is ready");
    // What a crash between the submit_sm and the recording of its answer leaves behind.
    try (Connection c = pool.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "insert into message_part (message_id, part_number, status, status_at)"
                    + " values (?, 1, 'QUEUED', current_timestamp)")) {
      insert.setLong(1, queued.id());
      insert.executeUpdate();
    }

    outbox.drain();

    assertThat(carrier.submitted).isEmpty();
    assertThat(message(queued).status()).isEqualTo(MessageStatus.SENT);
    assertThat(message(queued).error()).startsWith("UNKNOWN_OUTCOME: part 1/1");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void anAcceptedPartWhoseRecordingFailsIsRecordedLaterNotResent(String database) {
    open(database);
    long ann = conversationWith(ANN);
    Message queued = reply(ann, "Receipt attached");
    ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    // The SMSC accepts while the part ledger's table is out of reach; it is back soon after.
    carrier.onAccept =
        () -> {
          carrier.onAccept = () -> {};
          execute("alter table message_part rename to message_part_away");
          later.schedule(
              () -> execute("alter table message_part_away rename to message_part"),
              500,
              TimeUnit.MILLISECONDS);
        };
    try {
      outbox.drain();
    } finally {
      later.shutdown();
    }

    assertThat(carrier.submitted).containsExactly(ANN + ": Receipt attached");
    assertThat(message(queued).status()).isEqualTo(MessageStatus.SENT);
    assertThat(message(queued).error()).isNull();
    outbox.drain();
    assertThat(carrier.submitted).hasSize(1);
  }

  private void execute(String statement) {
    try (Connection c = pool.getConnection()) {
      c.createStatement().execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private long conversationWith(String phone) {
    var outcome =
        core.receiveSms
            .receiveAll(List.of(new InboundSms(phone, OURS, "Hi", 1, "GSM7", clock.instant())))
            .get(0);
    return ((Stored) outcome).message().conversationId();
  }

  private Message reply(long conversationId, String text) {
    return core.sendReply.reply(Callers.admin(), conversationId, text).message();
  }

  private Message message(Message m) {
    return core.unitOfWork.inTransaction(() -> core.messages.find(m.id()).orElseThrow());
  }

  private MessageStatus status(Message m) {
    return message(m).status();
  }
}
