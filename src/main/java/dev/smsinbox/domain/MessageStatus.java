package dev.smsinbox.domain;

/**
 * Where a message stands. Inbound messages are {@code RECEIVED}. Outbound ones go {@code QUEUED} →
 * {@code SENT} (the SMSC accepted every part) → {@code DELIVERED} or one of the failures the
 * carrier reports.
 */
public enum MessageStatus {
  RECEIVED,
  QUEUED,
  SENT,
  DELIVERED,
  FAILED,
  EXPIRED,
  REJECTED;

  /** A final status never changes again, so a late or repeated receipt cannot undo it. */
  public boolean isFinal() {
    return this == DELIVERED || this == FAILED || this == EXPIRED || this == REJECTED;
  }
}
