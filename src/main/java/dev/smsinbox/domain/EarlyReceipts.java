package dev.smsinbox.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Delivery receipts that arrived before the submit they report on was recorded. */
public interface EarlyReceipts {

  record EarlyReceipt(String smscMessageId, MessageStatus status, String error) {}

  void keep(EarlyReceipt receipt, Instant at);

  /** Removes and answers the receipt kept for any of these spellings of an SMSC id. */
  Optional<EarlyReceipt> take(List<String> smscIdSpellings);
}
