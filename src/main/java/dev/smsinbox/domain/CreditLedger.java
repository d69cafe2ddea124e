package dev.smsinbox.domain;

import java.time.Instant;
import java.util.List;

/** The credit balance and its history. Calls run inside the caller's unit of work. */
public interface CreditLedger {

  long balance(String accountId);

  /**
   * Takes {@code amount} credits if the balance covers them.
   *
   * @return false, changing nothing, when it does not
   */
  boolean debit(String accountId, long amount, String reason, Long messageId, Instant at);

  void credit(String accountId, long amount, String reason, Long messageId, Instant at);

  List<CreditEntry> recent(String accountId, int limit);
}
