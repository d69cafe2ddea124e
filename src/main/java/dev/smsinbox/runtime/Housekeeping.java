package dev.smsinbox.runtime;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.persistence.JdbcClusterLease;
import dev.smsinbox.adapter.persistence.JdbcEarlyReceipts;
import dev.smsinbox.adapter.persistence.JdbcIdempotencyKeys;
import dev.smsinbox.adapter.persistence.JdbcInboxEvents;
import dev.smsinbox.application.inbound.ReassembleSms;
import dev.smsinbox.application.port.InboxTelemetry;
import dev.smsinbox.support.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The inbox's periodic chores: keeps the tables that only grow from growing without bound (live
 * events older than the retention, once every integrator route has read them, parked receipts that
 * found no part within SMPP_RECEIPT_PARK_MAX_AGE (counted) and idempotency keys past their 24
 * hours; hourly) and files concatenated SMS whose parts stopped coming (every minute, or more often
 * for a reassembly timeout under four minutes). A chore that fails is logged and runs again at its
 * next time.
 *
 * <p>Once per cluster (issue 19): of several instances on one database, the chores run on the one
 * holding the housekeeping lease (cluster_lease), renewed every {@link #RENEW_EVERY}; when its
 * holder stops renewing (it died), another instance takes it over after {@link #LEASE}.
 */
final class Housekeeping implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());

  private final JdbcUnitOfWork unitOfWork;
  private final JdbcInboxEvents events;
  private final JdbcEarlyReceipts earlyReceipts;
  private final JdbcIdempotencyKeys idempotencyKeys;
  private final Duration eventRetention;
  private final Duration receiptParkMaxAge;
  private final InboxTelemetry telemetry;
  private final Clock clock;
  private final JdbcClusterLease lease;
  private final String instance;

  /**
   * How long the lease lasts without renewal: how long the chores may pause when its holder dies.
   */
  static final Duration LEASE = Duration.ofSeconds(15);

  static final Duration RENEW_EVERY = Duration.ofSeconds(5);

  Housekeeping(
      JdbcUnitOfWork unitOfWork,
      JdbcInboxEvents events,
      JdbcIdempotencyKeys idempotencyKeys,
      Duration eventRetention,
      Duration receiptParkMaxAge,
      InboxTelemetry telemetry,
      Clock clock,
      String instance) {
    this.unitOfWork = unitOfWork;
    this.events = events;
    this.earlyReceipts = new JdbcEarlyReceipts(unitOfWork);
    this.idempotencyKeys = idempotencyKeys;
    this.eventRetention = eventRetention;
    this.receiptParkMaxAge = receiptParkMaxAge;
    this.telemetry = telemetry;
    this.clock = clock;
    this.lease = new JdbcClusterLease(unitOfWork, "housekeeping");
    this.instance = instance;
  }

  private final ScheduledExecutorService timer = DaemonThreads.timer("sms-inbox-housekeeping");

  /**
   * Starts the chores; the reassembly timeout's first look comes a second after the start, the next
   * as often as the timeout asks (every minute for the default ten).
   */
  void start(ReassembleSms reassembly) {
    timer.scheduleWithFixedDelay(
        this::renewLease, 0, RENEW_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    every(Duration.ofSeconds(1), reassembly.lookEvery(), reassembly::fileIncompleteSets);
    every(Duration.ofMinutes(1), Duration.ofHours(1), this::run);
  }

  /**
   * Takes or renews the housekeeping lease: true when this instance holds it, so its chores are
   * this cluster's. Each chore asks just before it runs.
   */
  boolean leads() {
    Instant now = clock.instant();
    return lease.hold(instance, now, now.plus(LEASE));
  }

  private void renewLease() {
    try {
      leads();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Housekeeping could not renew its lease; it tries again", e);
    }
  }

  /**
   * Brings snoozed conversations whose time has come back as open, every 15 s, so the screens hear
   * of it (lists and reads already show them open from that moment).
   */
  void wakeSnoozed(dev.smsinbox.application.TeamInbox team) {
    every(Duration.ofSeconds(5), Duration.ofSeconds(15), team::wakeSnoozed);
  }

  /**
   * Folds the reports' counted facts into their tally every 10 s (issue 25), so a report reads few
   * rows; a report reads the facts not folded yet too, so nothing waits for this.
   */
  void foldReports(dev.smsinbox.application.reports.Reports reports) {
    every(Duration.ofSeconds(3), Duration.ofSeconds(10), reports::compact);
  }

  private void every(Duration first, Duration period, Runnable chore) {
    timer.scheduleAtFixedRate(
        () -> runIfLeading(chore), first.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Runs the chore if this instance holds the lease; another instance of the cluster does it
   * otherwise. A failure is logged: the chore runs again at its next time.
   *
   * @return whether it ran here
   */
  boolean runIfLeading(Runnable chore) {
    try {
      if (!leads()) {
        return false;
      }
      chore.run();
      return true;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Housekeeping failed; it runs again at its next time", e);
      return false;
    }
  }

  @Override
  public void close() {
    timer.shutdown();
    try {
      // Another instance takes the chores at once instead of after the lease runs out.
      lease.release(instance);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "The housekeeping lease is left to run out", e);
    }
  }

  void run() {
    int purgedEvents = events.purgeBefore(clock.instant().minus(eventRetention));
    int purgedReceipts =
        unitOfWork.inTransaction(
            () -> earlyReceipts.purgeBefore(clock.instant().minus(receiptParkMaxAge)));
    if (purgedReceipts > 0) {
      telemetry.parkedReceiptsExpired(purgedReceipts);
    }
    int purgedKeys = idempotencyKeys.purgeExpired();
    if (purgedEvents + purgedReceipts + purgedKeys > 0) {
      LOG.info(
          () ->
              "Housekeeping: "
                  + purgedEvents
                  + " old live event(s), "
                  + purgedReceipts
                  + " parked receipt(s) that found no part (sms_receipts_park_expired) and "
                  + purgedKeys
                  + " expired idempotency key(s) deleted");
    }
  }
}
