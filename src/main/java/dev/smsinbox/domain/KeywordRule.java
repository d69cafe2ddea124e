package dev.smsinbox.domain;

import java.time.Instant;

/**
 * An account's keyword rule (issue 20): a customer whose whole SMS is the keyword is enrolled in
 * the CRM's automation, and answered with the reply when there is one.
 *
 * @param keyword as the admin wrote it, upper case ("JOIN")
 * @param automationName the automation's name when the rule was saved
 * @param numberId only SMS to this number of ours; null for every number of the account
 * @param number that number (E.164), null for every number
 * @param reply the text sent back, null for none
 */
public record KeywordRule(
    long id,
    String keyword,
    long automationId,
    String automationName,
    Long numberId,
    String number,
    String reply,
    Instant updatedAt) {

  /** A rule as written, before it is saved. */
  public record Draft(
      String keyword,
      String keywordKey,
      long automationId,
      String automationName,
      Long numberId,
      String reply) {}
}
