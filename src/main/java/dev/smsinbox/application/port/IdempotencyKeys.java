package dev.smsinbox.application.port;

import java.util.Map;

/**
 * The writes callers asked for under an idempotency key, and what they answered (CONTRACT.md
 * "Idempotent writes"). A key lives 24 hours; an older one is as if it had never been used.
 *
 * <p>The request that {@link #claim claims} a key holds it for a short while. Every transaction
 * that sends under the key renews that hold ({@link #recordItem}, {@link #answer}) and so locks the
 * key until it commits: a second request can take over a key only once the first stopped renewing
 * it, and the first then can no longer commit anything under it. Two requests with one key
 * therefore never both send, even when one of them was thought gone.
 */
public interface IdempotencyKeys {

  /** One key of one caller on one endpoint: keys are never shared across either. */
  record Scope(String endpoint, String caller, String key) {}

  /** The request that holds a key while it carries it out. */
  record Hold(long id, String holder) {}

  /** What {@link #claim} found. */
  sealed interface Claim permits Claimed, Answered, InProgress, OtherRequest {}

  /**
   * This request holds the key and carries the write out; {@code items} are what an earlier,
   * cut-short attempt recorded (a batch's queued recipients by position), empty for a new key.
   */
  record Claimed(Hold hold, Map<Integer, String> items) implements Claim {}

  /** The key was answered: give that answer again. */
  record Answered(int status, String body) implements Claim {}

  /** Another request holds the key right now (or held it a moment ago and was cut off). */
  record InProgress() implements Claim {}

  /** The key was used with another request. */
  record OtherRequest() implements Claim {}

  /** The hold was taken over by another request: nothing more may be written under it. */
  class Lost extends RuntimeException {
    public Lost() {
      super("Another request with this idempotency key took it over");
    }
  }

  /**
   * Claims the key for a request (by its hash), in a transaction of its own: never call it inside
   * another.
   */
  Claim claim(Scope scope, String requestHash);

  /**
   * Records one item of the write (a batch recipient, by position) and renews the hold, in the
   * caller's transaction: the item commits with what it records, or not at all.
   *
   * @throws Lost when the hold was taken over
   */
  void recordItem(Hold hold, int position, String outcome);

  /**
   * Stores the answer and ends the hold, in the caller's transaction (or one of its own).
   *
   * @return false when the hold was taken over: nothing was stored
   */
  boolean answer(Hold hold, int status, String body);

  /**
   * Ends the hold after a failure, in a transaction of its own, so a retry may carry the write out
   * at once: a key under which nothing was recorded is forgotten, one with items stays, to resume.
   */
  void release(Hold hold);

  /** Deletes the keys older than their lifetime; answers how many. */
  int purgeExpired();
}
