package dev.smsinbox.application.outbound;

import dev.smsinbox.application.InboxEventPayloads.StatusChanged;
import dev.smsinbox.application.port.InboxEvents;
import dev.smsinbox.domain.ConversationRepository;
import dev.smsinbox.domain.DeliveryProgress;
import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.MessageRepository;
import dev.smsinbox.domain.MessageStatus;
import dev.smsinbox.domain.OutboundPart;
import dev.smsinbox.domain.PartLedger;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * The one place an outbound message's status changes: stored, announced live and logged with its
 * id. Calls run inside the caller's transaction.
 */
public class OutboundStatus {

  private static final Logger LOG = Logger.getLogger(OutboundStatus.class.getName());

  private final MessageRepository messages;
  private final ConversationRepository conversations;
  private final PartLedger ledger;
  private final InboxEvents events;
  private final Clock clock;

  public OutboundStatus(
      MessageRepository messages,
      ConversationRepository conversations,
      PartLedger ledger,
      InboxEvents events,
      Clock clock) {
    this.messages = messages;
    this.conversations = conversations;
    this.ledger = ledger;
    this.events = events;
    this.clock = clock;
  }

  /**
   * @param accountId the CRM account of the message (its live event goes to that account only)
   */
  public void change(
      String accountId, long conversationId, long messageId, MessageStatus status, String error) {
    messages.updateStatus(messageId, status, error, clock.instant());
    events.publish(
        accountId,
        InboxEvents.MESSAGE_STATUS,
        new StatusChanged(conversationId, messageId, status, error));
    LOG.info(
        () -> "Message " + messageId + " is " + status + (error == null ? "" : " (" + error + ")"));
  }

  /**
   * Moves a SCHEDULED message (released into the outbox, or cancelled) and announces it; false,
   * announcing nothing, when it was no longer scheduled.
   */
  public boolean changeScheduled(
      String accountId, long conversationId, long messageId, MessageStatus status, String error) {
    if (!messages.changeScheduled(messageId, status, error, clock.instant())) {
      return false;
    }
    events.publish(
        accountId,
        InboxEvents.MESSAGE_STATUS,
        new StatusChanged(conversationId, messageId, status, error));
    LOG.info(() -> "Scheduled message " + messageId + " is " + status);
    return true;
  }

  /**
   * Keeps a SCHEDULED message waiting until {@code until} (quiet hours that began after it was
   * scheduled) and announces it with the reason; false when it was no longer scheduled.
   */
  public boolean holdScheduled(
      String accountId, long conversationId, long messageId, Instant until, String why) {
    if (!messages.holdScheduled(messageId, until, why, clock.instant())) {
      return false;
    }
    events.publish(
        accountId,
        InboxEvents.MESSAGE_STATUS,
        new StatusChanged(conversationId, messageId, MessageStatus.SCHEDULED, why));
    LOG.info(() -> "Scheduled message " + messageId + " held until " + until + ": " + why);
    return true;
  }

  /**
   * Brings a submitted message's status in line with what the carrier said of its parts (a receipt
   * may arrive before the last part's submit was recorded). The message's row is locked first: two
   * receipts for two of its parts at once would otherwise each read the other's part as it was
   * before, and neither would make the message DELIVERED.
   */
  public void settle(long messageId) {
    messages.lock(messageId);
    Message message = messages.find(messageId).orElseThrow();
    if (message.status().isFinal()) {
      return;
    }
    List<OutboundPart> parts = ledger.parts(messageId);
    MessageStatus status = DeliveryProgress.of(parts, message.segments());
    if (status != message.status() && status != MessageStatus.QUEUED) {
      String account =
          conversations.findHeader(message.conversationId()).map(c -> c.accountId()).orElse(null);
      change(account, message.conversationId(), messageId, status, DeliveryProgress.error(parts));
    }
  }
}
