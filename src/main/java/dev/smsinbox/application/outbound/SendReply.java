package dev.smsinbox.application.outbound;

import dev.smsinbox.application.Credits;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.RequestRefused.Reason;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.Conversation;
import dev.smsinbox.domain.ConversationRepository;
import dev.smsinbox.domain.Message;
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
  private final OutboundQueue outbox;
  private final Credits credits;

  public SendReply(
      UnitOfWork unitOfWork,
      ConversationRepository conversations,
      OutboundQueue outbox,
      Credits credits) {
    this.unitOfWork = unitOfWork;
    this.conversations = conversations;
    this.outbox = outbox;
    this.credits = credits;
  }

  public Queued reply(long conversationId, String text) {
    outbox.measure(text);
    return unitOfWork.inTransaction(
        () -> {
          Conversation conversation = conversation(conversationId);
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
                  text,
                  Origin.INBOX);
          return new Queued(
              message, credits.price(message.segments(), conversation.contact().phone()));
        });
  }

  /**
   * What the text would cost as a reply in the conversation: its parts at the rate of the
   * customer's country, as {@link #reply} would debit; without a conversation, at the standard
   * rate.
   */
  public long price(Long conversationId, SmsMeasure text) {
    if (conversationId == null || text.segments() == 0) {
      return credits.price(text.segments(), null);
    }
    Conversation conversation = unitOfWork.inTransaction(() -> conversation(conversationId));
    return credits.price(text.segments(), conversation.contact().phone());
  }

  private Conversation conversation(long conversationId) {
    return conversations
        .findHeader(conversationId)
        .orElseThrow(
            () -> RequestRefused.notFound("There is no conversation " + conversationId + "."));
  }
}
