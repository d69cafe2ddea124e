package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.domain.EarlyReceipts;
import dev.smsinbox.domain.MessageStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public class JdbcEarlyReceipts implements EarlyReceipts {

  private final Sql sql;

  public JdbcEarlyReceipts(JdbcUnitOfWork unitOfWork) {
    this.sql = new Sql(unitOfWork);
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

  /** Receipts nobody claimed (another system's submits, a lost submit) are not kept forever. */
  public int purgeBefore(Instant before) {
    return sql.update("delete from early_receipt where received_at < ?", before);
  }
}
