package dev.smsinbox.runtime;

import dev.smsinbox.application.DispatchOutbox;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the outbox on one thread: woken when a reply is committed and by a periodic tick (which also
 * picks up what a restart or an outage left queued). Wake-ups while a round is pending collapse
 * into that round.
 */
public class OutboxWorker implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(OutboxWorker.class.getName());

  private final DispatchOutbox outbox;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "sms-inbox-outbox");
            t.setDaemon(true);
            return t;
          });
  private final AtomicBoolean pending = new AtomicBoolean();

  public OutboxWorker(DispatchOutbox outbox) {
    this.outbox = outbox;
  }

  public void wake() {
    if (pending.compareAndSet(false, true)) {
      thread.execute(this::round);
    }
  }

  private void round() {
    pending.set(false);
    try {
      outbox.drain();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Outbox round failed; the messages stay queued for the next one", e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    thread.shutdown();
    thread.awaitTermination(10, TimeUnit.SECONDS);
  }
}
