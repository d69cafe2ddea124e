package dev.smsinbox.application.outbound;

import dev.smsinbox.application.Credits;
import dev.smsinbox.application.port.InboxTelemetry;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
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
  private final PartLedger ledger;
  private final SmsGateway gateway;
  private final OutboundStatus statuses;
  private final Credits credits;
  private final InboxTelemetry telemetry;
  private final RecordDeliveryReceipt receipts;
  private final SubmitPacer pacer;
  private final boolean packGsm;
  private final ExecutorService senders;
  private final Clock clock;

  public DispatchOutbox(
      UnitOfWork unitOfWork,
      MessageRepository messages,
      PartLedger ledger,
      SmsGateway gateway,
      OutboundStatus statuses,
      Credits credits,
      InboxTelemetry telemetry,
      RecordDeliveryReceipt receipts,
      SubmitPacer pacer,
      boolean packGsm,
      int window,
      Clock clock) {
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
  }

  /**
   * What a round achieved.
   *
   * @param done how many messages left the outbox (sent or failed)
   * @param linkBusy the link could not take more (down, throttled): try again later, slower
   */
  public record Round(int done, boolean linkBusy) {}

  /**
   * Sends what is queued, with up to {@code window} submits outstanding; the messages of one
   * conversation go one after another, so a customer reads our replies in the order we wrote them.
   * Only one thread may drain at a time (the caller serialises).
   */
  public Round drain() {
    if (!gateway.isBound()) {
      return new Round(0, true);
    }
    AtomicInteger done = new AtomicInteger();
    AtomicBoolean busy = new AtomicBoolean();
    List<QueuedMessage> batch;
    do {
      batch = unitOfWork.inTransaction(() -> messages.queued(BATCH));
      Map<Long, List<QueuedMessage>> byConversation = new LinkedHashMap<>();
      for (QueuedMessage message : batch) {
        byConversation
            .computeIfAbsent(message.conversationId(), id -> new ArrayList<>())
            .add(message);
      }
      List<Future<?>> running = new ArrayList<>();
      for (List<QueuedMessage> thread : byConversation.values()) {
        running.add(
            senders.submit(
                () -> {
                  for (QueuedMessage message : thread) {
                    if (busy.get() || !send(message)) {
                      busy.set(true);
                      return;
                    }
                    done.incrementAndGet();
                  }
                }));
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
    } while (batch.size() == BATCH && !busy.get());
    return new Round(done.get(), busy.get());
  }

  /** Stops the senders once they finish what they are doing (no interrupts mid-write). */
  public void close() {
    senders.shutdown();
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
            () -> {
              ledger.recordPartSent(message.id(), part.number(), smscId, clock.instant());
              receipts.applyEarly(message.id(), part.number(), smscId);
            });
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
