package dev.smsinbox.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Conversations and their unread state; the list the screens page through is the {@link
 * ConversationList}.
 */
public interface ConversationRepository {

  /** The conversation between the contact and our number, created on first contact. */
  long findOrCreate(long contactId, long senderNumberId, Instant at);

  /**
   * A customer found by number, with their conversation with our number (null when none yet) and
   * the latest campaign or automated SMS sent in it (null when none).
   */
  record Party(Contact contact, Long conversationId, InReplyTo latestAttributable) {}

  /**
   * The contacts who have these E.164 numbers, each with their conversation with our number, by
   * number; numbers nobody has are absent.
   */
  Map<String, Party> findParties(long senderNumberId, Collection<String> e164s);

  /**
   * Starts a conversation with our number for each contact (none has one yet), and brings back
   * those of them who were deleted: conversation id by contact id.
   */
  Map<Long, Long> createAll(long senderNumberId, List<Long> contactIds, Instant at);

  /** The conversation with all its messages, oldest first. */
  Optional<Conversation> find(long id);

  /** The conversation without its messages (an empty list), for when only the parties matter. */
  Optional<Conversation> findHeader(long id);

  /** Moves the conversation up the list; an inbound message also counts as unread. */
  default void recordActivity(long conversationId, long messageId, Instant at, boolean unread) {
    recordActivity(
        List.of(new Activity(conversationId, messageId, at, unread ? 1 : 0, unread ? at : null)));
  }

  /**
   * New messages in a conversation: the latest of them, when, and how many are unread.
   *
   * @param waitingSince the first of the customer's new messages, from when the conversation waits
   *     for an answer unless it waited already (its first-response time counts from then); null
   *     when none is the customer's
   */
  record Activity(
      long conversationId, long lastMessageId, Instant at, int unread, Instant waitingSince) {}

  /** A campaign or automated SMS was sent in the conversation: replies now answer it. */
  void recordAttributable(long conversationId, long messageId);

  /** {@link #recordActivity} for several conversations at once, each listed once. */
  void recordActivity(List<Activity> activities);

  /**
   * @return false when no such conversation exists
   */
  boolean setUnread(long conversationId, boolean unread);

  int unreadCount(long conversationId);

  /**
   * Deletes every conversation of the contact with its messages and events, for real.
   *
   * @return the ids of the conversations deleted
   */
  List<Long> deleteOfContact(long contactId);
}
