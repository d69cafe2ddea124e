package dev.smsinbox.runtime;

import dev.smsinbox.adapter.persistence.JdbcEarlyReceipts;
import dev.smsinbox.adapter.persistence.JdbcInboxEvents;
import dev.smsinbox.adapter.persistence.JdbcUnitOfWork;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Keeps the tables that only grow from growing without bound: live events older than the retention
 * (once every integrator route has read them) and receipts nobody claimed.
 */
final class Housekeeping {

  private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());

  private final JdbcUnitOfWork unitOfWork;
  private final JdbcInboxEvents events;
  private final JdbcEarlyReceipts earlyReceipts;
  private final Duration eventRetention;
  private final Duration receiptRetention;
  private final Clock clock;

  Housekeeping(
      JdbcUnitOfWork unitOfWork,
      JdbcInboxEvents events,
      Duration eventRetention,
      Duration receiptRetention,
      Clock clock) {
    this.unitOfWork = unitOfWork;
    this.events = events;
    this.earlyReceipts = new JdbcEarlyReceipts(unitOfWork);
    this.eventRetention = eventRetention;
    this.receiptRetention = receiptRetention;
    this.clock = clock;
  }

  void run() {
    int purgedEvents = events.purgeBefore(clock.instant().minus(eventRetention));
    int purgedReceipts =
        unitOfWork.inTransaction(
            () -> earlyReceipts.purgeBefore(clock.instant().minus(receiptRetention)));
    if (purgedEvents + purgedReceipts > 0) {
      LOG.info(
          () ->
              "Housekeeping: "
                  + purgedEvents
                  + " old live event(s) and "
                  + purgedReceipts
                  + " unclaimed receipt(s) deleted");
    }
  }
}
