package dev.smsinbox.application;

import dev.smsinbox.application.RequestRefused.Reason;
import dev.smsinbox.domain.Conversation;
import dev.smsinbox.domain.ConversationRepository;
import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.Origin;

/**
 * An admin's reply is accepted into the outbox: checked (text, size, a two-way number, the send
 * guards, credits), committed as QUEUED, and only then handed to the dispatcher, so an accepted
 * reply survives a restart and a refused one leaves nothing behind.
 */
public class SendReply {

  private final UnitOfWork unitOfWork;
  private final ConversationRepository conversations;
  private final OutboundQueue outbox;

  public SendReply(
      UnitOfWork unitOfWork, ConversationRepository conversations, OutboundQueue outbox) {
    this.unitOfWork = unitOfWork;
    this.conversations = conversations;
    this.outbox = outbox;
  }

  public Message reply(long conversationId, String text) {
    outbox.measure(text);
    return unitOfWork.inTransaction(
        () -> {
          Conversation conversation =
              conversations
                  .findHeader(conversationId)
                  .orElseThrow(
                      () ->
                          RequestRefused.notFound(
                              "There is no conversation " + conversationId + "."));
          String whyNot = conversation.senderNumber().whyNotTwoWay();
          if (whyNot != null) {
            throw new RequestRefused(Reason.NOT_TWO_WAY, whyNot);
          }
          return outbox.queue(
              conversationId,
              conversation.contact(),
              conversation.senderNumber(),
              text,
              Origin.INBOX);
        });
  }
}
