package dev.smsinbox.domain;

import java.time.Instant;

/**
 * One SMS in a conversation, whole (a concatenated SMS is one message of several segments).
 *
 * @param error the carrier's or our reason when the message failed, else null
 * @param incomplete an inbound concatenated SMS filed before all its parts arrived
 * @param keywordEvent an inbound opt-out, opt-in or help keyword, else null
 * @param unreadable an inbound text the inbox could not read: its octets (the text is then only
 *     their description), else null
 */
public record Message(
    long id,
    long conversationId,
    Direction direction,
    String text,
    Instant at,
    MessageStatus status,
    int segments,
    String encoding,
    Origin origin,
    InReplyTo inReplyTo,
    String error,
    boolean incomplete,
    KeywordEvent keywordEvent,
    UnreadableText unreadable,
    Actor sentBy) {

  /** The same message marked with the keyword it carried (opt-out, opt-in, help). */
  public Message withKeywordEvent(KeywordEvent event) {
    return new Message(
        id,
        conversationId,
        direction,
        text,
        at,
        status,
        segments,
        encoding,
        origin,
        inReplyTo,
        error,
        incomplete,
        event,
        unreadable,
        sentBy);
  }
}
