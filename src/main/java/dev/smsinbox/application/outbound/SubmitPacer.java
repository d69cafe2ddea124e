package dev.smsinbox.application.outbound;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Holds submits to the carrier's agreed rate (SMPP_SUBMIT_TPS): each part gets the next time slot,
 * so bursts are smoothed instead of throttled by the SMSC. Within one JVM only: the server uses
 * {@link SharedSubmitPacer}, which shares the rate with the other instances of the cluster.
 */
public class SubmitPacer implements SubmitRate {

  private static final long MAX_LAG_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final LongConsumer park;
  private long nextSlot;

  public SubmitPacer(int partsPerSecond) {
    this(partsPerSecond, System::nanoTime, LockSupport::parkNanos);
  }

  /**
   * @param nanoTime the monotonic clock
   * @param park waits about the given nanoseconds (it may return early)
   */
  SubmitPacer(int partsPerSecond, LongSupplier nanoTime, LongConsumer park) {
    if (partsPerSecond <= 0) {
      throw new IllegalArgumentException("The submit rate must be at least 1 part per second");
    }
    this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / partsPerSecond;
    this.nanoTime = nanoTime;
    this.park = park;
    this.nextSlot = nanoTime.getAsLong();
  }

  @Override
  public void awaitSlot() {
    long slot;
    synchronized (this) {
      long now = nanoTime.getAsLong();
      // A sender a little late keeps the schedule (the rate holds over time), but an idle link
      // does not bank credit for a later burst: beyond a short lag the schedule restarts now.
      if (now - nextSlot > MAX_LAG_NANOS) {
        nextSlot = now;
      }
      slot = nextSlot;
      nextSlot += intervalNanos;
    }
    // parkNanos may wake early (spuriously): wait again until the slot has really come.
    for (long wait = slot - nanoTime.getAsLong(); wait > 0; wait = slot - nanoTime.getAsLong()) {
      park.accept(wait);
    }
  }
}
