package dev.smsinbox.application.port;

import dev.smsinbox.domain.MessageStatus;
import java.time.Duration;

/**
 * What operations want counted (E8): what came in, what went out, what failed. Each count is a
 * no-op unless an implementation wants it.
 */
public interface InboxTelemetry {

  /** An inbound SMS filed in its conversation. */
  default void received() {}

  /**
   * A filing transaction committed: how many SMS it took from the inbound journal and how long it
   * took, from taking them to its commit. Its batches show where filing stands: a full batch
   * ({@code 512}) after another means a backlog.
   */
  default void filingBatch(int sms, Duration took) {}

  /**
   * The inbound journal committed a batch of SMS, each acknowledged to the carrier after it: how
   * many it took, how long its oldest SMS had waited for the writer, and how long the insert and
   * its commit took. The carrier waits for both, and with a window of 32 in flight their sum sets
   * the link's rate; a commit that takes much longer than usual points at the database.
   */
  default void journalCommit(int sms, Duration waited, Duration took) {}

  /** An inbound SMS to a number that is not ours: refused (ESME_RINVDSTADR), nothing stored. */
  default void notOurNumber() {}

  /**
   * An inbound SMS to one of our numbers that no conversation takes (not two-way …): kept among the
   * unrouted SMS for an admin.
   */
  default void unrouted() {}

  /** A redelivered inbound SMS recognised and stored once. */
  default void duplicate() {}

  default void partSubmitted() {}

  default void submitRefused(boolean temporary) {}

  default void receipt(MessageStatus status) {}

  /** A deliver_sm that could not be decoded, answered with a generic_nack (issue 24). */
  default void undecodablePdu() {}

  /**
   * Parked delivery receipts that found no part within SMPP_RECEIPT_PARK_MAX_AGE (another system's
   * submits, a submit whose answer was never recorded) and were deleted.
   */
  default void parkedReceiptsExpired(int count) {}

  /**
   * A webhook from the CRM (issue 20), by the CRM's event type (one the inbox has no use for counts
   * as {@code other}) and what came of it: {@code applied}, {@code ignored} (nothing to change, or
   * an event the inbox does not use) or {@code duplicate} (a second delivery of one received).
   */
  default void crmWebhook(String type, String outcome) {}

  InboxTelemetry NONE = new InboxTelemetry() {};
}
