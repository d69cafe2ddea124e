package dev.smsinbox.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.persistence.JdbcIdempotencyKeys;
import dev.smsinbox.adapter.rest.IdempotentWrites.Answer;
import dev.smsinbox.adapter.rest.IdempotentWrites.Call;
import dev.smsinbox.adapter.rest.IdempotentWrites.Result;
import dev.smsinbox.application.Caller;
import dev.smsinbox.application.Callers;
import dev.smsinbox.application.outbound.SendCrmSms.CrmSms;
import dev.smsinbox.application.outbound.SendCrmSms.Progress;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.Direction;
import dev.smsinbox.domain.InReplyTo;
import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.MessageStatus;
import dev.smsinbox.domain.Origin;
import dev.smsinbox.domain.OriginType;
import dev.smsinbox.runtime.FlywayMigration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Idempotency-Key as a client meets it, over the real key store on H2. */
class IdempotentWritesTest {

  private static final Caller CRM = Callers.crm();
  private static final Origin CAMPAIGN = new Origin(OriginType.CAMPAIGN, "c-1", "Spring sale");

  private JdbcUnitOfWork unitOfWork;
  private IdempotentWrites writes;
  private final AtomicInteger sent = new AtomicInteger();

  @BeforeEach
  void aStore() {
    JdbcDataSource db = new JdbcDataSource();
    db.setURL("jdbc:h2:mem:idempotent-writes-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    FlywayMigration.configure(db).load().migrate();
    unitOfWork = new JdbcUnitOfWork(db);
    JdbcIdempotencyKeys keys =
        new JdbcIdempotencyKeys(
            unitOfWork, Clock.systemUTC(), Duration.ofHours(24), Duration.ofSeconds(10));
    writes = new IdempotentWrites(keys, unitOfWork, JsonConfig.create());
  }

  private Call call(String key, Object request) {
    return new Call("POST /api/sms/messages", key, CRM, request);
  }

  private Result send(CrmSms sms) {
    return new Result(202, Map.of("sent", sent.incrementAndGet(), "to", sms.to()));
  }

  @Test
  void theSameKeyAndRequestSendOnceAndAnswerTheFirstAnswerAgain() {
    CrmSms sms = sms("+14155550123", "Spring sale");
    Answer first = writes.answerOnce(call("k1", sms), () -> send(sms));
    Answer again =
        writes.answerOnce(call("k1", sms("+14155550123", "Spring sale")), () -> send(sms));

    assertThat(sent).hasValue(1);
    assertThat(first.status()).isEqualTo(202);
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.json()).isEqualTo(first.json());
    assertThat(first.replayed()).isFalse();
    assertThat(again.replayed()).isTrue();
  }

  @Test
  void withoutAKeyEveryRequestSends() {
    CrmSms sms = sms("+14155550123", "Spring sale");
    writes.answerOnce(call(null, sms), () -> send(sms));
    writes.answerOnce(call(null, sms), () -> send(sms));
    assertThat(sent).hasValue(2);
  }

  @Test
  void theSameKeyWithAnotherRequestIs422AndSendsNothing() {
    CrmSms sms = sms("+14155550123", "Hi");
    writes.answerOnce(call("k1", sms), () -> send(sms));
    Answer other =
        writes.answerOnce(
            call("k1", sms("+14155550123", "Hi!")), () -> send(sms("+14155550123", "Hi!")));

    assertThat(sent).hasValue(1);
    assertThat(other.status()).isEqualTo(422);
    assertThat(other.json()).contains("another request").contains("new key");
  }

  @Test
  void keysOfOneCallerAreNotAnothers() {
    CrmSms sms = sms("+14155550123", "Hi");
    writes.answerOnce(call("k1", sms), () -> send(sms));
    writes.answerOnce(
        new Call("POST /api/sms/messages", "k1", Callers.crm("another-account"), sms),
        () -> send(sms));
    assertThat(sent).hasValue(2);
  }

  @Test
  void aRefusalIsTheAnswerGivenAgain() {
    CrmSms sms = sms("+14155550123", "Hi");
    AtomicInteger asked = new AtomicInteger();
    Answer refused =
        writes.answerOnce(
            call("k1", sms),
            () -> {
              asked.incrementAndGet();
              throw new RequestRefused(
                  RequestRefused.Reason.PAYMENT_REQUIRED, "Sending this needs 1 credit.");
            });
    Answer again = writes.answerOnce(call("k1", sms), () -> send(sms));

    assertThat(refused.status()).isEqualTo(402);
    assertThat(refused.json()).contains("Sending this needs 1 credit.");
    assertThat(again.status()).isEqualTo(402);
    assertThat(again.json()).isEqualTo(refused.json());
    assertThat(asked).hasValue(1);
    assertThat(sent).hasValue(0);
  }

  @Test
  void aFailureOfOursIsNotKeptTheRetrySends() {
    CrmSms sms = sms("+14155550123", "Hi");
    assertThatThrownBy(
            () ->
                writes.answerOnce(
                    call("k1", sms),
                    () -> {
                      throw new UnitOfWork.Unavailable("The database connection failed", null);
                    }))
        .isInstanceOf(UnitOfWork.Unavailable.class);

    Answer retry = writes.answerOnce(call("k1", sms), () -> send(sms));

    assertThat(retry.status()).isEqualTo(202);
    assertThat(retry.replayed()).isFalse();
    assertThat(sent).hasValue(1);
  }

