package dev.smsinbox.application.outbound;

import dev.smsinbox.application.port.SubmitSchedule;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Holds the submits of every instance bound with one carrier account, together, to the account's
 * rate (SMPP_SUBMIT_TPS): each part takes the next slot of the account's schedule in the database
 * (a token bucket of one slot per 1/TPS s), then waits here until its slot has come. However many
 * instances send, and however the work is spread over them, the slots are one interval apart, so
 * the account never gets more than TPS parts a second; one instance alone gets all of them.
 *
 * <p>The slots are times of the instances' clocks, so the instances' clocks must agree (NTP) to
 * well within one interval for the rate to be even; the total over a second holds regardless.
 */
public class SharedSubmitPacer implements SubmitRate {

  private static final long MAX_LAG_MICROS = TimeUnit.MILLISECONDS.toMicros(100);

  private final SubmitSchedule schedule;
  private final String carrierAccount;
  private final long intervalMicros;
  private final Clock clock;
  private final LongConsumer park;

  /**
   * @param carrierAccount whose rate it is: the bind's system_id
   */
  public SharedSubmitPacer(
      SubmitSchedule schedule, String carrierAccount, int partsPerSecond, Clock clock) {
    this(schedule, carrierAccount, partsPerSecond, clock, LockSupport::parkNanos);
  }

  /**
   * @param park waits about the given nanoseconds (it may return early)
   */
  SharedSubmitPacer(
      SubmitSchedule schedule,
      String carrierAccount,
      int partsPerSecond,
      Clock clock,
      LongConsumer park) {
    if (partsPerSecond <= 0) {
      throw new IllegalArgumentException("The submit rate must be at least 1 part per second");
    }
    this.schedule = schedule;
    this.carrierAccount = carrierAccount;
    this.intervalMicros = TimeUnit.SECONDS.toMicros(1) / partsPerSecond;
    this.clock = clock;
    this.park = park;
  }

  @Override
  public void awaitSlot() {
    long slot = schedule.take(carrierAccount, now(), intervalMicros, MAX_LAG_MICROS);
    // parkNanos may wake early (spuriously): wait again until the slot has really come.
    for (long wait = slot - now(); wait > 0; wait = slot - now()) {
      park.accept(TimeUnit.MICROSECONDS.toNanos(wait));
    }
  }

  private long now() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
  }
}
