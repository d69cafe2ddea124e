package dev.smsinbox.it;

import static org.awaitility.Awaitility.await;

import dev.smsinbox.runtime.simulator.SmscSimulator;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A burst of customer SMS from a carrier that keeps each one until the inbox acknowledges it: a
 * deliver_sm that gets no deliver_sm_resp (the link broke, the inbox died) or a temporary refusal
 * is delivered again once the inbox is bound again, as real SMSCs do. {@code window} SMS are in
 * flight at a time, each on its own thread, as the link benchmark sends them.
 */
final class ResendingCarrier implements AutoCloseable {

  private final SmscSimulator smsc;
  private final String to;
  private final int total;
  private final IntFunction<String> from;
  private final IntFunction<String> text;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger acknowledged = new AtomicInteger();
  private final Set<Integer> acknowledgedSms = ConcurrentHashMap.newKeySet();
  private final AtomicInteger resent = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final ExecutorService senders;

  private final boolean inTurns;

  ResendingCarrier(
      SmscSimulator smsc,
      String to,
      int total,
      IntFunction<String> from,
      IntFunction<String> text,
      int window) {
    this(smsc, to, total, from, text, window, false);
  }

  /**
   * A carrier that sends one sender's SMS one after the other: thread {@code t} delivers SMS t, t +
   * window, t + 2 window… each once the one before it is acknowledged. So when {@code from} repeats
   * its senders every multiple of {@code window}, a sender's next SMS leaves only once the inbox
   * has acknowledged the one before.
   */
  static ResendingCarrier inTurns(
      SmscSimulator smsc,
      String to,
      int total,
      IntFunction<String> from,
      IntFunction<String> text,
      int window) {
    return new ResendingCarrier(smsc, to, total, from, text, window, true);
  }

  private ResendingCarrier(
      SmscSimulator smsc,
      String to,
      int total,
      IntFunction<String> from,
      IntFunction<String> text,
      int window,
      boolean inTurns) {
    this.inTurns = inTurns;
    this.smsc = smsc;
    this.to = to;
    this.total = total;
    this.from = from;
    this.text = text;
    this.senders = Executors.newFixedThreadPool(window);
    for (int i = 0; i < window; i++) {
      int turn = i;
      senders.execute(() -> send(turn, window));
    }
    senders.shutdown();
  }

  /** SMS the inbox acknowledged with ESME_ROK. */
  int acknowledged() {
    return acknowledged.get();
  }

  /** Whether SMS {@code i} was acknowledged (so far). */
  boolean wasAcknowledged(int i) {
    return acknowledgedSms.contains(i);
  }

  /** deliver_sm sent again because the first went unanswered or was refused for now. */
  int resent() {
    return resent.get();
  }

  /** Answers other than ESME_ROK (each was delivered again). */
  int refused() {
    return refused.get();
  }

  /** Whether every SMS of the burst was acknowledged. */
  boolean done() {
    return senders.isTerminated();
  }

  @Override
  public void close() {
    senders.shutdownNow();
  }

  private void send(int turn, int window) {
    if (inTurns) {
      for (int i = turn; i < total; i += window) {
        deliverUntilAcknowledged(i);
      }
      return;
    }
    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
      deliverUntilAcknowledged(i);
    }
  }

  private void deliverUntilAcknowledged(int i) {
    for (int attempt = 0; !Thread.currentThread().isInterrupted(); attempt++) {
      if (attempt > 0) {
        resent.incrementAndGet();
      }
      try {
        int status = smsc.deliver(from.apply(i), to, text.apply(i));
        if (status == 0) {
          acknowledgedSms.add(i);
          acknowledged.incrementAndGet();
          return;
        }
        refused.incrementAndGet();
      } catch (IllegalStateException noAnswer) {
        // No ESME bound, the link broke, or no deliver_sm_resp in time: not acknowledged.
      }
      // A carrier waits a little before it delivers again, and only to a bound ESME.
      await("an ESME is bound to deliver SMS " + i + " again")
          .pollDelay(Duration.ofMillis(50))
          .pollInterval(Duration.ofMillis(50))
          .atMost(Duration.ofMinutes(10))
          .until(smsc::isBound);
    }
  }

  /** Waits until every SMS was acknowledged. */
  void awaitAcknowledged(Duration atMost) throws InterruptedException {
    if (!senders.awaitTermination(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(
          acknowledged.get() + " of " + total + " SMS acknowledged after " + atMost);
    }
  }
}