  @Test
  void aSecondRequestWhileTheFirstIsCarriedOutIs409InProgressAndThenGetsTheAnswer()
      throws Exception {
    CrmSms sms = sms("+14155550123", "Hi");
    CountDownLatch sending = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    CompletableFuture<Answer> first =
        CompletableFuture.supplyAsync(
            () ->
                writes.answerOnce(
                    call("k1", sms),
                    () -> {
                      sending.countDown();
                      awaitLatch(finish);
                      return send(sms);
                    }));
    assertThat(sending.await(10, TimeUnit.SECONDS)).isTrue();

    Answer meanwhile = writes.answerOnce(call("k1", sms), () -> send(sms));
    finish.countDown();
    Answer answered = first.get(10, TimeUnit.SECONDS);
    Answer after = writes.answerOnce(call("k1", sms), () -> send(sms));

    assertThat(meanwhile.status()).isEqualTo(409);
    assertThat(meanwhile.retryAfterSeconds()).isEqualTo(1);
    assertThat(meanwhile.json()).contains("being carried out");
    assertThat(after.json()).isEqualTo(answered.json());
    assertThat(sent).hasValue(1);
  }

  @Test
  void aBatchCutShortIsNotKeptAndItsRetrySendsOnlyToTheOthers() {
    List<String> to = List.of("+14155550001", "+14155550002", "+14155550003");
    List<String> sentTo = new ArrayList<>();
    AtomicInteger databaseLeftAfter = new AtomicInteger(2);
    var batch =
        new Object() {
          Result send(Progress progress) {
            List<Message> messages = new ArrayList<>();
            for (int i = 0; i < to.size(); i++) {
              var earlier = progress.queuedEarlier(i);
              if (earlier.isPresent()) {
                messages.add(earlier.get());
                continue;
              }
              if (sentTo.size() == databaseLeftAfter.get()) {
                return new Result(503, Map.of("queued", messages.size()));
              }
              int position = i;
              messages.add(
                  unitOfWork.inTransaction(
                      () -> {
                        Message message = message(100 + position, to.get(position));
                        sentTo.add(to.get(position));
                        progress.queued(position, message);
                        return message;
                      }));
            }
            return new Result(202, messages);
          }
        };
    Call call = new Call("POST /api/sms/batches", "b1", CRM, to);

    Answer cutShort = writes.answerBatch(call, batch::send);
    databaseLeftAfter.set(Integer.MAX_VALUE);
    Answer resumed = writes.answerBatch(call, batch::send);
    Answer again = writes.answerBatch(call, batch::send);

    assertThat(cutShort.status()).isEqualTo(503);
    assertThat(cutShort.retryAfterSeconds()).isEqualTo(5);
    assertThat(resumed.status()).isEqualTo(202);
    assertThat(sentTo).containsExactlyElementsOf(to);
    // The messages of the first attempt come back as they were answered then.
    assertThat(resumed.json())
        .isEqualTo(
            JsonConfig.create()
                .toJson(
                    List.of(
                        message(100, to.get(0)),
                        message(101, to.get(1)),
                        message(102, to.get(2)))));
    assertThat(again.replayed()).isTrue();
    assertThat(again.json()).isEqualTo(resumed.json());
  }

  @Test
  void aKeyAClientCannotSendAsItIsIsRefused() {
    CrmSms sms = sms("+14155550123", "Hi");
    for (String key : List.of("", "   ", "x".repeat(256), "clé")) {
      assertThatThrownBy(() -> writes.answerOnce(call(key, sms), () -> send(sms)))
          .isInstanceOf(RequestRefused.class)
          .hasMessageContaining("Idempotency-Key must be 1 to 255 printable ASCII characters");
    }
    assertThat(sent).hasValue(0);
  }

  @Test
  void requestsAreTheSameWhenTheyParseTheSame() {
    assertThat(writes.hash(sms("+1", "Hi"))).isEqualTo(writes.hash(sms("+1", "Hi")));
    assertThat(writes.hash(sms("+1", "Hi"))).isNotEqualTo(writes.hash(sms("+1", "Hi ")));
    assertThat(writes.hash(sms("+1", null))).isNotEqualTo(writes.hash(sms(null, "+1")));
  }

  /** A public record: JSON-B reads only what it may reach from anywhere, as in the resources. */
  private static CrmSms sms(String to, String text) {
    return new CrmSms(to, null, text, CAMPAIGN, null);
  }

  private static Message message(long id, String to) {
    return new Message(
        id,
        7,
        Direction.OUTBOUND,
        "Spring sale: 20% off " + to,
        Instant.parse("2026-11-24T12:00:00.123456Z"),
        MessageStatus.QUEUED,
        1,
        "GSM7",
        CAMPAIGN,
        new InReplyTo(3, CAMPAIGN, Instant.parse("2026-11-20T09:00:00Z")),
        null,
        false,
        null,
        null,
        null);
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
