package dev.smsinbox.domain;

import java.time.Instant;

/**
 * The team inbox's filters of the list.
 *
 * @param status the status as people see it ({@link ConversationStatus#seen}); null: any
 * @param assigneeId only the conversations assigned to this admin; null: anyone's
 * @param unassigned only the conversations assigned to nobody
 * @param now what "a snooze whose time has come" is measured against
 */
public record TeamFilter(
    ConversationStatus status, String assigneeId, boolean unassigned, Instant now) {

  /** Every conversation, whatever its status or assignee. */
  public static TeamFilter everything(Instant now) {
    return new TeamFilter(null, null, false, now);
  }
}
