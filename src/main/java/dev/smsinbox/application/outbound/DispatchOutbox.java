package dev.smsinbox.application.outbound;

import dev.smsinbox.application.Credits;
import dev.smsinbox.application.port.InboxTelemetry;
import dev.smsinbox.application.port.OutboxClaims;
import dev.smsinbox.application.port.SmsGateway;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.MessageRepository;
import dev.smsinbox.domain.MessageStatus;
import dev.smsinbox.domain.PartLedger;
import dev.smsinbox.domain.QueuedMessage;
import dev.smsinbox.sms.SmsComposer;
import dev.smsinbox.sms.SmsPart;
import dev.smsinbox.support.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drains the outbox: each QUEUED message is split by the same code the composer counts with, and
 * each part not yet accepted is submitted and recorded with the SMSC's id at once, so a restart or
 * an outage resumes with the missing parts only. A link that is down stops the round and leaves
 * everything QUEUED. A carrier's temporary refusal of one message (ESME_RTHROTTLED, a full queue)
 * leaves that message QUEUED with its own back-off, and the later messages of its conversation
 * behind it, while other conversations go on. A permanent refusal makes it FAILED with the reason.
 * A message still QUEUED after the longest wait allowed expires, its unsent parts refunded.
 *
 * <p>At most once: each part is recorded as being submitted (committed) before its submit_sm. A
 * submit_sm_resp that never comes, or a restart between the submit and the recording of its answer,
 * leaves the part in doubt: the message then leaves the outbox as SENT with an error starting
 * UNKNOWN_OUTCOME, never resubmitted by itself. A database failure while recording an accepted
 * part's SMSC id is retried, never answered by a second submit.
 *
 * <p>Several instances on one database (issue 19): an instance drains a conversation only while it
 * holds the conversation's claim ({@link OutboxClaims}, a lease renewed with each part it records
 * as being submitted), reading the conversation's queued messages fresh once it holds it. So one
 * conversation is drained by one instance at a time, in order, and a part is submitted by one
 * instance only; a claim whose holder died runs out after {@link #CLAIM} and another instance takes
 * the conversation over (a part the dead one may have submitted is in doubt, as after a restart).
 * Expiry takes the same claims; releases of scheduled messages are conditional updates: each
 * instance may run both, each message is expired or released once.
 */
public class DispatchOutbox {

  private static final Logger LOG = Logger.getLogger(DispatchOutbox.class.getName());
  private static final int BATCH = 100;

  /**
   * How long a conversation's claim lasts without renewal: far longer than the wait for a submit
   * slot and a submit_sm's answer between two renewals; the time another instance waits before it
   * takes over the conversations of an instance that died.
   */
  public static final Duration CLAIM = Duration.ofSeconds(30);

  /** How a message's error begins when the carrier may or may not have it (see the README). */
  public static final String UNKNOWN_OUTCOME = "UNKNOWN_OUTCOME";

  private static final int RECORD_ATTEMPTS = 10;
  private static final long FIRST_RECORD_WAIT_MS = 100;
  private static final long LONGEST_RECORD_WAIT_MS = 5_000;

  private final UnitOfWork unitOfWork;
  private final MessageRepository messages;
  private final PartLedger ledger;
  private final SmsGateway gateway;
  private final OutboundStatus statuses;
  private final Credits credits;
  private final InboxTelemetry telemetry;
  private final RecordDeliveryReceipt receipts;
  private final SubmitRate pacer;
  private final OutboxClaims claims;
  private final String instance;
  private final boolean packGsm;
  private final ExecutorService senders;
  private final Clock clock;
  private final Duration maxQueuedAge;

  /** How a message's send ended in this round. */
  private enum Sent {
    /** Left the outbox: SENT, or FAILED with a refund. */
    DONE,
    /** The carrier refused it for now: it waits on its own; its conversation waits behind it. */
    DEFERRED,
    /** The link cannot take anything: the whole round stops. */
    LINK_DOWN,
    /** Another instance has taken the conversation over (this one's claim ran out). */
    CLAIM_LOST
  }

  /** This instance's claim on a conversation ran out and another instance holds it now. */
  private static final class ClaimLost extends RuntimeException {
    ClaimLost() {
      super(null, null, false, false);
    }
  }

  public DispatchOutbox(
      UnitOfWork unitOfWork,
      MessageRepository messages,
      PartLedger ledger,
      SmsGateway gateway,
      OutboundStatus statuses,
      Credits credits,
      InboxTelemetry telemetry,
      RecordDeliveryReceipt receipts,
      SubmitRate pacer,
      boolean packGsm,
      int window,
      Clock clock,
      Duration maxQueuedAge,
      OutboxClaims claims,
      String instance) {
    this.unitOfWork = unitOfWork;
    this.messages = messages;
    this.ledger = ledger;
    this.gateway = gateway;
    this.statuses = statuses;
    this.credits = credits;
    this.telemetry = telemetry;
    this.receipts = receipts;
    this.pacer = pacer;
    this.packGsm = packGsm;
    this.senders = Executors.newFixedThreadPool(window, DaemonThreads.numbered("sms-inbox-submit"));
    this.clock = clock;
    this.maxQueuedAge = maxQueuedAge;
    this.claims = claims;
    this.instance = instance;
  }

  /**
   * What a round achieved.
   *
   * @param done how many messages left the outbox (sent, failed or expired)
   * @param linkBusy the link could not take more (down, throttled): try again later, slower
   */
  public record Round(int done, boolean linkBusy) {}

  /**
   * Sends what is queued, with up to {@code window} submits outstanding; the messages of one
   * conversation go one after another, so a customer reads our replies in the order we wrote them.
   * Only one thread may drain at a time (the caller serialises).
   */
  public Round drain() {
    // Expiry comes first and does not need the link: a long outage is exactly when it matters.
    release();
    int expired = expire();
    if (!gateway.isBound()) {
      return new Round(expired, true);
    }
    AtomicInteger done = new AtomicInteger(expired);
    AtomicBoolean busy = new AtomicBoolean();
    List<Long> batch;
    int doneBefore;
    do {
      doneBefore = done.get();
      batch =
          unitOfWork.inTransaction(
              () -> messages.queuedConversations(BATCH, clock.instant(), instance));
      List<Future<?>> running = new ArrayList<>();
      for (long conversationId : batch) {
        running.add(senders.submit(() -> drainConversation(conversationId, done, busy)));
      }
      for (Future<?> f : running) {
        try {
          f.get();
        } catch (ExecutionException e) {
          busy.set(true);
          LOG.log(Level.WARNING, "A send failed unexpectedly; its message stays queued", e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return new Round(done.get(), true);
        }
      }
      // A full batch may hide more; a batch where nothing left (all taken by other instances
      // meanwhile, or all waiting) ends the round, the next tick looks again.
    } while (batch.size() == BATCH && done.get() > doneBefore && !busy.get());
    return new Round(done.get(), busy.get());
  }

  /**
   * Sends a conversation's queued messages in order while this instance holds its claim; the claim
   * is given back when done, or runs out if this instance dies meanwhile.
   */
  private void drainConversation(long conversationId, AtomicInteger done, AtomicBoolean busy) {
    Instant now = clock.instant();
    if (!claims.claim(conversationId, instance, now, now.plus(CLAIM))) {
      return; // another instance is sending this conversation's messages
    }
    try {
      // Read after the claim: what the previous holder sent is committed and shows here.
      List<QueuedMessage> thread =
          unitOfWork.inTransaction(() -> messages.queuedIn(conversationId, BATCH, clock.instant()));
      for (QueuedMessage message : thread) {
        if (busy.get()) {
          return;
        }
        Sent sent = send(message);
        if (sent == Sent.LINK_DOWN) {
          busy.set(true);
          return;
        }
        if (sent == Sent.DEFERRED || sent == Sent.CLAIM_LOST) {
          return; // the rest of this conversation waits behind it, in order
        }
        done.incrementAndGet();
      }
    } finally {
      claims.release(conversationId, instance);
    }
  }

  /** Stops the senders once they finish what they are doing (no interrupts mid-write). */
  public void close() {
    senders.shutdown();
  }

  public long depth() {
    return unitOfWork.inTransaction(messages::queuedCount);
  }

  /**
   * Scheduled messages whose time has come (a reply's or CRM send's {@code sendAt}, the end of
   * quiet hours) enter the outbox, each in its own transaction, and go in this same round. The
   * outbox's tick runs every second, so a message leaves within about a second of its time.
   */
  private void release() {
    List<QueuedMessage> due;
    do {
      Instant now = clock.instant();
      due = unitOfWork.inTransaction(() -> messages.scheduledDue(now, BATCH));
      for (QueuedMessage message : due) {
        unitOfWork.run(
            () ->
                statuses.changeScheduled(
                    message.accountId(),
                    message.conversationId(),
                    message.id(),
                    MessageStatus.QUEUED,
                    null));
      }
    } while (due.size() == BATCH);
  }

  /**
   * Queued messages that have waited longer than allowed become EXPIRED, and the parts the carrier
   * never accepted are refunded, each message in its own transaction.
   *
   * @return how many expired
   */
  private int expire() {
    Instant cutoff = OutboxRetry.expiryCutoff(clock.instant(), maxQueuedAge);
    String why = OutboxRetry.expiredBecause(maxQueuedAge);
    int expired = 0;
    int expiredBefore;
    List<QueuedMessage> stale;
    do {
      expiredBefore = expired;
      stale = unitOfWork.inTransaction(() -> messages.queuedBefore(cutoff, BATCH));
      for (long conversationId :
          stale.stream().map(QueuedMessage::conversationId).distinct().toList()) {
        expired += expireIn(conversationId, cutoff, why);
      }
      // A batch where nothing expired (other instances hold those conversations) ends it here.
    } while (stale.size() == BATCH && expired > expiredBefore);
    return expired;
  }

  /**
   * Expires the conversation's stale messages under its claim, read fresh, so no instance is
   * sending one of them meanwhile and none is expired (and refunded) twice.
   */
  private int expireIn(long conversationId, Instant cutoff, String why) {
    Instant now = clock.instant();
    if (!claims.claim(conversationId, instance, now, now.plus(CLAIM))) {
      return 0; // its holder sends it or expires it
    }
    int expired = 0;
    try {
      List<QueuedMessage> queued =
          unitOfWork.inTransaction(() -> messages.queuedBefore(conversationId, cutoff, BATCH));
      for (QueuedMessage message : queued) {
        // A part in doubt may have been carried: only parts never submitted are refunded.
        int unsent =
            parts(message).size() - message.sentParts().size() - message.inDoubtParts().size();
        unitOfWork.run(
            () -> {
              statuses.change(
                  message.accountId(),
                  message.conversationId(),
                  message.id(),
                  MessageStatus.EXPIRED,
                  why);
              credits.refund(message.accountId(), message.id(), unsent, message.toNumber(), why);
            });
        expired++;
      }
    } finally {
      claims.release(conversationId, instance);
    }
    return expired;
  }

  private List<SmsPart> parts(QueuedMessage message) {
    // The reference is derived from the id, so parts re-sent after a restart carry the same one.
    return SmsComposer.split(message.text(), (int) (message.id() & 0xFF), packGsm);
  }

  private Sent send(QueuedMessage message) {
    List<SmsPart> parts = parts(message);
    if (!message.inDoubtParts().isEmpty()) {
      int part = message.inDoubtParts().stream().min(Integer::compare).orElseThrow();
      markOutcomeUnknown(
          message,
          parts,
          "part "
              + part
              + "/"
              + parts.size()
              + " was submitted but the carrier's answer was never recorded (a restart or a"
              + " database failure in between)");
      return Sent.DONE;
    }
    int accepted = message.sentParts().size();
    for (SmsPart part : parts) {
      if (message.sentParts().contains(part.number())) {
        continue;
      }
      pacer.awaitSlot();
      // Committed before the submit_sm: if the answer never gets recorded (a crash, a time-out),
      // the next round knows the SMSC may have the part and does not send it blindly again. The
      // conversation's claim is renewed in the same transaction: an instance whose claim ran out
      // (and was taken over) records and submits nothing more.
      try {
        unitOfWork.run(
            () -> {
              Instant now = clock.instant();
              if (!claims.claim(message.conversationId(), instance, now, now.plus(CLAIM))) {
                throw new ClaimLost();
              }
              ledger.recordSubmitting(message.id(), part.number(), now);
            });
      } catch (ClaimLost lost) {
        LOG.warning(
            () ->
                "Message "
                    + message.id()
                    + ": another instance has taken its conversation over; it sends it");
        return Sent.CLAIM_LOST;
      }
      String smscId;
      try {
        smscId = gateway.submit(part, message.fromNumber(), message.toNumber());
      } catch (SmsGateway.OutcomeUnknown unknown) {
        markOutcomeUnknown(
            message,
            parts,
            "part " + part.number() + "/" + parts.size() + ": " + unknown.getMessage());
        return Sent.DONE;
      } catch (SmsGateway.SubmitRefused refused) {
        return refused(message, part, parts.size() - accepted, refused);
      }
      recordAccepted(message, part, smscId);
      accepted++;
      telemetry.partSubmitted();
      LOG.info(
          () ->
              "Message "
                  + message.id()
                  + " part "
                  + part.number()
                  + "/"
                  + part.total()
                  + " accepted by the SMSC as "
                  + smscId);
    }
    markSent(message);
    return Sent.DONE;
  }

  /** The SMSC answered no (or the link was down): the part was not carried. */
  private Sent refused(
      QueuedMessage message, SmsPart part, int unsent, SmsGateway.SubmitRefused refused) {
    telemetry.submitRefused(refused.temporary());
    if (refused.temporary() && refused.commandStatus() == null) {
      unitOfWork.run(() -> ledger.forgetSubmitting(message.id(), part.number()));
      LOG.warning(
          () ->
              "Message "
                  + message.id()
                  + " stays queued: "
                  + refused.getMessage()
                  + "; it is retried when the link can take it");
      return Sent.LINK_DOWN;
    }
    if (refused.temporary()) {
      // The SMSC answered, so the link works: only this message (and its conversation) waits.
      Duration wait = OutboxRetry.waitAfter(message.attempts());
      unitOfWork.run(
          () -> {
            ledger.forgetSubmitting(message.id(), part.number());
            messages.deferQueued(message.id(), clock.instant().plus(wait));
          });
      LOG.warning(
          () ->
              "Message "
                  + message.id()
                  + " stays queued: "
                  + refused.getMessage()
                  + "; tried again in "
                  + wait.toSeconds()
                  + " s, its conversation's later messages wait behind it");
      return Sent.DEFERRED;
    }
    unitOfWork.run(
        () -> {
          ledger.forgetSubmitting(message.id(), part.number());
          statuses.change(
              message.accountId(),
              message.conversationId(),
              message.id(),
              MessageStatus.FAILED,
              refused.getMessage());
          // Parts the carrier never accepted were never carried: their credits come back.
          credits.refund(
              message.accountId(), message.id(), unsent, message.toNumber(), refused.getMessage());
        });
    return Sent.DONE;
  }

  /**
   * Records the SMSC's id for an accepted part, trying again while the database fails: the SMSC has
   * the part, so it must never be submitted again. If every try fails, the part stays "being
   * submitted" and the next round marks the message's outcome unknown instead of resending it.
   */
  private void recordAccepted(QueuedMessage message, SmsPart part, String smscId) {
    long waitMs = FIRST_RECORD_WAIT_MS;
    for (int attempt = 1; ; attempt++) {
      try {
        unitOfWork.run(
            () -> {
              ledger.recordPartSent(message.id(), part.number(), smscId, clock.instant());
              receipts.applyEarly(message.id(), part.number(), smscId, message.toNumber());
            });
        return;
      } catch (RuntimeException e) {
        if (attempt == RECORD_ATTEMPTS) {
          LOG.log(
              Level.SEVERE,
              "Message "
                  + message.id()
                  + " part "
                  + part.number()
                  + " was accepted by the SMSC as "
                  + smscId
                  + " but could not be recorded; it is not sent again",
              e);
          throw e;
        }
        int tried = attempt;
        LOG.warning(
            () ->
                "Recording SMSC id "
                    + smscId
                    + " of message "
                    + message.id()
                    + " failed (try "
                    + tried
                    + "): "
                    + e.getMessage()
                    + "; trying again");
        try {
          // This thread only sends; waiting here holds back no one but this conversation.
          TimeUnit.MILLISECONDS.sleep(waitMs);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
        waitMs = Math.min(waitMs * 2, LONGEST_RECORD_WAIT_MS);
      }
    }
  }

  /**
   * The SMSC may or may not have a part: the message leaves the outbox as SENT with an error
   * starting {@link #UNKNOWN_OUTCOME}, so nobody is sent the part twice; an admin decides whether
   * to resend. The parts never submitted are refunded; the rest stay paid, as they may be carried.
   */
  private void markOutcomeUnknown(QueuedMessage message, List<SmsPart> parts, String what) {
    unitOfWork.run(
        () -> {
          int unsent = parts.size() - ledger.parts(message.id()).size();
          String why =
              UNKNOWN_OUTCOME
                  + ": "
                  + what
                  + ". It may or may not have reached the customer, so it is not sent again"
                  + " automatically; an admin can resend it"
                  + (unsent > 0
                      ? " (the " + unsent + " part(s) never submitted were refunded)"
                      : "");
          // message.error holds 500 characters; a gateway's reason may be long.
          statuses.change(
              message.accountId(),
              message.conversationId(),
              message.id(),
              MessageStatus.SENT,
              why.length() > 500 ? why.substring(0, 499) + "…" : why);
          credits.refund(
              message.accountId(),
              message.id(),
              unsent,
              message.toNumber(),
              UNKNOWN_OUTCOME + ": parts after the one in doubt were never submitted");
        });
  }

  private void markSent(QueuedMessage message) {
    unitOfWork.run(
        () -> {
          statuses.change(
              message.accountId(),
              message.conversationId(),
              message.id(),
              MessageStatus.SENT,
              null);
          statuses.settle(message.id());
        });
  }
}
