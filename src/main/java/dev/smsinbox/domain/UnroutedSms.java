package dev.smsinbox.domain;

import java.time.Instant;

/**
 * An SMS to one of our numbers that has no conversation to go to: the number is not two-way (a
 * campaign's shared or unregistered number), stopped being ours after the carrier was answered, or
 * the sender address is no phone number nor sender ID. Kept for an admin to see, never dropped; its
 * keyword (STOP …) is acted on all the same.
 *
 * @param from the sender as E.164, a sender ID, or the address as the carrier wrote it
 * @param to our number as E.164, or the address as the carrier wrote it
 * @param reason why it is not in a conversation, in words an admin can act on
 * @param keywordEvent the opt-out, opt-in or help keyword it was, else null
 * @param unreadable the octets when the text could not be read, else null
 */
public record UnroutedSms(
    long id,
    String from,
    String to,
    String text,
    int segments,
    String encoding,
    boolean incomplete,
    Instant receivedAt,
    String reason,
    KeywordEvent keywordEvent,
    UnreadableText unreadable) {

  public UnroutedSms withKeywordEvent(KeywordEvent event) {
    return new UnroutedSms(
        id, from, to, text, segments, encoding, incomplete, receivedAt, reason, event, unreadable);
  }
}
