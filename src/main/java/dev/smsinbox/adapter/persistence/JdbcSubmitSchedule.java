package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.application.port.SubmitSchedule;

/**
 * The shared submit schedule in submit_schedule, one row per carrier account: a token bucket of one
 * slot per interval, read with its row locked and moved on in the same transaction, so two
 * instances asking at once get two different slots one interval apart.
 */
public class JdbcSubmitSchedule implements SubmitSchedule {

  private final JdbcUnitOfWork unitOfWork;
  private final Sql sql;

  public JdbcSubmitSchedule(JdbcUnitOfWork unitOfWork) {
    this.unitOfWork = unitOfWork;
    this.sql = new Sql(unitOfWork);
  }

  @Override
  public long take(String carrierAccount, long nowMicros, long intervalMicros, long maxLagMicros) {
    return unitOfWork.inTransaction(
        () -> {
          Long next =
              sql.one(
                      "select next_slot_micros from submit_schedule where carrier_account = ?"
                          + " for update",
                      rs -> rs.getLong(1),
                      carrierAccount)
                  .orElse(null);
          if (next == null) {
            // The account's first submit: of two instances racing to create the row one wins;
            // the other locks the winner's row.
            if (sql.insertUnlessPresent(
                "insert into submit_schedule (carrier_account, next_slot_micros) values (?, ?)",
                carrierAccount,
                nowMicros + intervalMicros)) {
              return nowMicros;
            }
            next =
                sql.one(
                        "select next_slot_micros from submit_schedule where carrier_account = ?"
                            + " for update",
                        rs -> rs.getLong(1),
                        carrierAccount)
                    .orElseThrow();
          }
          // A little late keeps the schedule (the rate holds over time); further behind, an idle
          // account banks no burst: the schedule restarts now.
          long slot = nowMicros - next > maxLagMicros ? nowMicros : next;
          sql.update(
              "update submit_schedule set next_slot_micros = ? where carrier_account = ?",
              slot + intervalMicros,
              carrierAccount);
          return slot;
        });
  }
}
