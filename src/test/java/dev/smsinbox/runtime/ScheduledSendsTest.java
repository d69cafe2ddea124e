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
import dev.smsinbox.application.outbound.SendCrmSms.CrmSms;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.SmsGateway;
import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.MessageStatus;
import dev.smsinbox.domain.Origin;
import dev.smsinbox.domain.OriginType;
import dev.smsinbox.sms.SmsPart;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scheduled sends (issue 21) over the real JDBC adapters and the outbox, with a clock the test
 * moves: a scheduled reply waits SCHEDULED with its credits taken, leaves once its time comes, and
 * a cancelled one never leaves and is refunded.
 */
class ScheduledSendsTest {

  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  static final String OURS = "+14155550100";
  static final String ANN = "+14155550111";

  HikariDataSource pool;
  InboxCore core;
  DispatchOutbox outbox;
  final MovingClock clock = new MovingClock(NOW);
  final Carrier carrier = new Carrier();

  /** Takes every submit and keeps what it was given. */
  static final class Carrier implements SmsGateway {
    final List<String> submitted = new CopyOnWriteArrayList<>();
    final AtomicInteger ids = new AtomicInteger();

    @Override
    public String submit(SmsPart part, String from, String to) {
      submitted.add(to + ": " + new String(part.shortMessage(), StandardCharsets.US_ASCII));
      return "id-" + ids.incrementAndGet();
    }

    @Override
    public boolean isBound() {
      return true;
    }
  }

  static Stream<String> databases() {
    return Stream.of("H2", "PostgreSQL");
  }

