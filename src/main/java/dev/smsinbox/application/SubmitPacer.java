package dev.smsinbox.application;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Holds submits to the carrier's agreed rate (SMPP_SUBMIT_TPS): each part gets the next time slot,
 * so bursts are smoothed instead of throttled by the SMSC.
 */
public class SubmitPacer {

  private static final long MAX_LAG_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final long intervalNanos;
  private long nextSlot = System.nanoTime();

  public SubmitPacer(int partsPerSecond) {
    if (partsPerSecond <= 0) {
      throw new IllegalArgumentException("The submit rate must be at least 1 part per second");
    }
    this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / partsPerSecond;
  }

  /** Blocks until the next part may go. */
  public void awaitSlot() {
    long wait;
    synchronized (this) {
      long now = System.nanoTime();
      // A sender a little late keeps the schedule (the rate holds over time), but an idle link
      // does not bank credit for a later burst: beyond a short lag the schedule restarts now.
      if (now - nextSlot > MAX_LAG_NANOS) {
        nextSlot = now;
      }
      wait = nextSlot - now;
      nextSlot += intervalNanos;
    }
    if (wait > 0) {
      LockSupport.parkNanos(wait);
    }
  }
}
