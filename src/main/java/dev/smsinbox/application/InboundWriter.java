package dev.smsinbox.application;

import dev.smsinbox.application.ReceiveSms.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stores the SMS that many carrier threads receive at once in shared transactions (group commit). A
 * deliver_sm may be acknowledged only once its message is committed, and a transaction per message
 * would make the database's cost per transaction the link's speed limit. So each thread hands its
 * SMS here and waits; one writer stores whatever gathered while it was busy in one transaction. A
 * quiet link waits for nobody: a lone SMS is stored at once.
 */
public final class InboundWriter implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(InboundWriter.class.getName());

  /** The carrier is not told "ours" for what may not be stored; it redelivers later. */
  public static final class NotStored extends RuntimeException {
    NotStored(String message) {
      super(message);
    }
  }

  private record Waiting(InboundSms sms, CompletableFuture<Outcome> outcome) {}

  private static final Waiting STOP = new Waiting(null, null);

  private final ReceiveSms receiveSms;
  private final int maxBatch;
  private final Duration maxWait;
  private final BlockingQueue<Waiting> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean closed;

  /**
   * @param maxBatch the most SMS stored in one transaction
   * @param maxWait how long a carrier thread waits for its commit before answering "try again"
   */
  public InboundWriter(ReceiveSms receiveSms, int maxBatch, Duration maxWait) {
    this.receiveSms = receiveSms;
    this.maxBatch = maxBatch;
    this.maxWait = maxWait;
    this.writer = new Thread(this::write, "inbox-inbound-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /**
   * Stores the SMS, sharing a transaction with others that arrive meanwhile, and returns once it is
   * committed.
   *
   * @throws RequestRefused when the sender address is no phone number
   * @throws NotStored when the inbox is stopping or the commit took longer than allowed
   * @throws RuntimeException the storage failure that kept the SMS from being stored
   */
  public Outcome receive(InboundSms sms) {
    if (closed) {
      throw new NotStored("The inbox is stopping");
    }
    Waiting waiting = new Waiting(sms, new CompletableFuture<>());
    queue.add(waiting);
    Outcome outcome;
    try {
      outcome = waiting.outcome().get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // It may still commit: the carrier's redelivery is then recognised and stored once.
      throw new NotStored("Not committed within " + maxWait.toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotStored("Interrupted while the SMS was being stored");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException failure
          ? failure
          : new IllegalStateException(e.getCause());
    }
    if (outcome instanceof ReceiveSms.Refused refused) {
      throw refused.reason();
    }
    return outcome;
  }

  private void write() {
    List<Waiting> batch = new ArrayList<>(maxBatch);
    while (true) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      queue.drainTo(batch, maxBatch - 1);
      boolean stop = batch.remove(STOP);
      try {
        store(batch);
      } catch (Throwable e) {
        // The writer lives on; those waiting are answered "try again".
        LOG.log(Level.SEVERE, "The inbound writer failed", e);
        batch.forEach(b -> b.outcome().completeExceptionally(new NotStored(e.toString())));
      }
      batch.clear();
      if (stop) {
        // Whatever came after the stop is answered "try again": nobody is left to store it.
        List<Waiting> late = new ArrayList<>();
        queue.drainTo(late);
        late.forEach(w -> w.outcome().completeExceptionally(new NotStored("The inbox stopped")));
        return;
      }
    }
  }

  private void store(List<Waiting> batch) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      List<Outcome> outcomes = receiveSms.receiveAll(batch.stream().map(Waiting::sms).toList());
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).outcome().complete(outcomes.get(i));
      }
    } catch (RuntimeException failure) {
      if (batch.size() == 1) {
        batch.get(0).outcome().completeExceptionally(failure);
        return;
      }
      // One SMS the database refuses must not keep the others out: each again on its own.
      LOG.log(
          Level.WARNING,
          "Storing " + batch.size() + " inbound SMS together failed; storing each on its own",
          failure);
      for (Waiting w : batch) {
        try {
          w.outcome().complete(receiveSms.receiveAll(List.of(w.sms())).get(0));
        } catch (RuntimeException e) {
          w.outcome().completeExceptionally(e);
        }
      }
    }
  }

  /** Stores what was handed in before the stop, then ends the writer. */
  @Override
  public void close() {
    closed = true;
    queue.add(STOP);
    try {
      writer.join(maxWait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
