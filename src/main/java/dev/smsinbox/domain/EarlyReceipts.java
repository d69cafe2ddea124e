package dev.smsinbox.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Delivery receipts that arrived before the submit they report on was recorded ("parked"), and the
 * lock that a receipt and the recording of its part both take before they look for each other.
 */
public interface EarlyReceipts {

  record EarlyReceipt(String smscMessageId, MessageStatus status, String error) {}

  /**
   * Locks, until the caller's transaction ends, what every other receipt or recording naming any of
   * these spellings of an SMSC id locks too. Taken before looking for the part (a receipt) or for a
   * parked receipt (a recording): whichever of the two commits second then sees what the first one
   * wrote, so a receipt is never parked where nobody looks again.
   */
  void meet(List<String> smscIdSpellings);

  void keep(EarlyReceipt receipt, Instant at);

  /** Removes and answers the receipt kept for any of these spellings of an SMSC id. */
  Optional<EarlyReceipt> take(List<String> smscIdSpellings);
}
