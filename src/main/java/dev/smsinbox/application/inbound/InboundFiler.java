package dev.smsinbox.application.inbound;

import dev.smsinbox.application.inbound.InboundJournal.Entry;
import dev.smsinbox.application.port.InboxTelemetry;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.ListPosition;
import dev.smsinbox.support.DaemonThreads;
import dev.smsinbox.support.Masked;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;

/**
 * Files what the inbound journal holds into contacts and conversations, oldest first, many SMS to a
 * transaction: the second half of receiving an SMS, after the carrier has been answered. Filing
 * costs several statements a batch; done while the carrier waits, it made the database's round
 * trips the link's speed limit. Woken by each journal commit, it also looks every second (entries
 * left by a restart, entries due again). One customer's SMS are filed in the order they arrived. An
 * SMS the database refuses to file stays in the journal with the error and is tried again with
 * growing pauses; it never holds up the others (so it is filed after those that followed it, and
 * its conversation keeps showing the latest). An admin sees such SMS with their reason ({@link
 * #unfiled}) and can try one again at once ({@link #retry}). Nothing is dropped: an SMS whose
 * number takes no conversation is kept among the unrouted SMS.
 *
 * <p>The carrier comes first: while the link delivers as fast as the machine can take them (the
 * writer commits large batches back to back), filing holds back. A filing transaction running
 * beside the journal's commits slowed every acknowledgement (measured: a third fewer per second
 * even when it filed only a tenth of them), and a carrier whose acknowledgements slow down shrinks
 * its window or redelivers. It holds back for as long as the link stays saturated, up to {@link
 * #MOST_BEHIND}. Filing is oldest first, so in a flood filing beside the link only brings its first
 * seconds to the screens sooner, while the rest waits for the flood's end either way: measured on
 * two cores through a minute's burst, holding back throughout gave the carrier 16,200
 * acknowledgements a second against 12,700 when filing took turns with the link from the fifth
 * second, and the whole burst was filed at the same rate (7,900 a second from the first deliver_sm
 * to the last filed). A flood longer than that gets turns for at most {@link #TAKING_TURNS} (a
 * batch, then a pause as long as the batch took); then filing goes on at full speed however busy
 * the link. While SMS wait, their accounts' screens are told how many ({@link InboundWaiting}). At
 * an ordinary pace SMS are filed as they come. The backlog a burst leaves is filed by more than one
 * filer once the link calms down, where the journal lets them ({@link #help}).
 */
