package dev.smsinbox.runtime;

import dev.smsinbox.adapter.jdbc.DatabaseNotices;
import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.persistence.AccountChanges;
import dev.smsinbox.adapter.persistence.AccountChanges.Change;
import dev.smsinbox.support.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Keeps the instances of the inbox that share one PostgreSQL database in step (issue 19), with the
 * database alone: the readers of the event log (live screens, integrators' routes) are woken by the
 * other instances' commits, and what an instance keeps in memory about an account is dropped when
 * another instance changes it.
 *
 * <p>Two paths, so a change is never missed: the notices of {@link DatabaseNotices} (at once), and
 * a poll of the account changes recorded lately ({@link AccountChanges}) every {@code
 * inbox.changes.poll-interval}, which covers a notice lost while the listening connection was down.
 * On H2 (a single instance) neither runs: each instance's own changes are applied where they are
 * made.
 */
final class ClusterSync implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(ClusterSync.class.getName());

  /**
   * How far back each poll looks beyond the previous one: a change becomes visible at its commit,
   * which may come a while after the time it was recorded with, on another instance's clock.
   */
  static final Duration LOOK_BACK = Duration.ofMinutes(2);

  private final DatabaseNotices notices;
  private final AccountChanges changes;
  private final Duration pollInterval;
  private final Clock clock;
  private final Map<String, List<Consumer<String>>> byKind = new ConcurrentHashMap<>();
  private final Map<String, Long> versions = new HashMap<>();
  private final ScheduledExecutorService poller = DaemonThreads.timer("sms-inbox-account-changes");
  private Instant lastPoll;

  ClusterSync(
      DataSource dataSource, JdbcUnitOfWork unitOfWork, Duration pollInterval, Clock clock) {
    this.notices = new DatabaseNotices(dataSource);
    this.changes = new AccountChanges(unitOfWork);
    this.pollInterval = pollInterval;
    this.clock = clock;
  }

  /** {@code dropped} is told the account whose {@code kind} changed on some instance. */
  ClusterSync onChange(String kind, Consumer<String> dropped) {
    byKind.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>()).add(dropped);
    return this;
  }

  /**
   * Starts listening and polling.
   *
   * @param eventsCommitted told when some instance committed inbox events
   */
  ClusterSync start(Runnable eventsCommitted) {
    notices.on(DatabaseNotices.EVENTS, payload -> eventsCommitted.run());
    notices.on(DatabaseNotices.CHANGES, this::noticed);
    notices.start();
    poll(); // the versions as they are now: nothing this instance holds yet is older
    poller.scheduleWithFixedDelay(
        this::poll, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info(
        () ->
            "Listening to the other instances of the inbox on this database (LISTEN/NOTIFY);"
                + " account changes also polled every "
                + pollInterval);
    return this;
  }

  private void noticed(String payload) {
    if (payload == null) {
      poller.execute(this::poll); // notices may have been missed: compare the versions now
      return;
    }
    int colon = payload.indexOf(':');
    if (colon > 0) {
      drop(payload.substring(0, colon), payload.substring(colon + 1));
    }
  }

  /** Compares the versions changed lately with those seen; drops what changed meanwhile. */
  private synchronized void poll() {
    try {
      Instant now = clock.instant();
      boolean first = lastPoll == null;
      Instant since = (first ? now : lastPoll).minus(LOOK_BACK);
      List<Change> recent = changes.since(since);
      lastPoll = now;
      Map<String, Long> seen = new HashMap<>();
      for (Change change : recent) {
        String key = change.notice();
        seen.put(key, change.version());
        Long known = versions.get(key);
        if (!first && (known == null || known != change.version())) {
          drop(change.kind(), change.accountId());
        }
      }
      // Only the recent ones are kept: an older row that changes again is new to the next poll.
      versions.clear();
      versions.putAll(seen);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not read the account changes; trying again", e);
    }
  }

  private void drop(String kind, String accountId) {
    for (Consumer<String> dropped : byKind.getOrDefault(kind, List.of())) {
      try {
        dropped.accept(accountId);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Could not apply a change of " + kind + " of " + accountId, e);
      }
    }
  }

  /** Whether the notices are heard now (else changes and events wait for the polls). */
  boolean listening() {
    return notices.listening();
  }

  @Override
  public void close() {
    poller.shutdown(); // no interrupt inside a JDBC call
    notices.close();
  }
}