  void open(String database) {
    pool = TestDatabases.open(database, "scheduled_unit");
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
  void aScheduledReplyLeavesAtItsTimeAndACancelledOneNeverDoes(String database) {
    open(database);
    long ann = conversationWith(ANN);
    long before = balance();
    Instant nine = NOW.plus(Duration.ofHours(21));
    Message later = schedule(ann, "See you at nine", nine);
    Message cancelled = schedule(ann, "Never mind", nine);

    assertThat(later.status()).isEqualTo(MessageStatus.SCHEDULED);
    assertThat(later.at()).isEqualTo(nine);
    assertThat(balance()).isEqualTo(before - 2); // reserved when scheduled

    outbox.drain();
    assertThat(carrier.submitted).isEmpty();

    Message gone = core.sendReply.cancel(Callers.admin(), cancelled.id());
    assertThat(gone.status()).isEqualTo(MessageStatus.CANCELLED);
    assertThat(balance()).isEqualTo(before - 1); // the cancelled one refunded
    // Cancelled twice, or by another account: refused.
    assertThatThrownBy(() -> core.sendReply.cancel(Callers.admin(), cancelled.id()))
        .isInstanceOfSatisfying(
            RequestRefused.class,
            r -> assertThat(r.reason()).isEqualTo(RequestRefused.Reason.CONFLICT));
    assertThatThrownBy(() -> core.sendReply.cancel(Callers.admin("another"), later.id()))
        .isInstanceOfSatisfying(
            RequestRefused.class,
            r -> assertThat(r.reason()).isEqualTo(RequestRefused.Reason.NOT_FOUND));

    clock.advance(Duration.ofHours(21).minusSeconds(1));
    outbox.drain();
    assertThat(carrier.submitted).isEmpty();

    clock.advance(Duration.ofSeconds(1));
    outbox.drain();
    assertThat(carrier.submitted).containsExactly(ANN + ": See you at nine");
    assertThat(status(later)).isEqualTo(MessageStatus.SENT);
    assertThat(status(cancelled)).isEqualTo(MessageStatus.CANCELLED);
    // Once it left, it cannot be cancelled.
    assertThatThrownBy(() -> core.sendReply.cancel(Callers.admin(), later.id()))
        .isInstanceOf(RequestRefused.class)
        .hasMessageContaining("only a scheduled message can be cancelled");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aTimeAlreadyPastIsRefused(String database) {
    open(database);
    long ann = conversationWith(ANN);
    assertThatThrownBy(() -> schedule(ann, "Too late", NOW.minusSeconds(60)))
        .isInstanceOf(RequestRefused.class)
        .hasMessageContaining("not in the future");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aCrmSendAt23InTheCustomersZoneIsHeldAndLeavesAt08(String database) {
    open(database);
    core.quietHours.save(Callers.admin(), true, "21:00", "08:00");
    // 07:00Z is 23:00 in San Francisco (PST), where +1 415 numbers are.
    clock.set(Instant.parse("2026-11-25T07:00:00Z"));
    Message held =
        core.sendCrmSms()
            .send(
                Callers.crm(),
                new CrmSms(
                    ANN,
                    OURS,
                    "Flash sale tomorrow",
                    new Origin(OriginType.CAMPAIGN, "fs", "Flash sale"),
                    null));

    assertThat(held.status()).isEqualTo(MessageStatus.SCHEDULED);
    Instant eight = Instant.parse("2026-11-25T16:00:00Z"); // 08:00 PST
    assertThat(held.at()).isEqualTo(eight);
    assertThat(held.error()).contains("quiet hours", "America/Los_Angeles");
    outbox.drain();
    assertThat(carrier.submitted).isEmpty();

    // An admin's reply at that hour asks for a confirmation, and then goes at once.
    long ann = conversationWith(ANN);
    assertThatThrownBy(() -> core.sendReply.reply(Callers.admin(), ann, "Sorry, late", null))
        .isInstanceOfSatisfying(
            RequestRefused.class,
            r -> {
              assertThat(r.reason()).isEqualTo(RequestRefused.Reason.QUIET_HOURS);
              assertThat(r.getMessage()).contains("23:00", "America/Los_Angeles");
            });
    Message confirmed =
        core.sendReply.reply(Callers.admin(), ann, "Sorry, late", null, true).message();
    assertThat(confirmed.status()).isEqualTo(MessageStatus.QUEUED);
    outbox.drain();
    assertThat(carrier.submitted).containsExactly(ANN + ": Sorry, late");

    clock.set(eight.minusSeconds(1));
    outbox.drain();
    assertThat(carrier.submitted).hasSize(1);
    clock.set(eight);
    outbox.drain();
    assertThat(carrier.submitted)
        .containsExactly(ANN + ": Sorry, late", ANN + ": Flash sale tomorrow");
    assertThat(status(held)).isEqualTo(MessageStatus.SENT);
    assertThat(message(held).error()).isNull();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void quietHoursSetAfterSchedulingHoldTheMessageAtItsTimeUntilTheyEnd(String database) {
    open(database);
    core.quietHours.save(Callers.admin(), false, "21:00", "08:00");
    long ann = conversationWith(ANN);
    // Scheduled while quiet hours are off, for 23:00 in San Francisco (07:00Z).
    Instant eleven = Instant.parse("2026-11-25T07:00:00Z");
    Message reply = schedule(ann, "Your table is ready", eleven);
    Message campaign =
        core.sendCrmSms()
            .send(
                Callers.crm(),
                new CrmSms(
                    ANN,
                    OURS,
                    "Flash sale",
                    new Origin(OriginType.CAMPAIGN, "fs", "Flash sale"),
                    eleven.toString()));
    assertThat(campaign.status()).isEqualTo(MessageStatus.SCHEDULED);
    long before = balance();
    // Then an admin turns them on: at 23:00 both are due, and both wait for 08:00 there.
    core.quietHours.save(Callers.admin(), true, "21:00", "08:00");
    clock.set(eleven);
    outbox.drain();
    assertThat(carrier.submitted).isEmpty();
    Instant eight = Instant.parse("2026-11-25T16:00:00Z");
    for (Message held : List.of(reply, campaign)) {
      assertThat(status(held)).isEqualTo(MessageStatus.SCHEDULED);
      assertThat(message(held).at()).isEqualTo(eight);
      assertThat(message(held).error()).contains("quiet hours", "America/Los_Angeles");
    }
    assertThat(balance()).isEqualTo(before); // still reserved, not refunded nor charged again

    clock.set(eight.minusSeconds(1));
    outbox.drain();
    assertThat(carrier.submitted).isEmpty();
    clock.set(eight);
    outbox.drain();
    assertThat(carrier.submitted)
        .containsExactlyInAnyOrder(ANN + ": Your table is ready", ANN + ": Flash sale");
    assertThat(status(reply)).isEqualTo(MessageStatus.SENT);
    assertThat(message(reply).error()).isNull();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void quietHoursMovedWhileAMessageIsHeldKeepItUntilTheNewEnd(String database) {
    open(database);
    core.quietHours.save(Callers.admin(), true, "21:00", "08:00");
    clock.set(Instant.parse("2026-11-25T07:00:00Z")); // 23:00 in San Francisco
    Message held =
        core.sendCrmSms()
            .send(
                Callers.crm(),
                new CrmSms(
                    ANN, OURS, "Reminder", new Origin(OriginType.AUTOMATION, "r", "Remind"), null));
    Instant eight = Instant.parse("2026-11-25T16:00:00Z");
    assertThat(held.at()).isEqualTo(eight);
    // Meanwhile the window is stretched to 09:00: at 08:00 it is held again, until 09:00.
    core.quietHours.save(Callers.admin(), true, "21:00", "09:00");
    clock.set(eight);
    outbox.drain();
    assertThat(carrier.submitted).isEmpty();
    assertThat(message(held).at()).isEqualTo(eight.plus(Duration.ofHours(1)));
    assertThat(message(held).error()).contains("until 09:00");
    clock.set(eight.plus(Duration.ofHours(1)));
    outbox.drain();
    assertThat(carrier.submitted).containsExactly(ANN + ": Reminder");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aReplyTheAdminConfirmedForTheNightIsNotHeldAtItsTime(String database) {
    open(database);
    core.quietHours.save(Callers.admin(), true, "21:00", "08:00");
    long ann = conversationWith(ANN);
    Instant eleven = Instant.parse("2026-11-25T07:00:00Z"); // 23:00 in San Francisco
    assertThatThrownBy(() -> schedule(ann, "Late news", eleven))
        .isInstanceOfSatisfying(
            RequestRefused.class,
            r -> assertThat(r.reason()).isEqualTo(RequestRefused.Reason.QUIET_HOURS));
    Message confirmed =
        core.sendReply.reply(Callers.admin(), ann, "Late news", eleven, true).message();
    assertThat(confirmed.status()).isEqualTo(MessageStatus.SCHEDULED);
    clock.set(eleven);
    outbox.drain();
    assertThat(carrier.submitted).containsExactly(ANN + ": Late news");
  }

  long balance() {
    return core.credits().statement(Callers.ACCOUNT, 1).balance();
  }

  long conversationWith(String phone) {
    var outcome =
        core.receiveSms
            .receiveAll(List.of(new InboundSms(phone, OURS, "Hi", 1, "GSM7", clock.instant())))
            .get(0);
    return ((Stored) outcome).message().conversationId();
  }

  Message schedule(long conversationId, String text, Instant at) {
    return core.sendReply.reply(Callers.admin(), conversationId, text, at).message();
  }

  Message message(Message m) {
    return core.unitOfWork.inTransaction(() -> core.messages.find(m.id()).orElseThrow());
  }

  MessageStatus status(Message m) {
    return message(m).status();
  }
}
