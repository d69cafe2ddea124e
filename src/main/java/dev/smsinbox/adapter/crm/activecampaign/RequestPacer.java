package dev.smsinbox.adapter.crm.activecampaign;

import dev.smsinbox.application.port.CrmConnector;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * At most N requests a second to one CRM, spaced evenly (ActiveCampaign allows 5 a second per
 * account and no burst): each request takes the next free slot, 1/N s after the one before, and
 * waits for it. One pacer per connector instance, shared by every thread that calls it.
 */
final class RequestPacer {

  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private long nextSlot = Long.MIN_VALUE;

  RequestPacer(int requestsPerSecond) {
    this(requestsPerSecond, System::nanoTime);
  }

  RequestPacer(int requestsPerSecond, LongSupplier nanoTime) {
    this.intervalNanos = Duration.ofSeconds(1).toNanos() / requestsPerSecond;
    this.nanoTime = nanoTime;
  }

  /** Waits for this request's slot. */
  void await() {
    long wait = reserve();
    if (wait > 0) {
      pause(Duration.ofNanos(wait));
    }
  }

  /** Pushes every later slot past a pause the CRM asked for (429 Retry-After). */
  synchronized void holdFor(Duration pause) {
    nextSlot = Math.max(nextSlot, nanoTime.getAsLong() + pause.toNanos());
  }

  /** Takes the next free slot; how long to wait for it, in nanoseconds. */
  synchronized long reserve() {
    long now = nanoTime.getAsLong();
    long slot = nextSlot == Long.MIN_VALUE ? now : Math.max(now, nextSlot);
    nextSlot = slot + intervalNanos;
    return slot - now;
  }

  static void pause(Duration pause) {
    try {
      Thread.sleep(pause.toMillis(), (int) (pause.toNanos() % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CrmConnector.Failed("Interrupted while waiting to call the CRM", e);
    }
  }
}
