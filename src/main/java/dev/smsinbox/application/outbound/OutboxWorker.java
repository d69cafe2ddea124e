package dev.smsinbox.application.outbound;

import dev.smsinbox.support.DaemonThreads;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the outbox on one thread: woken when a message is committed and by a periodic tick (which
 * also picks up what a restart or an outage left queued). Wake-ups while a round is pending
 * collapse into that round. When the link is down, the next round waits, doubling up to 30 s with
 * jitter; the first round that gets through resets the pace. A message the carrier refuses for now
 * (ESME_RTHROTTLED, ESME_RMSGQFUL) waits with its own back-off in {@link DispatchOutbox} instead,
 * picked up by the tick once due, so the other conversations keep going.
 */
public class OutboxWorker implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(OutboxWorker.class.getName());
  private static final long FIRST_BACKOFF_MS = 250;
  private static final long MAX_BACKOFF_MS = 30_000;

  private final DispatchOutbox outbox;
  private final ScheduledExecutorService thread = DaemonThreads.timer("sms-inbox-outbox");
  private final AtomicBoolean pending = new AtomicBoolean();
  private volatile long backoffMs;
  private volatile long pausedUntil;

  public OutboxWorker(DispatchOutbox outbox) {
    this.outbox = outbox;
  }

  /** Starts the periodic tick (every second) that picks up what no wake-up announced. */
  public OutboxWorker start() {
    thread.scheduleWithFixedDelay(this::wake, 0, 1, TimeUnit.SECONDS);
    return this;
  }

  public void wake() {
    if (System.currentTimeMillis() < pausedUntil) {
      return; // the scheduled retry will come
    }
    if (pending.compareAndSet(false, true)) {
      thread.execute(this::round);
    }
  }

  /** The link is back: whatever waited goes now, at the normal pace. */
  public void linkBound() {
    backoffMs = 0;
    pausedUntil = 0;
    wake();
  }

  public long depth() {
    return outbox.depth();
  }

  private void round() {
    pending.set(false);
    try {
      DispatchOutbox.Round round = outbox.drain();
      if (round.linkBusy()) {
        backOff();
      } else {
        backoffMs = 0;
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Outbox round failed; the messages stay queued for the next one", e);
      backOff();
    }
  }

  private void backOff() {
    backoffMs = backoffMs == 0 ? FIRST_BACKOFF_MS : Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    long delay = backoffMs / 2 + ThreadLocalRandom.current().nextLong(backoffMs / 2 + 1);
    pausedUntil = System.currentTimeMillis() + delay;
    thread.schedule(
        () -> {
          pausedUntil = 0;
          wake();
        },
        delay,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    outbox.close();
    // No interrupt: H2 closes its file when a thread doing I/O is interrupted. A back-off still
    // waiting is dropped; what it would have sent stays queued for the next start.
    thread.shutdown();
    thread.awaitTermination(10, TimeUnit.SECONDS);
  }

  /** True once closed and no round is waiting or under way. */
  boolean stopped() {
    return thread.isTerminated();
  }
}
