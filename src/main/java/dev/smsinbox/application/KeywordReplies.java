package dev.smsinbox.application;

import dev.smsinbox.domain.ConversationRepository;
import dev.smsinbox.domain.Direction;
import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.MessageRepository;
import dev.smsinbox.domain.MessageStatus;
import dev.smsinbox.domain.Origin;
import dev.smsinbox.domain.OriginType;
import dev.smsinbox.sms.SmsComposer;
import dev.smsinbox.sms.SmsMeasure;
import java.time.Clock;
import java.time.Instant;

/**
 * Queues the inbox's own answer to a keyword (the STOP confirmation, the help text) in the
 * customer's conversation, through the same outbox as admin replies. It deliberately skips the send
 * guards: the confirmation of an opt-out must reach the number that just opted out.
 */
public class KeywordReplies {

  /** The origin id that marks these replies as the inbox's automatic answers. */
  public static final String ORIGIN_ID = "keyword-reply";

  private final UnitOfWork unitOfWork;
  private final ConversationRepository conversations;
  private final MessageRepository messages;
  private final Runnable outboxWakeUp;
  private final MessageHooks hooks;
  private final Clock clock;

  public KeywordReplies(
      UnitOfWork unitOfWork,
      ConversationRepository conversations,
      MessageRepository messages,
      Runnable outboxWakeUp,
      MessageHooks hooks,
      Clock clock) {
    this.unitOfWork = unitOfWork;
    this.conversations = conversations;
    this.messages = messages;
    this.outboxWakeUp = outboxWakeUp;
    this.hooks = hooks;
    this.clock = clock;
  }

  /** Queues {@code text}, noted as the automatic reply to {@code keyword}, in the caller's work. */
  public Message queue(long conversationId, String text, String keyword) {
    return unitOfWork.inTransaction(
        () -> {
          SmsMeasure measure = SmsComposer.measure(text);
          Instant now = clock.instant();
          Message message =
              messages.insert(
                  conversationId,
                  Direction.OUTBOUND,
                  text,
                  MessageStatus.QUEUED,
                  measure.segments(),
                  measure.encoding().name(),
                  new Origin(OriginType.INBOX, ORIGIN_ID, "Automatic reply to " + keyword),
                  null,
                  false,
                  now);
          conversations.recordActivity(conversationId, message.id(), now, false);
          hooks.stored(unitOfWork, message);
          unitOfWork.afterCommit(outboxWakeUp);
          return message;
        });
  }
}
