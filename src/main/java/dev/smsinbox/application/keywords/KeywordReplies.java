package dev.smsinbox.application.keywords;

import dev.smsinbox.application.outbound.OutboundQueue;
import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.Origin;
import dev.smsinbox.domain.OriginType;

/**
 * Queues the inbox's own answer to a keyword (the STOP confirmation, the help text) in the
 * customer's conversation, through the same outbox as admin replies. It deliberately skips the send
 * guards: the confirmation of an opt-out must reach the number that just opted out.
 */
public class KeywordReplies {

  /** The origin id that marks these replies as the inbox's automatic answers. */
  public static final String ORIGIN_ID = "keyword-reply";

  private final OutboundQueue outbox;

  public KeywordReplies(OutboundQueue outbox) {
    this.outbox = outbox;
  }

  /** Queues {@code text}, noted as the automatic reply to {@code keyword}, in the caller's work. */
  public Message queue(long conversationId, String text, String keyword) {
    return outbox.queueCompulsory(
        conversationId,
        text,
        new Origin(OriginType.INBOX, ORIGIN_ID, "Automatic reply to " + keyword));
  }
}
