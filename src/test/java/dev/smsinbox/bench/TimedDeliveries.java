package dev.smsinbox.bench;

import dev.smsinbox.runtime.simulator.SmscSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Numbered customer texts delivered through the in-process SMSC, at a steady rate or as fast as
 * {@code bench.window} (32) deliver_sm in flight allow, as a carrier's link does: when each
 * deliver_sm went out and when its deliver_sm_resp came back (System.nanoTime), by number. Each
 * text is new ({@code Live benchmark #n …}), so none is taken for a redelivery.
 */
final class TimedDeliveries implements AutoCloseable {

  static final String MARK = "Live benchmark #";

  /** A benchmark text's number, anywhere in a line of JSON. */
  static final java.util.regex.Pattern NUMBERED =
      java.util.regex.Pattern.compile(MARK + "(\\d+)\\b");

  static final String OUR_NUMBER = "+14155550100";
  private static final int WINDOW = Integer.getInteger("bench.window", 32);

  /** Numbers {@code from} … {@code to - 1}, delivered together in one phase. */
  record Range(int from, int to, double seconds) {
    int size() {
      return to - from;
    }
  }

  private final SmscSimulator smsc;
  private final AtomicLongArray sentAt;
  private final AtomicLongArray ackedAt;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final Semaphore window = new Semaphore(WINDOW);
  private final ExecutorService senders = Executors.newFixedThreadPool(WINDOW);
  private int next;

  /** One moment on both clocks, to put a System.nanoTime on the wall clock the server writes. */
  private final long anchorNanos = System.nanoTime();

  private final java.time.Instant anchor = java.time.Instant.now();

  /**
   * @param capacity how many messages the whole run delivers at most
   */
  TimedDeliveries(SmscSimulator smsc, int capacity) {
    this.smsc = smsc;
    this.sentAt = new AtomicLongArray(capacity);
    this.ackedAt = new AtomicLongArray(capacity);
  }

  static String text(int n) {
    return MARK + n + " from a customer";
  }

  /** Delivers {@code count} as fast as the window allows; returns once all are acknowledged. */
  Range burst(int count) throws InterruptedException {
    int from = next;
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      window.acquire();
      send(next++);
    }
    awaitAcknowledged();
    return new Range(from, next, (System.nanoTime() - start) / 1e9);
  }

  /**
   * Delivers {@code count} at {@code perSecond}, each at its time whatever the answers to the
   * earlier ones (a carrier sends what its customers send); at most the window in flight, so when
   * the inbox answers slower than that the sending falls behind, as the carrier's would. Returns
   * once all are acknowledged.
   */
  Range steady(int count, double perSecond) throws InterruptedException {
    int from = next;
    double period = 1e9 / perSecond;
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long due = start + (long) (i * period);
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      window.acquire();
      send(next++);
    }
    awaitAcknowledged();
    return new Range(from, next, (System.nanoTime() - start) / 1e9);
  }

  private void send(int n) {
    senders.execute(
        () -> {
          try {
            sentAt.set(n, System.nanoTime());
            sent.incrementAndGet();
            int status = smsc.deliver("+1415" + (3_000_000 + n % 5_000), OUR_NUMBER, text(n));
            ackedAt.set(n, System.nanoTime());
            if (status == 0) {
              acknowledged.incrementAndGet();
            } else {
              refused.incrementAndGet();
            }
          } catch (RuntimeException e) {
            refused.incrementAndGet();
          } finally {
            window.release();
          }
        });
  }

  private void awaitAcknowledged() throws InterruptedException {
    window.acquire(WINDOW);
    window.release(WINDOW);
  }

  long sent() {
    return sent.get();
  }

  long acknowledged() {
    return acknowledged.get();
  }

  /** deliver_sm answered with an error, or not answered within 10 s. */
  long refused() {
    return refused.get();
  }

  /** Microseconds since the epoch (the server's timestamps' clock) at a System.nanoTime. */
  long epochMicros(long nanos) {
    return anchor.getEpochSecond() * 1_000_000
        + anchor.getNano() / 1_000
        + (nanos - anchorNanos) / 1_000;
  }

  long sentAt(int n) {
    return sentAt.get(n);
  }

  long ackedAt(int n) {
    return ackedAt.get(n);
  }

  /**
   * Milliseconds from each deliver_sm of {@code range} sent to {@code until(n)} (0: never), those
   * that came, sorted.
   */
  List<Double> millis(Range range, java.util.function.IntToLongFunction until) {
    List<Double> all = new ArrayList<>(range.size());
    for (int n = range.from(); n < range.to(); n++) {
      long end = until.applyAsLong(n);
      if (end != 0) {
        all.add((end - sentAt.get(n)) / 1e6);
      }
    }
    all.sort(null);
    return all;
  }

  /** The {@code q} quantile of sorted figures (nearest rank), NaN when there are none. */
  static double quantile(List<Double> sorted, double q) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    return sorted.get(
        Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)));
  }

  @Override
  public void close() {
    senders.shutdownNow();
  }
}
