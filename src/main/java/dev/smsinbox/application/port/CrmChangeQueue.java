package dev.smsinbox.application.port;

import dev.smsinbox.domain.crm.Consent;
import java.time.Instant;
import java.util.List;

/**
 * The durable queue of CRM changes an SMS asked for, for a CRM outside the inbox's database: added
 * in the transaction that files the SMS, applied after it with retries, kept as a dead letter when
 * the attempts run out. Calls run inside the caller's unit of work.
 */
public interface CrmChangeQueue {

  /** What the customer's text asked of the CRM. */
  enum Kind {
    /** STOP: off every SMS list they are subscribed to. */
    OPT_OUT,
    /** START: back on the lists a STOP ended. */
    OPT_IN,
    /** A keyword rule's keyword (JOIN …): into the rule's automation. */
    ENROL
  }

  /**
   * A queued change, with how many times applying it failed.
   *
   * @param accountId the CRM account (tenant) whose CRM it is for
   * @param automationId the automation of an {@link Kind#ENROL}, else null
   */
  record Change(
      long id,
      String accountId,
      long contactId,
      Kind kind,
      Long automationId,
      Consent consent,
      int attempts) {}

  /**
   * @param automationId the automation of an {@link Kind#ENROL}, else null
   */
  void add(
      String accountId, long contactId, Kind kind, Long automationId, Consent consent, Instant at);

  /**
   * Changes due at {@code now}, oldest first, at most {@code max}; a contact's change waits for
   * that contact's earlier ones still being retried (a START never overtakes its STOP).
   */
  List<Change> due(Instant now, int max);

  void done(long id);

  void retryAt(long id, Instant at, String error);

  /** Gives up: the change stays, marked dead, with the error that ended it. */
  void dead(long id, Instant at, String error);
}
