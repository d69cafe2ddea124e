package dev.smsinbox.it;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Phone numbers no other test of this run has used, so every test starts with a fresh contact and
 * conversation. Within a run they come from a counter (the black-box tests of a run share one JVM
 * and one database), so two never match, not even in the last seven digits the inbox search looks
 * at; the counter starts in a block drawn at random for each run, so a rerun against a database
 * that an earlier run left behind most likely meets none of that run's numbers either.
 */
public final class FreshNumbers {

  /** Serial numbers a run may hand out before the next run's block would be reached. */
  private static final int BLOCK = 10_000;

  /** Seven-digit US subscriber numbers start at 2 000 000 (libphonenumber finds lower invalid). */
  private static final int US_FIRST = 2_000_000;

  private static final int US_SPAN = 8_000_000;

  private static final AtomicInteger next =
      new AtomicInteger(ThreadLocalRandom.current().nextInt(US_SPAN / BLOCK) * BLOCK);

  private FreshNumbers() {}

  /** A San Francisco number, {@code +1415} and seven digits. */
  public static String us() {
    return "+1415" + (US_FIRST + serial() % US_SPAN);
  }

  /** A New Zealand mobile number, {@code +6421} and eight digits. */
  public static String newZealand() {
    return "+6421" + (10_000_000 + serial());
  }

  private static int serial() {
    return next.getAndIncrement();
  }
}
