package dev.smsinbox.application.inbound;

import dev.smsinbox.application.inbound.ReceiveSms.Outcome;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.support.CompletionRound;
import dev.smsinbox.support.DaemonThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Commits the SMS that many carrier threads receive at once to the inbound journal in shared
 * transactions (group commit). A deliver_sm may be acknowledged only once its SMS is committed, and
 * a transaction per message would make the database's cost per transaction the link's speed limit.
 * So each thread hands its SMS here and waits ({@link #receive}), or goes on and is told once it is
 * committed ({@link #hand}); a writer commits whatever gathered while it was busy in one
 * transaction (one insert), and the {@link InboundFiler} files it into its conversation right
 * after. A quiet link waits for nobody: a lone SMS is committed at once. With more than one writer,
 * one batch is prepared while another commits; each customer's SMS always go to the same writer, so
 * they reach the journal, and their conversation, in the order they arrived.
 */
public final class InboundWriter implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(InboundWriter.class.getName());

  /** The carrier is not told "ours" for what may not be stored; it redelivers later. */
  public static final class NotStored extends RuntimeException {
    NotStored(String message) {
      super(message);
    }
  }

  /**
   * @param handedAt {@link System#nanoTime} when it was handed in
   */
  private record Waiting(InboundSms sms, CompletableFuture<Outcome> outcome, long handedAt) {}

  private static final Waiting STOP = new Waiting(null, null, 0);

  /** How many SMS beyond a batch may wait for a writer: as many as the link queues (SmppLink). */
  static final int QUEUED = 1000;

  /**
   * A batch this large gathers only when SMS arrive many times faster than a commit takes (32 in
   * flight, the usual window, give about 10 a commit on a saturated link): at an ordinary pace a
   * batch holds one SMS or two.
   */
  static final int LARGE_BATCH = 8;

  /** How long after the last large batch the link still counts as busy. */
  private static final Duration BUSY_FOR = Duration.ofMillis(200);

  private final ReceiveSms receiveSms;
  private final int maxBatch;
  private final Duration maxWait;
  private final List<BlockingQueue<Waiting>> queues = new ArrayList<>();
  private final List<Thread> writers = new ArrayList<>();

  /** Each writer's batch being stored, for {@link #watch}. */
  private final List<AtomicReference<List<Waiting>>> storing = new ArrayList<>();

  private volatile boolean closed;
  private final LongSupplier nanoTime;
  private volatile long lastGathered;

  /**
   * @param maxBatch the most SMS stored in one transaction
   * @param writers how many transactions may be under way at once
   * @param maxWait how long a carrier thread waits for its commit before answering "try again"
   */
  public InboundWriter(ReceiveSms receiveSms, int maxBatch, int writers, Duration maxWait) {
    this(receiveSms, maxBatch, writers, maxWait, System::nanoTime);
  }

  /**
   * @param nanoTime the ticker {@link #busy} reads (a test's may stand still)
   */
  InboundWriter(
      ReceiveSms receiveSms, int maxBatch, int writers, Duration maxWait, LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    this.lastGathered = nanoTime.getAsLong() - BUSY_FOR.toNanos();
    this.receiveSms = receiveSms;
    this.maxBatch = maxBatch;
    this.maxWait = maxWait;
    for (int i = 1; i <= writers; i++) {
      BlockingQueue<Waiting> queue = new LinkedBlockingQueue<>();
      AtomicReference<List<Waiting>> batch = new AtomicReference<>(List.of());
      queues.add(queue);
      storing.add(batch);
      Thread writer = DaemonThreads.thread(() -> write(queue, batch), "inbox-inbound-writer-" + i);
      writer.start();
      this.writers.add(writer);
    }
    DaemonThreads.thread(this::watch, "inbox-inbound-writer-watch").start();
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
    try {
      return hand(sms).get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
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
  }

  /**
   * Hands the SMS in to be stored as {@link #receive} does, without waiting for the commit.
   *
   * @return completes once the SMS is committed, or exceptionally: {@link RequestRefused} when the
   *     sender address is no phone number, {@link NotStored} when the inbox is stopping or the
   *     commit took longer than allowed, else the storage failure
   */
  public CompletableFuture<Outcome> hand(InboundSms sms) {
    if (closed) {
      return CompletableFuture.failedFuture(new NotStored("The inbox is stopping"));
    }
    Waiting waiting = new Waiting(sms, new CompletableFuture<>(), System.nanoTime());
    queues.get(Math.floorMod(customerKey(sms.from()).hashCode(), queues.size())).add(waiting);
    return waiting.outcome().thenApply(ReceiveSms::unlessRefused);
  }

  /**
   * The last seven digits of the sender's address (read backwards; it only has to match): the same
   * in every way an SMSC writes a number (+1 415…, 1415…, 415…), so one customer's SMS meet in one
   * writer.
   */
  static String customerKey(String from) {
    StringBuilder digits = new StringBuilder(7);
    for (int k = from == null ? -1 : from.length() - 1; k >= 0 && digits.length() < 7; k--) {
      if (Character.isDigit(from.charAt(k))) {
        digits.append(from.charAt(k));
      }
    }
    return digits.toString();
  }

  /**
   * Whether the link has lately delivered about as fast as the machine can take: a {@link
   * #LARGE_BATCH large batch} gathered within the last {@link #BUSY_FOR}.
   */
  public boolean busy() {
    return nanoTime.getAsLong() - lastGathered < BUSY_FOR.toNanos();
  }

  /**
   * Whether as many SMS wait for a writer as the link queues for its receiving threads (1,000
   * beyond a batch): an SMS handed in without waiting ({@link #hand}) no longer holds a thread, so
   * a carrier sending far ahead of its acknowledgements is told to slow down here instead.
   */
  public boolean full() {
    return waiting() >= maxBatch + QUEUED;
  }

  /** How many SMS wait for a writer to take them (not those in the batch being stored). */
  public int waiting() {
    // A loop, not a stream: asked for every deliver_sm (full()).
    int waiting = 0;
    for (BlockingQueue<Waiting> queue : queues) {
      waiting += queue.size();
    }
    return waiting;
  }

  private void write(BlockingQueue<Waiting> queue, AtomicReference<List<Waiting>> underWay) {
    List<Waiting> batch = new ArrayList<>(maxBatch);
    while (true) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      queue.drainTo(batch, maxBatch - 1);
      boolean stop = batch.removeIf(waiting -> waiting == STOP);
      if (batch.size() >= Math.min(LARGE_BATCH, Math.max(2, maxBatch / 4))) {
        lastGathered = nanoTime.getAsLong();
      }
      underWay.set(List.copyOf(batch));
      try {
        store(batch);
      } catch (Throwable e) {
        // The writer lives on; those waiting are answered "try again".
        LOG.log(Level.SEVERE, "The inbound writer failed", e);
        failAll(batch, new NotStored(e.toString()));
      }
      underWay.set(List.of());
      batch.clear();
      if (stop) {
        return;
      }
    }
  }

  private void store(List<Waiting> batch) {
    if (batch.isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    List<Outcome> outcomes;
    try {
      outcomes = receiveSms.acceptAll(batch.stream().map(Waiting::sms).toList());
    } catch (RuntimeException failure) {
      storeAlone(batch, failure);
      return;
    }
    long committed = System.nanoTime();
    // What each completion would do alone (write its answer to the carrier) is done once, for
    // the whole batch, at the end of the round.
    CompletionRound.run(
        () -> {
          for (int i = 0; i < batch.size(); i++) {
            batch.get(i).outcome().complete(outcomes.get(i));
          }
        });
    // Once the answers are on their way, and outside the failure handling above: what operations
    // are told of a commit neither delays the carrier nor, should it fail, stores a batch again.
    // In arrival order: the first waited longest.
    receiveSms.telemetry.journalCommit(
        batch.size(),
        Duration.ofNanos(start - batch.get(0).handedAt()),
        Duration.ofNanos(committed - start));
  }

  private void storeAlone(List<Waiting> batch, RuntimeException failure) {
    if (batch.size() == 1 || failure instanceof UnitOfWork.Unavailable) {
      // Without a database every SMS would fail again: all are answered "try again" at once
      // rather than keeping the carrier waiting while each is tried alone.
      failAll(batch, failure);
      return;
    }
    // One SMS the database refuses must not keep the others out: each again on its own.
    LOG.log(
        Level.WARNING,
        "Storing " + batch.size() + " inbound SMS together failed; storing each on its own",
        failure);
    for (Waiting w : batch) {
      try {
        w.outcome().complete(receiveSms.acceptAll(List.of(w.sms())).get(0));
      } catch (RuntimeException e) {
        w.outcome().completeExceptionally(e);
      }
    }
  }

  private static void failAll(List<Waiting> batch, RuntimeException failure) {
    CompletionRound.run(() -> batch.forEach(w -> w.outcome().completeExceptionally(failure)));
  }

  /**
   * Answers "try again" for every SMS handed in longer ago than the wait allowed, whether it still
   * waits for a writer or is in a commit that takes too long (a database that does not answer): the
   * carrier is not kept waiting. Should it commit after all, its redelivery is stored once.
   */
  private void watch() {
    long allowed = maxWait.toNanos();
    long look = Math.max(1, Math.min(maxWait.toMillis() / 4, 250));
    while (!closed) {
      try {
        Thread.sleep(look);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      long now = System.nanoTime();
      NotStored late = null;
      List<Iterable<Waiting>> pending = new ArrayList<>(queues);
      storing.forEach(batch -> pending.add(batch.get()));
      for (Iterable<Waiting> waiting : pending) {
        for (Waiting w : waiting) {
          if (w != STOP && now - w.handedAt() > allowed && !w.outcome().isDone()) {
            if (late == null) {
              late = new NotStored("Not committed within " + maxWait.toMillis() + " ms");
            }
            w.outcome().completeExceptionally(late);
          }
        }
      }
    }
  }

  /** Stores what was handed in before the stop, then ends the writer. */
  @Override
  public void close() {
    closed = true;
    queues.forEach(q -> q.add(STOP));
    try {
      for (Thread writer : writers) {
        writer.join(maxWait.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Whatever came after the stops is answered "try again": nobody is left to store it.
    List<Waiting> late = new ArrayList<>();
    queues.forEach(q -> q.drainTo(late));
    late.stream()
        .filter(w -> w != STOP)
        .forEach(w -> w.outcome().completeExceptionally(new NotStored("The inbox stopped")));
    // A writer still storing when the wait ran out must find its stop when it is done.
    queues.forEach(q -> q.add(STOP));
  }
}
