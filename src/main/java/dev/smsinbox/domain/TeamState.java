package dev.smsinbox.domain;

import java.time.Instant;

/**
 * A conversation's place in the team inbox: its status as stored and who handles it.
 *
 * @param snoozedUntil when a SNOOZED conversation comes back, else null
 * @param assignee the admin it is assigned to (their name as last seen), else null
 */
public record TeamState(ConversationStatus status, Instant snoozedUntil, Actor assignee) {

  /** The status people see at {@code now}. */
  public ConversationStatus statusAt(Instant now) {
    return ConversationStatus.seen(status, snoozedUntil, now);
  }

  /** The snooze's end while it still holds, else null. */
  public Instant snoozedUntilAt(Instant now) {
    return statusAt(now) == ConversationStatus.SNOOZED ? snoozedUntil : null;
  }
}
