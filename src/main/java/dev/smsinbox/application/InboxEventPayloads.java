package dev.smsinbox.application;

import dev.smsinbox.domain.CarrierErrors;
import dev.smsinbox.domain.Message;
import dev.smsinbox.domain.MessageStatus;
import java.time.Instant;

/** The JSON bodies of the live events (see CONTRACT.md). */
public final class InboxEventPayloads {

  private InboxEventPayloads() {}

  /**
   * @param from the customer's phone (E.164)
   * @param to our number it was sent to
   */
  public record MessageReceived(long conversationId, Message message, String from, String to) {}

  /**
   * SMS of the account the carrier has been answered for and that are not in their conversations
   * yet (see {@code InboundWaiting}).
   *
   * @param instance the instance whose link received them: a screen adds up the instances' counts
   * @param waiting how many; 0 once all are filed
   * @param since when the oldest of them was received (about); null when none waits
   */
  public record InboundWaitingCount(String instance, long waiting, Instant since) {}

  /** An outbound message was queued (a reply, a campaign or automated SMS, a keyword's answer). */
  public record MessageQueued(long conversationId, Message message) {}

  /**
   * @param errorText the error in words (English), null when none or none better than the error
   * @param errorWords the error in English and Italian with its raw code, for the screens
   */
  public record StatusChanged(
      long conversationId,
      long messageId,
      MessageStatus status,
      String error,
      String errorText,
      CarrierErrors.Explanation errorWords) {

    public StatusChanged(long conversationId, long messageId, MessageStatus status, String error) {
      this(
          conversationId,
          messageId,
          status,
          error,
          CarrierErrors.explain(error).map(CarrierErrors.Explanation::en).orElse(null),
          CarrierErrors.explain(error).orElse(null));
    }
  }

  public record ConversationRead(long conversationId, int unreadCount) {}

  /** Only the ids: what the conversation held is deleted, not announced. */
  public record ConversationDeleted(long conversationId, long contactId) {}

  public record UnreadCount(long unread) {}

  /** A customer opted out or back in by text ({@code contact.opted-out}, {@code .opted-in}). */
  public record ConsentChanged(
      long contactId,
      String phone,
      long conversationId,
      Long messageId,
      String keyword,
      java.time.Instant at) {}
}
