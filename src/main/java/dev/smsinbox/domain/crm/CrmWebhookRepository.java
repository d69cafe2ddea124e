package dev.smsinbox.domain.crm;

import java.time.Instant;
import java.util.Optional;

/**
 * Each account's secret webhook address (its token) and the webhooks already received. Calls run in
 * the caller's unit of work.
 */
public interface CrmWebhookRepository {

  Optional<String> tokenOf(String accountId);

  /** Sets the account's token, replacing the one it had. */
  void saveToken(String accountId, String token, Instant at);

  /**
   * The account's token; the one given when it had none (two first reads at once keep one of
   * theirs).
   */
  String tokenOrNew(String accountId, String token, Instant at);

  /** The account whose token it is. */
  Optional<String> accountOf(String token);

  /**
   * Records a webhook of the account by its digest: true the first time, false for a second
   * delivery of the same one.
   */
  boolean firstReceipt(String accountId, String digest, Instant at);

  /** Forgets the account's receipts older than that; how many. */
  int forgetReceiptsBefore(String accountId, Instant before);
}
