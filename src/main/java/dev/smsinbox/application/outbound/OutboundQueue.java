package dev.smsinbox.application.outbound;

import dev.smsinbox.application.Credits;
import dev.smsinbox.application.InboxEventPayloads.MessageQueued;
import dev.smsinbox.application.MessageHooks;
import dev.smsinbox.application.port.InboxEvents;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.Actor;
import dev.smsinbox.domain.Contact;
import dev.smsinbox.domain.Conversation;
import dev.smsinbox.domain.ConversationRepository;
import dev.smsinbox.domain.Direction;
import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.MessageRepository;
import dev.smsinbox.domain.MessageStatus;
import dev.smsinbox.domain.Origin;
import dev.smsinbox.domain.SenderNumber;
import dev.smsinbox.sms.SmsComposer;
import dev.smsinbox.sms.SmsMeasure;
import java.time.Clock;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Puts one outbound message into the outbox, whoever sends it (an admin's reply, a CRM campaign):
 * checked for size and by the send guards (opt-out …), paid for, committed as QUEUED, and only then
 * handed to the dispatcher. Runs inside the caller's transaction; a refusal leaves nothing.
 */
public class OutboundQueue {

  private static final Logger LOG = Logger.getLogger(OutboundQueue.class.getName());

  private final UnitOfWork unitOfWork;
  private final ConversationRepository conversations;
  private final MessageRepository messages;
  private final Runnable outboxWakeUp;
  private final MessageHooks hooks;
  private final Credits credits;
  private final int maxSegments;
  private final Clock clock;
  private final InboxEvents events;

  public OutboundQueue(
      UnitOfWork unitOfWork,
      ConversationRepository conversations,
      MessageRepository messages,
      Runnable outboxWakeUp,
      MessageHooks hooks,
      Credits credits,
      int maxSegments,
      Clock clock,
      InboxEvents events) {
    this.unitOfWork = unitOfWork;
    this.conversations = conversations;
    this.messages = messages;
    this.outboxWakeUp = outboxWakeUp;
    this.hooks = hooks;
    this.credits = credits;
    this.maxSegments = maxSegments;
    this.clock = clock;
    this.events = events;
  }

  /** Checks the text alone, before any transaction: empty or longer than allowed. */
  public SmsMeasure measure(String text) {
    if (text == null || text.isBlank()) {
      throw RequestRefused.invalid("The text is empty: write something to send.");
    }
    SmsMeasure measure = SmsComposer.measure(text);
    if (measure.segments() > maxSegments) {
      throw RequestRefused.invalid(
          "The text would be sent as "
              + measure.segments()
              + " SMS; the most allowed is "
              + maxSegments
              + ". Shorten it to "
              + maxSegments * measure.perSegment()
              + " "
              + (measure.encoding().name().equals("GSM7") ? "GSM characters" : "Unicode units")
              + " or fewer.");
    }
    return measure;
  }

  /**
   * Queues the message in the conversation, inside the caller's transaction, paid by the account of
   * the number it is sent from.
   *
   * @param sentBy who sent it: the admin of a reply, the CRM of a campaign
   */
  Message queue(
      long conversationId,
      Contact contact,
      SenderNumber number,
      String text,
      Origin origin,
      Actor sentBy) {
    return queue(conversationId, contact, number, text, origin, sentBy, null, null);
  }

  /**
   * As {@link #queue(long, Contact, SenderNumber, String, Origin, Actor)}, but a message with a
   * {@code sendAt} still to come is SCHEDULED until then: paid for now (the credits are reserved),
   * entering the outbox at its time.
   *
   * @param sendAt when to send it; null or a time already past: now
   * @param held why it waits, shown with it (quiet hours); null for a plain scheduled send
   */
  Message queue(
      long conversationId,
      Contact contact,
      SenderNumber number,
      String text,
      Origin origin,
      Actor sentBy,
      Instant sendAt,
      String held) {
    SmsMeasure measure = measure(text);
    refuseSenderId(contact);
    hooks.checkSend(contact, number, text);
    Message message =
        sendAt != null && sendAt.isAfter(clock.instant())
            ? schedule(
                number.accountId(), conversationId, text, origin, measure, sentBy, sendAt, held)
            : insert(number.accountId(), conversationId, text, origin, measure, sentBy);
    credits.pay(
        number.accountId(),
        message.id(),
        measure.segments(),
        contact.phone(),
        origin.type() == dev.smsinbox.domain.OriginType.INBOX ? "Reply" : origin.type().name());
    return message;
  }

  /**
   * Queues a reply the inbox owes by law or by contract (the confirmation of a STOP, the HELP
   * text): no send guard stops it (the contact may just have opted out) and it costs no credit.
   */
  public Message queueCompulsory(long conversationId, String text, Origin origin) {
    return unitOfWork.inTransaction(
        () -> {
          Conversation c = conversations.findHeader(conversationId).orElse(null);
          if (c != null) {
            refuseSenderId(c.contact());
          }
          return insert(
              c == null ? null : c.accountId(),
              conversationId,
              text,
              origin,
              SmsComposer.measure(text),
              null);
        });
  }

  /** Nothing can be sent to a business's sender ID ("ACME"): refused, whoever sends. */
  private static void refuseSenderId(Contact contact) {
    String noSms = contact.whyNoSms();
    if (noSms != null) {
      throw RequestRefused.conflict(noSms);
    }
  }

  /** Stored SCHEDULED with its time as {@code at}; the outbox's tick releases it then. */
  private Message schedule(
      String accountId,
      long conversationId,
      String text,
      Origin origin,
      SmsMeasure measure,
      Actor sentBy,
      Instant sendAt,
      String held) {
    Message message =
        messages.insert(
            conversationId,
            Direction.OUTBOUND,
            text,
            MessageStatus.SCHEDULED,
            measure.segments(),
            measure.encoding().name(),
            origin,
            null,
            false,
            sendAt,
            sentBy);
    if (held != null) {
      messages.updateStatus(message.id(), MessageStatus.SCHEDULED, held, clock.instant());
      message = messages.find(message.id()).orElse(message);
    }
    conversations.recordActivity(conversationId, message.id(), clock.instant(), false);
    if (origin.attributable()) {
      conversations.recordAttributable(conversationId, message.id());
    }
    hooks.stored(unitOfWork, accountId, message);
    events.publish(
        accountId, InboxEvents.MESSAGE_QUEUED, new MessageQueued(conversationId, message));
    long id = message.id();
    LOG.info(() -> "Message " + id + " scheduled for " + sendAt + " in " + conversationId);
    return message;
  }

  private Message insert(
      String accountId,
      long conversationId,
      String text,
      Origin origin,
      SmsMeasure measure,
      Actor sentBy) {
    Instant now = clock.instant();
    Message message =
        messages.insert(
            conversationId,
            Direction.OUTBOUND,
            text,
            MessageStatus.QUEUED,
            measure.segments(),
            measure.encoding().name(),
            origin,
            null,
            false,
            now,
            sentBy);
    conversations.recordActivity(conversationId, message.id(), now, false);
    if (origin.attributable()) {
      conversations.recordAttributable(conversationId, message.id());
    }
    hooks.stored(unitOfWork, accountId, message);
    // Every open screen of the account shows it at once, whoever sent it (issue 21).
    events.publish(
        accountId, InboxEvents.MESSAGE_QUEUED, new MessageQueued(conversationId, message));
    unitOfWork.afterCommit(outboxWakeUp);
    LOG.info(
        () ->
            "Message "
                + message.id()
                + " queued in conversation "
                + conversationId
                + " ("
                + measure.segments()
                + " part(s), "
                + measure.encoding()
                + ", "
                + origin.type()
                + ")");
    return message;
  }
}
