package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.domain.EarlyReceipts;
import dev.smsinbox.domain.MessageStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Parked receipts in early_receipt; the meeting lock on receipt_meeting_slot's rows (V18), taken in
 * ascending slot order so that two callers never wait for each other in a circle.
 */
public class JdbcEarlyReceipts implements EarlyReceipts {

  /** As many rows as V18 inserted. */
  static final int SLOTS = 256;

  private final Sql sql;

  public JdbcEarlyReceipts(JdbcUnitOfWork unitOfWork) {
    this.sql = new Sql(unitOfWork);
  }

  @Override
  public void meet(List<String> smscIdSpellings) {
    TreeSet<Integer> slots = new TreeSet<>();
    for (String id : smscIdSpellings) {
      slots.add(slot(id));
    }
    for (int slot : slots) {
      sql.one(
          "select slot from receipt_meeting_slot where slot = ? for update",
          rs -> rs.getInt(1),
          slot);
    }
  }

  static int slot(String smscId) {
    return Math.floorMod(smscId.hashCode(), SLOTS);
  }

  @Override
  public void keep(EarlyReceipt receipt, Instant at) {
    sql.insert(
        "insert into early_receipt (smsc_message_id, status, error, received_at) values (?, ?, ?, ?)",
        receipt.smscMessageId(),
        receipt.status(),
        receipt.error(),
        at);
  }

  @Override
  public Optional<EarlyReceipt> take(List<String> smscIdSpellings) {
    for (String id : smscIdSpellings) {
      Optional<long[]> row =
          sql.one(
              "select id from early_receipt where smsc_message_id = ? order by id desc"
                  + " fetch first 1 rows only",
              rs -> new long[] {rs.getLong(1)},
              id);
      if (row.isPresent()) {
        Optional<EarlyReceipt> receipt =
            sql.one(
                "select smsc_message_id, status, error from early_receipt where id = ?",
                rs ->
                    new EarlyReceipt(
                        rs.getString(1), MessageStatus.valueOf(rs.getString(2)), rs.getString(3)),
                row.get()[0]);
        sql.update("delete from early_receipt where smsc_message_id = ?", id);
        return receipt;
      }
    }
    return Optional.empty();
  }

  /**
   * Receipts nobody claimed (another system's submits, a submit whose answer was never recorded)
   * are not kept forever.
   */
  public int purgeBefore(Instant before) {
    return sql.update("delete from early_receipt where received_at < ?", before);
  }
}
