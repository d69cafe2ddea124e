package dev.smsinbox.application.port;

import java.time.Instant;
import java.util.List;

/**
 * The counted facts behind a report (issue 25), summed per local day of the account. The adapter
 * keeps them as they happen (table report_tally and its deltas), so reading a month never reads the
 * month's messages.
 */
public interface ReportFigures {

  /**
   * @param dayStarts the start of each day of the period in the account's zone, then the end of the
   *     last day (so {@code dayStarts.size() - 1} days)
   * @param numberId one of the account's numbers, or null for all
   * @param adminId one admin's facts (what they sent, answered, resolved), or null for everyone's
   */
  record Query(String accountId, List<Instant> dayStarts, Long numberId, String adminId) {}

  /**
   * One sum: {@code day} indexes {@code dayStarts}; measure as in V28 (inbound, outbound,
   * delivered, failed, expired, opt_out, opt_in, credits, first_response, origin_sent,
   * origin_reply, error) or resolved; detail as V28 says ("" for most).
   */
  record Sum(int day, String measure, String detail, long n) {}

  List<Sum> sums(Query query);

  /** The id of the account's number {@code e164}; null when the account holds no such number. */
  Long numberId(String accountId, String e164);

  /** Whether the inbox has seen this admin of the account (account_admin, issue 21). */
  boolean knowsAdmin(String accountId, String adminId);

  /** The account's own time zone (an IANA id), when it set one. */
  java.util.Optional<String> timeZone(String accountId);

  void saveTimeZone(String accountId, String zoneId, Instant at);

  /** Folds the facts counted so far into the tally; answers how many it folded. */
  int compact();
}
