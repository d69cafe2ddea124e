package dev.smsinbox.domain;

/**
 * Where a message stands. Inbound messages are {@code RECEIVED}. Outbound ones go {@code QUEUED} →
 * {@code SENT} (the SMSC accepted every part) → {@code DELIVERED} or one of the failures the
 * carrier reports.
 */
public enum MessageStatus {
  RECEIVED,
  /**
   * Waits until its time ({@code at}): a reply or CRM send with {@code sendAt}, or one held by the
   * account's quiet hours (its {@code error} says so). Paid for already; enters the outbox as
   * QUEUED at its time.
   */
  SCHEDULED,
  QUEUED,
  SENT,
  DELIVERED,
  FAILED,
  EXPIRED,
  REJECTED,
  /** A scheduled message an admin cancelled before its time: never sent, its credits refunded. */
  CANCELLED;

  /** A final status never changes again, so a late or repeated receipt cannot undo it. */
  public boolean isFinal() {
    return this == DELIVERED
        || this == FAILED
        || this == EXPIRED
        || this == REJECTED
        || this == CANCELLED;
  }
}
