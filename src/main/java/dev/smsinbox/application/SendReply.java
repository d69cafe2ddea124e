package dev.smsinbox.application;

import dev.smsinbox.application.RequestRefused.Reason;
import dev.smsinbox.domain.Conversation;
import dev.smsinbox.domain.ConversationRepository;
import dev.smsinbox.domain.Direction;
import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.MessageRepository;
import dev.smsinbox.domain.MessageStatus;
import dev.smsinbox.domain.Origin;
import dev.smsinbox.sms.SmsComposer;
import dev.smsinbox.sms.SmsMeasure;
import java.time.Clock;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * An admin's reply is accepted into the outbox: checked (text, size, a two-way number), committed
 * as QUEUED, and only then handed to the dispatcher, so an accepted reply survives a restart and a
 * refused one leaves nothing behind.
 */
public class SendReply {

  private static final Logger LOG = Logger.getLogger(SendReply.class.getName());

  private final UnitOfWork unitOfWork;
  private final ConversationRepository conversations;
  private final MessageRepository messages;
  private final Runnable outboxWakeUp;
  private final MessageHooks hooks;
  private final Credits credits;
  private final int maxSegments;
  private final Clock clock;

  public SendReply(
      UnitOfWork unitOfWork,
      ConversationRepository conversations,
      MessageRepository messages,
      Runnable outboxWakeUp,
      MessageHooks hooks,
      Credits credits,
      int maxSegments,
      Clock clock) {
    this.unitOfWork = unitOfWork;
    this.conversations = conversations;
    this.messages = messages;
    this.outboxWakeUp = outboxWakeUp;
    this.hooks = hooks;
    this.credits = credits;
    this.maxSegments = maxSegments;
    this.clock = clock;
  }

  public Message reply(long conversationId, String text) {
    SmsMeasure measure = measure(text);
    Message queued =
        unitOfWork.inTransaction(
            () -> {
              Conversation conversation =
                  conversations
                      .find(conversationId)
                      .orElseThrow(
                          () ->
                              RequestRefused.notFound(
                                  "There is no conversation " + conversationId + "."));
              String whyNot = conversation.senderNumber().whyNotTwoWay();
              if (whyNot != null) {
                throw new RequestRefused(Reason.NOT_TWO_WAY, whyNot);
              }
              hooks.checkSend(conversation.contact(), conversation.senderNumber(), text);
              Instant now = clock.instant();
              Message message =
                  messages.insert(
                      conversationId,
                      Direction.OUTBOUND,
                      text,
                      MessageStatus.QUEUED,
                      measure.segments(),
                      measure.encoding().name(),
                      Origin.INBOX,
                      null,
                      false,
                      now);
              credits.pay(
                  message.id(), measure.segments(), conversation.contact().phone(), "Reply");
              conversations.recordActivity(conversationId, message.id(), now, false);
              hooks.stored(unitOfWork, message);
              unitOfWork.afterCommit(outboxWakeUp);
              return message;
            });
    LOG.info(
        () ->
            "Reply "
                + queued.id()
                + " queued in conversation "
                + conversationId
                + " ("
                + measure.segments()
                + " part(s), "
                + measure.encoding()
                + ")");
    return queued;
  }

  private SmsMeasure measure(String text) {
    if (text == null || text.isBlank()) {
      throw RequestRefused.invalid("The reply is empty: write a text to send.");
    }
    SmsMeasure measure = SmsComposer.measure(text);
    if (measure.segments() > maxSegments) {
      throw RequestRefused.invalid(
          "The reply would be sent as "
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
}
