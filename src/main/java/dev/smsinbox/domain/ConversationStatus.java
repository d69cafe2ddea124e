package dev.smsinbox.domain;

import java.time.Instant;

/**
 * Where a conversation stands for the team: being handled, done, or put aside until a time. A
 * customer's new message makes it OPEN again.
 */
public enum ConversationStatus {
  OPEN,
  RESOLVED,
  SNOOZED;

  /**
   * The status people see: a snooze whose time has come is open again, without anything having to
   * wake it.
   */
  public static ConversationStatus seen(
      ConversationStatus stored, Instant snoozedUntil, Instant now) {
    if (stored == SNOOZED && (snoozedUntil == null || !snoozedUntil.isAfter(now))) {
      return OPEN;
    }
    return stored;
  }
}
