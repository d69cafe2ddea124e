package dev.smsinbox.application;

import dev.smsinbox.domain.MessageRepository;
import dev.smsinbox.domain.MessageStatus;
import dev.smsinbox.domain.QueuedMessage;
import dev.smsinbox.sms.SmsComposer;
import dev.smsinbox.sms.SmsPart;
import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;

/**
 * Drains the outbox: each QUEUED message is split by the same code the composer counts with, and
 * each part not yet accepted is submitted and recorded with the SMSC's id at once, so a restart or
 * an outage resumes with the missing parts only. A temporary refusal (link down, throttled) stops
 * the round and leaves the message QUEUED; a permanent one makes it FAILED with the reason.
 */
public class DispatchOutbox {

  private static final Logger LOG = Logger.getLogger(DispatchOutbox.class.getName());
  private static final int BATCH = 100;

  private final UnitOfWork unitOfWork;
  private final MessageRepository messages;
  private final SmsGateway gateway;
  private final OutboundStatus statuses;
  private final Credits credits;
  private final InboxTelemetry telemetry;
  private final SubmitPacer pacer;
  private final boolean packGsm;
  private final Clock clock;

  public DispatchOutbox(
      UnitOfWork unitOfWork,
      MessageRepository messages,
      SmsGateway gateway,
      OutboundStatus statuses,
      Credits credits,
      InboxTelemetry telemetry,
      SubmitPacer pacer,
      boolean packGsm,
      Clock clock) {
    this.unitOfWork = unitOfWork;
    this.messages = messages;
    this.gateway = gateway;
    this.statuses = statuses;
    this.credits = credits;
    this.telemetry = telemetry;
    this.pacer = pacer;
    this.packGsm = packGsm;
    this.clock = clock;
  }

  /**
   * What a round achieved.
   *
   * @param done how many messages left the outbox (sent or failed)
   * @param linkBusy the link could not take more (down, throttled): try again later, slower
   */
  public record Round(int done, boolean linkBusy) {}

  /** Sends what is queued. Only one thread may drain at a time (the caller serialises). */
  public Round drain() {
    if (!gateway.isBound()) {
      return new Round(0, true);
    }
    int done = 0;
    List<QueuedMessage> batch;
    do {
      batch = unitOfWork.inTransaction(() -> messages.queued(BATCH));
      for (QueuedMessage message : batch) {
        if (!send(message)) {
          return new Round(done, true);
        }
        done++;
      }
    } while (batch.size() == BATCH);
    return new Round(done, false);
  }

  public long depth() {
    return unitOfWork.inTransaction(messages::queuedCount);
  }

  /**
   * @return false when the link cannot take more now
   */
  private boolean send(QueuedMessage message) {
    // The reference is derived from the id, so parts re-sent after a restart carry the same one.
    List<SmsPart> parts = SmsComposer.split(message.text(), (int) (message.id() & 0xFF), packGsm);
    int accepted = message.sentParts().size();
    for (SmsPart part : parts) {
      if (message.sentParts().contains(part.number())) {
        continue;
      }
      pacer.awaitSlot();
      try {
        String smscId = gateway.submit(part, message.fromNumber(), message.toNumber());
        unitOfWork.run(
            () -> messages.recordPartSent(message.id(), part.number(), smscId, clock.instant()));
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
      } catch (SmsGateway.SubmitRefused refused) {
        telemetry.submitRefused(refused.temporary());
        if (refused.temporary()) {
          LOG.warning(
              () ->
                  "Message "
                      + message.id()
                      + " stays queued: "
                      + refused.getMessage()
                      + "; it is retried when the link can take it");
          return false;
        }
        int unsent = parts.size() - accepted;
        unitOfWork.run(
            () -> {
              statuses.change(
                  message.conversationId(),
                  message.id(),
                  MessageStatus.FAILED,
                  refused.getMessage());
              // Parts the carrier never accepted were never carried: their credits come back.
              credits.refund(message.id(), unsent, message.toNumber(), refused.getMessage());
            });
        return true;
      }
    }
    markSent(message);
    return true;
  }

  private void markSent(QueuedMessage message) {
    unitOfWork.run(
        () -> {
          statuses.change(message.conversationId(), message.id(), MessageStatus.SENT, null);
          statuses.settle(message.id());
        });
  }
}
