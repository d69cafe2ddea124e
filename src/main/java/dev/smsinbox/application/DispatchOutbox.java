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
  private final SubmitPacer pacer;
  private final boolean packGsm;
  private final Clock clock;

  public DispatchOutbox(
      UnitOfWork unitOfWork,
      MessageRepository messages,
      SmsGateway gateway,
      OutboundStatus statuses,
      SubmitPacer pacer,
      boolean packGsm,
      Clock clock) {
    this.unitOfWork = unitOfWork;
    this.messages = messages;
    this.gateway = gateway;
    this.statuses = statuses;
    this.pacer = pacer;
    this.packGsm = packGsm;
    this.clock = clock;
  }

  /**
   * Sends what is queued. Only one thread may drain at a time (the caller serialises).
   *
   * @return how many messages left the outbox (sent or failed)
   */
  public int drain() {
    if (!gateway.isBound()) {
      return 0;
    }
    int done = 0;
    List<QueuedMessage> batch;
    do {
      batch = unitOfWork.inTransaction(() -> messages.queued(BATCH));
      for (QueuedMessage message : batch) {
        if (!send(message)) {
          return done;
        }
        done++;
      }
    } while (batch.size() == BATCH);
    return done;
  }

  /**
   * @return false when the link cannot take more now
   */
  private boolean send(QueuedMessage message) {
    // The reference is derived from the id, so parts re-sent after a restart carry the same one.
    List<SmsPart> parts = SmsComposer.split(message.text(), (int) (message.id() & 0xFF), packGsm);
    for (SmsPart part : parts) {
      if (message.sentParts().contains(part.number())) {
        continue;
      }
      pacer.awaitSlot();
      try {
        String smscId = gateway.submit(part, message.fromNumber(), message.toNumber());
        unitOfWork.run(
            () -> messages.recordPartSent(message.id(), part.number(), smscId, clock.instant()));
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
        changeStatus(message, MessageStatus.FAILED, refused.getMessage());
        return true;
      }
    }
    changeStatus(message, MessageStatus.SENT, null);
    return true;
  }

  private void changeStatus(QueuedMessage message, MessageStatus status, String error) {
    unitOfWork.run(
        () -> {
          if (status == MessageStatus.SENT) {
            statuses.change(message.conversationId(), message.id(), status, null);
            statuses.settle(message.id());
          } else {
            statuses.change(message.conversationId(), message.id(), status, error);
          }
        });
  }
}
