package dev.smsinbox.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Messages and the outbox; what the carrier said of each outbound part is the {@link PartLedger}.
 */
public interface MessageRepository {

  Message insert(
      long conversationId,
      Direction direction,
      String text,
      MessageStatus status,
      int segments,
      String encoding,
      Origin origin,
      InReplyTo inReplyTo,
      boolean incomplete,
      Instant at,
      Actor sentBy);

  /** Stores customers' messages as RECEIVED, in the order given. */
  List<Message> insertInbound(List<NewInboundMessage> messages);

  Optional<Message> find(long id);

  /**
   * Locks the message's row until the transaction ends, so that two transactions settling the same
   * message from its parts (two part receipts at once) take turns: the second then reads the
   * first's part.
   */
  void lock(long id);

  /**
   * The latest message with each of these fingerprints stored at or after {@code since}, by
   * fingerprint; fingerprints no message has are absent.
   */
  Map<String, Message> findByFingerprints(Collection<String> fingerprints, Instant since);

  /** How many outbound messages wait in the outbox. */
  long queuedCount();

  /**
   * The conversations with a message that may go at {@code now} (see {@link #queuedIn}), oldest
   * message first, leaving out those another instance has claimed (see OutboxClaims) until then.
   */
  List<Long> queuedConversations(int limit, Instant now, String instance);

  /**
   * A conversation's outbound messages still QUEUED that may go at {@code now}, oldest first, each
   * with the parts the SMSC accepted already: none waiting out a back-off, nor behind one. Read
   * fresh once the conversation is claimed.
   */
  List<QueuedMessage> queuedIn(long conversationId, int limit, Instant now);

  /** Messages SCHEDULED whose time ({@code at}) has come by {@code now}, oldest first. */
  List<QueuedMessage> scheduledDue(Instant now, int limit);

  /**
   * Moves a message that is still SCHEDULED to another status; false when it is no longer scheduled
   * (released or cancelled meanwhile), so release and cancel cannot both win.
   */
  boolean changeScheduled(long messageId, MessageStatus status, String error, Instant at);

  /** Messages still QUEUED that entered the outbox before {@code cutoff}, oldest first. */
  List<QueuedMessage> queuedBefore(Instant cutoff, int limit);

  /** As {@link #queuedBefore(Instant, int)}, of one conversation: read fresh under its claim. */
  List<QueuedMessage> queuedBefore(long conversationId, Instant cutoff, int limit);

  /**
   * The carrier refused the message for now: it is not tried again before {@code until}, nor is any
   * later message of its conversation; its attempts count one more.
   */
  void deferQueued(long messageId, Instant until);

  void updateStatus(long messageId, MessageStatus status, String error, Instant at);

  /** Marks an inbound message as the keyword it was (set in the transaction that stores it). */
  void markKeywordEvent(long messageId, KeywordEvent event);
}
