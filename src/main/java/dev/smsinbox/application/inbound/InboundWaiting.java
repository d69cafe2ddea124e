package dev.smsinbox.application.inbound;

import dev.smsinbox.application.InboxEventPayloads.InboundWaitingCount;
import dev.smsinbox.application.port.InboxEvents;
import dev.smsinbox.application.port.UnitOfWork;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells an account's screens how many of its SMS the carrier has been answered for but that are not
 * in their conversations yet, while they have waited more than a moment: in a flood that saturates
 * the link, filing holds back for up to {@link InboundFiler#MOST_BEHIND}, and without a word the
 * inbox would look as if nothing came. Each instance counts what its own link acknowledged, per
 * account of the number texted, and looks every {@link #LOOK_EVERY} whether the journal still holds
 * it (filed by any instance's filer: the journal is shared). While an account has SMS that waited
 * longer than {@link #NOTICE_AFTER}, its screens get {@link InboxEvents#INBOUND_WAITING} each look
 * with the count, and once with none left. At an ordinary pace, an SMS is filed within milliseconds
 * and nothing is said; the journal is read at most once a look, and only while this instance has
 * SMS that may still wait.
 */
public final class InboundWaiting {

  private static final Logger LOG = Logger.getLogger(InboundWaiting.class.getName());

  /** How long an SMS waits to be filed before its account's screens are told. */
  public static final Duration NOTICE_AFTER = Duration.ofSeconds(3);

  /** How often the journal is looked at while SMS may wait. */
  public static final Duration LOOK_EVERY = Duration.ofSeconds(1);

  /**
   * The commits of one account's SMS within this long of each other are counted together: in a
   * flood a few hundred counts a minute rather than one a commit (about 11 SMS), and the count
   * still falls as filing goes on.
   */
  static final Duration COUNTED_TOGETHER = Duration.ofMillis(100);

  /** SMS of one account committed to the journal: how many, the first and the last received at. */
  private record Arrivals(
      String accountId, long count, Instant firstReceivedAt, Instant lastReceivedAt) {}

  private final UnitOfWork unitOfWork;
  private final InboundJournal journal;
  private final InboxEvents events;
  private final Clock clock;
  private final String instance;

  /** Oldest first. */
  private final Deque<Arrivals> arrivals = new ArrayDeque<>(); // guarded by this

  /** The accounts told that SMS wait, until they are told none do: only {@link #look} uses it. */
  private final Set<String> told = new HashSet<>();

  /**
   * @param instance this instance's name: each instance tells of what its own link acknowledged,
   *     and a screen adds up what the instances say
   */
  public InboundWaiting(
      UnitOfWork unitOfWork,
      InboundJournal journal,
      InboxEvents events,
      Clock clock,
      String instance) {
    this.unitOfWork = unitOfWork;
    this.journal = journal;
    this.events = events;
    this.clock = clock;
    this.instance = instance;
  }

  /** The journal has committed these SMS of the account (called once their commit is done). */
  synchronized void acknowledged(String accountId, int count, Instant lastReceivedAt) {
    Arrivals last = arrivals.peekLast();
    if (last != null
        && last.accountId().equals(accountId)
        && !lastReceivedAt.isBefore(last.lastReceivedAt())
        && lastReceivedAt.isBefore(last.firstReceivedAt().plus(COUNTED_TOGETHER))) {
      arrivals.pollLast();
      arrivals.addLast(
          new Arrivals(accountId, last.count() + count, last.firstReceivedAt(), lastReceivedAt));
    } else {
      arrivals.addLast(new Arrivals(accountId, count, lastReceivedAt, lastReceivedAt));
    }
  }

  /**
   * One look: forgets what has been filed, and tells each account with SMS waiting longer than
   * {@link #NOTICE_AFTER} how many (and those told before that none are left). A failure is logged
   * at FINE and the next look tries again: the database's being unreachable is the filer's to
   * report (it is, at SEVERE), and this is only what the screens are told meanwhile.
   */
  public void look() {
    try {
      lookNow();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Could not look at the SMS waiting to be filed", e);
    }
  }

  private void lookNow() {
    Instant now = clock.instant();
    Instant noticeBefore = now.minus(NOTICE_AFTER);
    synchronized (this) {
      Arrivals oldest = arrivals.peekFirst();
      // Nothing acknowledged has waited long enough to be worth a read of the journal.
      if (told.isEmpty() && (oldest == null || oldest.lastReceivedAt().isAfter(noticeBefore))) {
        return;
      }
    }
    Optional<Instant> head = unitOfWork.inTransaction(journal::oldestWaiting);
    Map<String, InboundWaitingCount> waiting = new LinkedHashMap<>();
    synchronized (this) {
      // The journal is filed oldest first: whatever was received before its oldest entry is filed.
      arrivals.removeIf(a -> head.isEmpty() || a.lastReceivedAt().isBefore(head.get()));
      for (Arrivals a : arrivals) {
        waiting.merge(
            a.accountId(),
            new InboundWaitingCount(instance, a.count(), a.firstReceivedAt()),
            (before, more) ->
                new InboundWaitingCount(
                    instance, before.waiting() + more.waiting(), before.since()));
      }
    }
    // An account is told once its oldest SMS has waited long enough, and then until none waits.
    waiting
        .entrySet()
        .removeIf(w -> w.getValue().since().isAfter(noticeBefore) && !told.contains(w.getKey()));
    List<String> cleared = new ArrayList<>();
    for (String account : told) {
      if (!waiting.containsKey(account)) {
        cleared.add(account);
      }
    }
    if (waiting.isEmpty() && cleared.isEmpty()) {
      return;
    }
    unitOfWork.run(
        () -> {
          waiting.forEach(
              (account, count) -> events.publish(account, InboxEvents.INBOUND_WAITING, count));
          for (String account : cleared) {
            events.publish(
                account, InboxEvents.INBOUND_WAITING, new InboundWaitingCount(instance, 0, null));
          }
        });
    told.removeAll(cleared);
    told.addAll(waiting.keySet());
  }
}
