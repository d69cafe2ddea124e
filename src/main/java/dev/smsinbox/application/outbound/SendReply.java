package dev.smsinbox.application.outbound;

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
import dev.smsinbox.domain.Origin;
import dev.smsinbox.sms.SmsMeasure;

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

  public SendReply(
      UnitOfWork unitOfWork,
      ConversationRepository conversations,
      MessageRepository messages,
      OutboundQueue outbox,
      Credits credits) {
    this.unitOfWork = unitOfWork;
    this.conversations = conversations;
    this.messages = messages;
    this.outbox = outbox;
    this.credits = credits;
  }

  public Queued reply(Caller caller, long conversationId, String text) {
    if (text == null || text.isBlank()) {
      outbox.measure(text);
    }
    return unitOfWork.inTransaction(
        () -> {
          Conversation conversation = conversation(caller.accountId(), conversationId);
          String expanded = expandOrRefuse(caller, conversation, text);
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
                  caller.actor());
          return new Queued(
              message, credits.price(message.segments(), conversation.contact().phone()));
        });
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