public final class InboundFiler implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(InboundFiler.class.getName());
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration LAST_RETRY = Duration.ofMinutes(10);
  static final Duration IDLE_LOOK = Duration.ofSeconds(1);

  /**
   * After a batch, how long the filer lets more gather before the next: each batch costs the same
   * round trips whatever its size, so on a busy link a few milliseconds spent gathering make filing
   * much cheaper an SMS, and it is still live for the eye.
   */
  static final Duration GATHER = Duration.ofMillis(20);

  /** While holding back: how often to look whether the link has calmed down. */
  static final Duration GIVE_WAY = Duration.ofMillis(100);

  /**
   * How long filing holds back for a saturated link, at most: how far the screens may fall behind
   * the first SMS of a flood (and a keyword such as STOP in it wait to be acted on) for the carrier
   * to be answered at the link's pace.
   */
  public static final Duration MOST_BEHIND = Duration.ofMinutes(2);

  /** How long after holding back filing takes turns with a link that stays saturated, at most. */
  static final Duration TAKING_TURNS = Duration.ofMinutes(1);

  private final UnitOfWork unitOfWork;
  private final InboxTelemetry telemetry;
  private final ReceiveSms receiveSms;
  private final InboundJournal journal;

  /** Each helper's own reader of the journal: see {@link #help}. */
  private final List<InboundJournal> helpers;

  private final int batchSize;
  private final Clock clock;
  private final Object signal = new Object();
  private boolean woken; // guarded by signal
  private final Object backlog = new Object();
  private boolean behind; // guarded by backlog
  private volatile boolean closed;
  private final List<Thread> threads = new ArrayList<>();
  private BooleanSupplier carrierBusy = () -> false;
  private final InboundWaiting waiting;
  private ScheduledExecutorService lookAtWaiting; // guarded by this

  /**
   * @param batchSize the most SMS filed in one transaction
   * @param filers how many file side by side when a backlog is left once the link calms down (1:
   *     one filer only; more need a journal whose filers skip what another holds)
   */
  public InboundFiler(
      UnitOfWork unitOfWork,
      InboxTelemetry telemetry,
      ReceiveSms receiveSms,
      InboundJournal journal,
      int batchSize,
      int filers,
      Clock clock,
      InboundWaiting waiting) {
    this.unitOfWork = unitOfWork;
    this.telemetry = telemetry;
    this.receiveSms = receiveSms;
    this.journal = journal;
    this.helpers = IntStream.range(1, filers).mapToObj(n -> journal.forAnotherFiler()).toList();
    this.batchSize = batchSize;
    this.clock = clock;
    this.waiting = waiting;
  }

  /**
   * Starts filing in the background; what the journal already holds is filed first.
   *
   * @param carrierBusy whether the link delivers as fast as the machine can take: filing then holds
   *     back
   */
  public synchronized void start(BooleanSupplier carrierBusy) {
    if (threads.isEmpty() && !closed) {
      this.carrierBusy = carrierBusy;
      threads.add(DaemonThreads.thread(this::run, "inbox-inbound-filer"));
      for (int n = 0; n < helpers.size(); n++) {
        InboundJournal reader = helpers.get(n);
        threads.add(DaemonThreads.thread(() -> help(reader), "inbox-inbound-filer-" + (n + 2)));
      }
      threads.forEach(Thread::start);
      // Its own thread: a filing transaction under way must not delay telling the screens.
      lookAtWaiting = DaemonThreads.timer("inbox-inbound-waiting");
      long every = InboundWaiting.LOOK_EVERY.toMillis();
      lookAtWaiting.scheduleWithFixedDelay(waiting::look, every, every, TimeUnit.MILLISECONDS);
    }
  }

  /** New entries were committed: file them now rather than at the next look. */
  public void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  /** How many SMS wait to be filed. */
  public long depth() {
    return unitOfWork.inTransaction(journal::depth);
  }

  /**
   * Files every entry that is due, a batch per transaction, until none is left. Not inside a
   * transaction of the caller's: a failed batch must roll back before its SMS are tried alone.
   *
   * @return how many entries were filed or postponed
   * @throws UnitOfWork.Unavailable when the database cannot be reached (nothing is lost)
   */
  public int fileDue() {
    int total = 0;
    int handled;
    do {
      handled = fileBatch(journal, clock.instant());
      total += handled;
    } while (handled == batchSize && !closed);
    return total;
  }

  private int fileBatch(InboundJournal reader, Instant now) {
    try {
      long start = System.nanoTime();
      int filed =
          unitOfWork.inTransaction(
              () -> {
                List<Entry> due = reader.take(now, batchSize);
                if (!due.isEmpty()) {
                  receiveSms.receiveAll(due.stream().map(Entry::sms).toList());
                }
                return due.size();
              });
      if (filed > 0) {
        telemetry.filingBatch(filed, Duration.ofNanos(System.nanoTime() - start));
      }
      return filed;
    } catch (UnitOfWork.Unavailable | VirtualMachineError e) {
      throw e;
    } catch (RuntimeException | Error failure) {
      // One SMS the database refuses must not keep the others out: each again on its own.
      List<Entry> due = unitOfWork.inTransaction(() -> reader.due(now, batchSize));
      LOG.log(
          Level.WARNING,
          "Filing " + due.size() + " inbound SMS together failed; filing each on its own",
          failure);
      due.forEach(entry -> fileAlone(entry.id(), now));
      return due.size();
    }
  }

  private void fileAlone(long id, Instant now) {
    try {
      unitOfWork.run(
          () ->
              journal
                  .lock(id)
                  .ifPresent(
                      entry -> {
                        receiveSms.receiveAll(List.of(entry.sms()));
                        journal.remove(List.of(id));
                      }));
    } catch (UnitOfWork.Unavailable | VirtualMachineError e) {
      throw e;
    } catch (RuntimeException | Error failure) {
      // A hook's bug (an Error included) is this SMS's failure, not the end of filing.
      unitOfWork.run(() -> journal.lock(id).ifPresent(entry -> postpone(entry, now, failure)));
    }
  }

  private void postpone(Entry entry, Instant now, Throwable failure) {
    int attempts = entry.attempts() + 1;
    Instant retryAt = now.plus(retryDelay(attempts));
    journal.postpone(entry.id(), attempts, retryAt, failure.toString());
    LOG.log(
        Level.SEVERE,
        "Inbound SMS "
            + entry.id()
            + " from "
            + Masked.phone(entry.sms().from())
            + " could not be filed (attempt "
            + attempts
            + "); it stays in the inbound journal and is tried again at "
            + retryAt,
        failure);
  }

  /** Doubling from a second to ten minutes. */
  static Duration retryDelay(int attempts) {
    Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 20));
    return delay.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : delay;
  }

  /**
   * SMS that could not be filed (an attempt failed), latest received first, each with why and when
   * it is tried again.
   */
  public List<Entry> unfiled(ListPosition after, int limit) {
    return unitOfWork.inTransaction(() -> journal.unfiled(after, limit));
  }

  /**
   * Tries to file one SMS of the journal now, whatever its next attempt was planned for.
   *
   * @return empty when it is filed (now, or meanwhile by the filer), else the entry as it stays:
   *     the new error and the next attempt
   * @throws RequestRefused NOT_FOUND when the journal has no such entry (it may have been filed)
   * @throws UnitOfWork.Unavailable when the database cannot be reached
   */
  public Optional<Entry> retry(long id) {
    if (unitOfWork.inTransaction(() -> journal.find(id)).isEmpty()) {
      throw RequestRefused.notFound(
          "There is no unfiled SMS " + id + "; it may have been filed meanwhile.");
    }
    fileAlone(id, clock.instant());
    return unitOfWork.inTransaction(() -> journal.find(id));
  }

  private void run() {
    int failures = 0;
    Instant holdingSince = null;
    while (!closed) {
      Instant now = clock.instant();
      boolean busy = carrierBusy.getAsBoolean();
      // Holding back starts when the link becomes saturated and lasts until the journal has been
      // emptied, so a link that calms down for a moment now and then cannot keep filing waiting.
      if (holdingSince == null && busy) {
        holdingSince = now;
      }
      if (busy && holdsBack(holdingSince, now)) {
        await(GIVE_WAY, false);
        continue;
      }
      int filed;
      long batchStart = System.nanoTime();
      try {
        filed = fileBatch(journal, now);
        failures = 0;
      } catch (VirtualMachineError e) {
        throw e;
      } catch (RuntimeException | Error e) {
        failures++;
        Duration pause = retryDelay(failures);
        LOG.log(
            Level.SEVERE,
            "Filing inbound SMS failed; the journal keeps them, trying again in " + pause,
            e);
        // Not cut short by new SMS: they would only fail the same way.
        await(pause, false);
        continue;
      }
      if (filed < batchSize) {
        holdingSince = null; // the journal was emptied (of what is due)
      } else if (!busy && !helpers.isEmpty()) {
        callHelpers();
      }
      // Only an idle look is cut short by new SMS; gathering lets them come.
      Duration pause = pauseAfter(filed);
      if (busy && filed == batchSize && takesTurns(holdingSince, now)) {
        // The link is still saturated: it gets as much of the machine as this batch took.
        pause = Duration.ofNanos(System.nanoTime() - batchStart);
      }
      await(pause, filed == 0);
    }
  }

  /**
   * A helper: files beside the first filer while a backlog is left and the link is calm, and sleeps
   * otherwise. After a burst the journal holds up to a burst's worth of SMS, and one filer alone
   * used about one of the machine's cores: its round trips to the database leave the rest idle
   * (measured on a 2-core machine: a 60 s burst's backlog filed at a core's worth of CPU). Never
   * while the link is saturated, whose acknowledgements come first; nor at an ordinary pace, where
   * the first filer takes everything and a second would only look in vain. It reads the journal
   * with a place of its own, skipping what the first holds and holding back a customer's later SMS
   * while an earlier one is being filed there, so one customer's SMS keep their order.
   */
  private void help(InboundJournal reader) {
    while (!closed) {
      synchronized (backlog) {
        while (!behind && !closed) {
          try {
            backlog.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        behind = false;
      }
      try {
        while (!closed
            && !carrierBusy.getAsBoolean()
            && fileBatch(reader, clock.instant()) == batchSize) {
          // on while the batches come full
        }
      } catch (VirtualMachineError e) {
        throw e;
      } catch (RuntimeException | Error e) {
        // The first filer meets the same failure, says so and tries again; nothing is lost.
        LOG.log(Level.WARNING, "A helper of the inbound filer stops until the next backlog", e);
      }
    }
  }

  private void callHelpers() {
    synchronized (backlog) {
      behind = true;
      backlog.notifyAll();
    }
  }

  /**
   * Whether filing holds back for the saturated link: for at most {@link #MOST_BEHIND} after it
   * began to at {@code holdingSince} (null: it has not).
   */
  static boolean holdsBack(Instant holdingSince, Instant now) {
    return holdingSince != null && holdingSince.isAfter(now.minus(MOST_BEHIND));
  }

  /**
   * Whether filing takes turns with the saturated link (a batch, then a pause as long as the batch
   * took): after holding back, for at most {@link #TAKING_TURNS}; then at full speed.
   */
  static boolean takesTurns(Instant holdingSince, Instant now) {
    return holdingSince != null && holdingSince.isAfter(now.minus(MOST_BEHIND.plus(TAKING_TURNS)));
  }

  /**
   * How long to wait before the next batch: after none, until woken or the next look; after one
   * that was not full, {@link #GATHER}; after a full one, not at all.
   */
  Duration pauseAfter(int filed) {
    if (filed == 0) {
      return IDLE_LOOK;
    }
    return filed < batchSize ? GATHER : Duration.ZERO;
  }

  /**
   * Waits for {@code time}, or until closing; a wake-up (new SMS committed) ends it early only when
   * {@code wakeable}. A wake-up before the wait counts too, so none is missed.
   */
  private void await(Duration time, boolean wakeable) {
    long until = System.nanoTime() + time.toNanos();
    synchronized (signal) {
      for (long left = time.toNanos();
          left > 0 && !closed && !(wakeable && woken);
          left = until - System.nanoTime()) {
        try {
          signal.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          LOG.warning(
              "The inbound filer was interrupted and stops; the journal keeps what is left");
          Thread.currentThread().interrupt();
          closed = true;
        }
      }
      if (wakeable) {
        woken = false;
      }
    }
  }

  /**
   * Ends filing after the batch under way; what is left stays in the journal for the next start.
   */
  @Override
  public void close() {
    closed = true;
    wake();
    synchronized (backlog) {
      backlog.notifyAll();
    }
    List<Thread> running;
    synchronized (this) {
      running = List.copyOf(threads);
      if (lookAtWaiting != null) {
        lookAtWaiting.shutdownNow();
      }
    }
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    for (Thread t : running) {
      try {
        t.join(Math.max(1, (until - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
