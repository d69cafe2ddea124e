package dev.smsinbox.application.port;

import dev.smsinbox.domain.WorkingHours;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

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
   * @param zone the account's zone, whose local days {@code dayStarts} starts, from {@code first}
   * @param hours the account's working hours: with shifts, the sums include {@code work_response}
   *     (the first responses' seconds within them)
   */
  record Query(
      String accountId,
      List<Instant> dayStarts,
      Long numberId,
      String adminId,
      ZoneId zone,
      LocalDate first,
      WorkingHours hours) {}

  /**
   * One sum: {@code day} indexes {@code dayStarts}; measure as in V28 (inbound, outbound,
   * delivered, failed, expired, opt_out, opt_in, credits, first_response, origin_sent,
   * origin_reply, error), work_response (V32: detail the seconds within working hours) or resolved;
   * detail as V28 says ("" for most).
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

  /**
   * An account that has numbers (hence facts to count): its own time zone and the zone its roll-up
   * is counted in, each null when there is none.
   */
  record AccountZones(String accountId, String ownZone, String rollUpZone) {}

  /** Every account with numbers, read in one query for the housekeeping. */
  List<AccountZones> accounts();

  /**
   * The zone the account's per-day roll-up and working-time responses are counted in; empty when
   * they were never built.
   */
  Optional<String> rollUpZone(String accountId);

  /**
   * Builds the account's per-day roll-up in {@code zone} again from the 15-minute tally, and its
   * working-time first responses from the responses as they happened.
   */
  void rebuild(String accountId, ZoneId zone, WorkingHours hours);

  /** The account's working hours; {@link WorkingHours#ALWAYS} when it set none. */
  WorkingHours workingHours(String accountId);

  void saveWorkingHours(String accountId, WorkingHours hours, Instant at);
}
