package dev.smsinbox.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Messages, their outbound parts and the outbox. */
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
      Instant at);

  /** Stores customers' messages as RECEIVED, in the order given. */
  List<Message> insertInbound(List<NewInboundMessage> messages);

  Optional<Message> find(long id);

  /**
   * The latest message with each of these fingerprints stored at or after {@code since}, by
   * fingerprint; fingerprints no message has are absent.
   */
  Map<String, Message> findByFingerprints(Collection<String> fingerprints, Instant since);

  /** How many outbound messages wait in the outbox. */
  long queuedCount();

  /** Outbound messages still QUEUED, oldest first. */
  List<QueuedMessage> queued(int limit);

  void recordPartSent(long messageId, int partNumber, String smscMessageId, Instant at);

  /** The part the SMSC gave this id to, trying each spelling of the id. */
  Optional<OutboundPart> findPartBySmscId(List<String> smscIdSpellings);

  void updatePart(long messageId, int partNumber, MessageStatus status, String error, Instant at);

  List<OutboundPart> parts(long messageId);

  void updateStatus(long messageId, MessageStatus status, String error, Instant at);

  /** Marks an inbound message as the keyword it was (set in the transaction that stores it). */
  void markKeywordEvent(long messageId, KeywordEvent event);
}
