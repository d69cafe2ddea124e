package dev.smsinbox.application.outbound;

import java.time.Duration;
import java.time.Instant;

/**
 * The outbox's decisions about time, kept pure so they can be tested alone: how long a message the
 * carrier refused for now waits on its own, and when a queued message has waited too long.
 */
final class OutboxRetry {

  /** A throttled SMSC usually takes more within seconds; doubling spares one that does not. */
  static final Duration FIRST_WAIT = Duration.ofSeconds(2);

  /** Long enough not to hammer a carrier that refuses for hours, short enough to notice it heal. */
  static final Duration LONGEST_WAIT = Duration.ofMinutes(5);

  private OutboxRetry() {}

  /**
   * @param attempts how many times the carrier has refused the message for now before this time
   */
  static Duration waitAfter(int attempts) {
    int doublings = Math.min(Math.max(attempts, 0), 20);
    Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
    return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
  }

  /** Queued messages that entered the outbox before this instant have waited too long. */
  static Instant expiryCutoff(Instant now, Duration maxAge) {
    return now.minus(maxAge);
  }

  /** What an expired message's error says, in words a person reads on the screen. */
  static String expiredBecause(Duration maxAge) {
    return "Not sent: it waited in the outbox longer than "
        + words(maxAge)
        + " (SMPP_QUEUED_MAX_AGE) without the carrier taking it; unsent parts were refunded";
  }

  private static String words(Duration d) {
    if (d.toDaysPart() > 0 && d.toHoursPart() == 0 && d.toMinutesPart() == 0) {
      return d.toDays() + (d.toDays() == 1 ? " day" : " days");
    }
    if (d.toHours() > 0 && d.toMinutesPart() == 0 && d.toSecondsPart() == 0) {
      return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
    }
    if (d.toMinutes() > 0 && d.toSecondsPart() == 0) {
      return d.toMinutes() + (d.toMinutes() == 1 ? " minute" : " minutes");
    }
    return d.toSeconds() + (d.toSeconds() == 1 ? " second" : " seconds");
  }
}
