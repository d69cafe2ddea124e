package dev.smsinbox.application.outbound;

import dev.smsinbox.application.Audit;
import dev.smsinbox.application.Caller;
import dev.smsinbox.application.Credits;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.RequestRefused.Reason;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.Conversation;
import dev.smsinbox.domain.ConversationRepository;
import dev.smsinbox.domain.Direction;
import dev.smsinbox.domain.MergeFields;
import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.MessageRepository;
import dev.smsinbox.domain.MessageStatus;
import dev.smsinbox.domain.Origin;
import dev.smsinbox.sms.SmsMeasure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An admin's reply is accepted into the outbox: checked (text, size, a two-way number, the send
 * guards, credits), committed as QUEUED, and only then handed to the dispatcher, so an accepted
 * reply survives a restart and a refused one leaves nothing behind.
 */
public class SendReply {

  /** A reply in the outbox and the credits it cost. */
  public record Queued(Message message, long credits) {}

  private final UnitOfWork unitOfWork;
  private final ConversationRepository conversations;
  private final MessageRepository messages;
  private final OutboundQueue outbox;
  private final Credits credits;
  private final OutboundStatus statuses;
  private final Audit audit;
  private final Clock clock;
  private QuietHoursPolicy quietHours;

  /** Quiet hours to check manual replies against (set at wiring; none in some tests). */
  public SendReply quietHours(QuietHoursPolicy policy) {
    this.quietHours = policy;
    return this;
  }

  public SendReply(
      UnitOfWork unitOfWork,
      ConversationRepository conversations,
      MessageRepository messages,
      OutboundQueue outbox,
      Credits credits,
      OutboundStatus statuses,
      Audit audit,
      Clock clock) {
    this.unitOfWork = unitOfWork;
    this.conversations = conversations;
    this.messages = messages;
    this.outbox = outbox;
    this.credits = credits;
    this.statuses = statuses;
    this.audit = audit;
    this.clock = clock;
  }

  public Queued reply(Caller caller, long conversationId, String text) {
    return reply(caller, conversationId, text, null);
  }

  /**
   * A reply now or, with {@code sendAt}, SCHEDULED until then (issue 21): its credits are taken now
   * and given back if it is cancelled.
   */
  public Queued reply(Caller caller, long conversationId, String text, Instant sendAt) {
    return reply(caller, conversationId, text, sendAt, false);
  }

  /**
   * As {@link #reply(Caller, long, String, Instant)}; a reply due inside the customer's quiet hours
   * is refused (409, saying the customer's time) unless the admin confirmed it: a person decides to
   * text someone at night, no automatism does.
   */
  public Queued reply(
      Caller caller,
      long conversationId,
      String text,
      Instant sendAt,
      boolean quietHoursConfirmed) {
    checkSendAt(sendAt);
    if (text == null || text.isBlank()) {
      outbox.measure(text);
    }
    return unitOfWork.inTransaction(
        () -> {
          Conversation conversation = conversation(caller.accountId(), conversationId);
          String expanded = expandOrRefuse(caller, conversation, text);
          Instant due = sendAt != null ? sendAt : clock.instant();
          var hold =
              quietHours == null
                  ? Optional.<QuietHoursPolicy.Hold>empty()
                  : quietHours.hold(caller.accountId(), conversation.contact().phone(), due);
          if (hold.isPresent() && !quietHoursConfirmed) {
            throw new RequestRefused(
                Reason.QUIET_HOURS,
                "It is "
                    + due.atZone(hold.get().zone()).toLocalTime().withSecond(0).withNano(0)
                    + " for the customer ("
                    + hold.get().zone().getId()
                    + "), inside the account's quiet hours. Send again with"
                    + " \"quietHoursConfirmed\": true to send it anyway, or schedule"
                    + " it for "
                    + hold.get().until()
                    + ".");
          }
          String noSms = conversation.contact().whyNoSms();
          if (noSms != null) {
            throw RequestRefused.conflict(noSms);
          }
          String whyNot = conversation.senderNumber().whyNotTwoWay();
          if (whyNot != null) {
            throw new RequestRefused(Reason.NOT_TWO_WAY, whyNot);
          }
          Message message =
              outbox.queue(
                  conversationId,
                  conversation.contact(),
                  conversation.senderNumber(),
                  expanded,
                  Origin.INBOX,
                  caller.actor(),
                  sendAt,
                  null);
          if (hold.isPresent() && message.status() == MessageStatus.SCHEDULED) {
            // The admin chose this hour knowing it is the customer's night: the release keeps it.
            messages.waiveQuietHours(message.id());
          }
          return new Queued(
              message, credits.price(message.segments(), conversation.contact().phone()));
        });
  }

  /** The furthest ahead a message may be scheduled. */
  public static final Duration MAX_SCHEDULE = Duration.ofDays(366);

  private void checkSendAt(Instant sendAt) {
    if (sendAt == null) {
      return;
    }
    Instant now = clock.instant();
    if (!sendAt.isAfter(now)) {
      throw RequestRefused.invalid(
          "sendAt " + sendAt + " is not in the future; leave it out to send now.");
    }
    if (sendAt.isAfter(now.plus(MAX_SCHEDULE))) {
      throw RequestRefused.invalid("sendAt may be at most 366 days ahead.");
    }
  }

