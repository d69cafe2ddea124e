package dev.smsinbox.application.port;

import java.time.Instant;

/**
 * Which instance drains a conversation's outbox: one at a time across the cluster, so the replies
 * of a conversation go in the order they were written and no two instances submit the same part. A
 * claim is a lease: renewed while its holder sends, taken over by another instance once it has run
 * out (its holder died or hangs).
 */
public interface OutboxClaims {

  /**
   * Takes or renews the conversation's claim for {@code instance} until {@code until}.
   *
   * @return false when another instance holds it and its lease has not run out at {@code now}
   */
  boolean claim(long conversationId, String instance, Instant now, Instant until);

  /** Gives the conversation back (only if {@code instance} still holds it). */
  void release(long conversationId, String instance);
}