  /**
   * Cancels a message still SCHEDULED: it is never sent and its credits come back. One already in
   * the outbox (or further) cannot be called back: 409.
   */
  public Message cancel(Caller caller, long messageId) {
    return unitOfWork.inTransaction(
        () -> {
          Message message =
              messages
                  .find(messageId)
                  .filter(m -> m.direction() == Direction.OUTBOUND)
                  .orElseThrow(() -> noMessage(messageId));
          Conversation conversation =
              conversations
                  .findHeader(message.conversationId())
                  .filter(c -> c.accountId().equals(caller.accountId()))
                  .orElseThrow(() -> noMessage(messageId));
          String why = "cancelled by " + caller.name() + " before it was sent";
          if (message.status() != MessageStatus.SCHEDULED
              || !statuses.changeScheduled(
                  caller.accountId(),
                  conversation.id(),
                  messageId,
                  MessageStatus.CANCELLED,
                  "Cancelled by " + caller.name())) {
            throw RequestRefused.conflict(
                "Message "
                    + messageId
                    + " is "
                    + (message.status() == MessageStatus.SCHEDULED
                        ? "no longer scheduled"
                        : message.status())
                    + ": only a scheduled message can be cancelled.");
          }
          credits.refund(
              caller.accountId(),
              messageId,
              message.segments(),
              conversation.contact().phone(),
              why);
          audit.record(
              caller,
              "message.cancelled",
              conversation.contact().id(),
              conversation.id(),
              "Scheduled message " + messageId + " for " + message.at() + " cancelled");
          return messages.find(messageId).orElse(message);
        });
  }

  private static RequestRefused noMessage(long messageId) {
    return RequestRefused.notFound("There is no outbound message " + messageId + ".");
  }

  /**
   * Sends again, as a new message in the same conversation (checked and paid for as any reply), a
   * message whose outcome is unknown: the carrier may or may not have carried it, so only a person
   * decides to risk the customer reading it twice.
   */
  public Queued resend(Caller caller, long messageId) {
    return unitOfWork.inTransaction(
        () -> {
          Message original =
              messages
                  .find(messageId)
                  .filter(m -> m.direction() == Direction.OUTBOUND)
                  .orElseThrow(
                      () ->
                          RequestRefused.notFound(
                              "There is no outbound message " + messageId + "."));
          Conversation conversation =
              conversations
                  .findHeader(original.conversationId())
                  .filter(c -> c.accountId().equals(caller.accountId()))
                  .orElseThrow(
                      () ->
                          RequestRefused.notFound(
                              "There is no outbound message " + messageId + "."));
          if (original.error() == null
              || !original.error().startsWith(DispatchOutbox.UNKNOWN_OUTCOME)) {
            throw new RequestRefused(
                Reason.CONFLICT,
                "Message "
                    + messageId
                    + " is "
                    + original.status()
                    + " with a known outcome; only a message whose outcome is unknown"
                    + " (error UNKNOWN_OUTCOME) can be resent.");
          }
          String whyNot = conversation.senderNumber().whyNotTwoWay();
          if (whyNot != null) {
            throw new RequestRefused(Reason.NOT_TWO_WAY, whyNot);
          }
          Message message =
              outbox.queue(
                  conversation.id(),
                  conversation.contact(),
                  conversation.senderNumber(),
                  original.text(),
                  original.origin(),
                  caller.actor());
          return new Queued(
              message, credits.price(message.segments(), conversation.contact().phone()));
        });
  }

  /**
   * What the text would cost as a reply in the conversation: its parts at the rate of the
   * customer's country, as {@link #reply} would debit; without a conversation, at the standard
   * rate.
   */
  public long price(String accountId, Long conversationId, SmsMeasure text) {
    if (conversationId == null || text.segments() == 0) {
      return credits.price(text.segments(), null);
    }
    Conversation conversation =
        unitOfWork.inTransaction(() -> conversation(accountId, conversationId));
    return credits.price(text.segments(), conversation.contact().phone());
  }

  /**
   * The text with its merge fields filled in for the conversation's contact, our number and the
   * caller (issue 21); without a conversation only the caller's and the fallbacks are known.
   */
  public MergeFields.Expansion expand(Caller caller, Long conversationId, String text) {
    if (text == null || !text.contains("{{")) {
      return new MergeFields.Expansion(text, java.util.List.of());
    }
    if (conversationId == null) {
      return MergeFields.expand(text, MergeFields.values(null, null, caller.name()));
    }
    return unitOfWork.inTransaction(
        () -> expansion(caller, conversation(caller.accountId(), conversationId), text));
  }

  private static MergeFields.Expansion expansion(
      Caller caller, Conversation conversation, String text) {
    return MergeFields.expand(
        text,
        MergeFields.values(
            conversation.contact(), conversation.senderNumber().number(), caller.name()));
  }

  /** A field with no value and no fallback stops the send: the customer would read a hole. */
  private static String expandOrRefuse(Caller caller, Conversation conversation, String text) {
    if (!text.contains("{{")) {
      return text;
    }
    MergeFields.Expansion expansion = expansion(caller, conversation, text);
    if (!expansion.complete()) {
      String field = expansion.missing().get(0);
      throw new RequestRefused(
          Reason.MISSING_MERGE_FIELD,
          (MergeFields.KNOWN.contains(field)
                  ? "The merge field {{"
                      + field
                      + "}} has no value for this contact and no fallback"
                  : "{{" + field + "}} is not a merge field this inbox knows")
              + ": write it out, or give a fallback such as {{"
              + (MergeFields.KNOWN.contains(field) ? field : MergeFields.FIRST_NAME)
              + "|there}}. Missing: "
              + String.join(", ", expansion.missing())
              + ".");
    }
    return expansion.text();
  }

  /** The account's conversation; another account's is not found. */
  private Conversation conversation(String accountId, long conversationId) {
    return conversations
        .findHeader(conversationId)
        .filter(c -> c.accountId().equals(accountId))
        .orElseThrow(
            () -> RequestRefused.notFound("There is no conversation " + conversationId + "."));
  }
}
