package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.domain.CreditEntry;
import dev.smsinbox.domain.CreditLedger;
import java.time.Instant;
import java.util.List;

public class JdbcCreditLedger implements CreditLedger {

  private final Sql sql;

  public JdbcCreditLedger(JdbcUnitOfWork unitOfWork) {
    this.sql = new Sql(unitOfWork);
  }

  @Override
  public long balance() {
    return sql.one("select balance from credit_account where id = 1", rs -> rs.getLong(1))
        .orElse(0L);
  }

  @Override
  public boolean debit(long amount, String reason, Long messageId, Instant at) {
    // The condition and the change are one statement: concurrent sends cannot overspend.
    int changed =
        sql.update(
            "update credit_account set balance = balance - ? where id = 1 and balance >= ?",
            amount,
            amount);
    if (changed == 0) {
      return false;
    }
    record(-amount, reason, messageId, at);
    return true;
  }

  @Override
  public void credit(long amount, String reason, Long messageId, Instant at) {
    sql.update("update credit_account set balance = balance + ? where id = 1", amount);
    record(amount, reason, messageId, at);
  }

  private void record(long delta, String reason, Long messageId, Instant at) {
    sql.insert(
        "insert into credit_entry (delta, balance_after, reason, message_id, created_at)"
            + " values (?, ?, ?, ?, ?)",
        delta,
        balance(),
        reason,
        messageId,
        at);
  }

  @Override
  public List<CreditEntry> recent(int limit) {
    return sql.query(
        "select id, delta, balance_after, reason, message_id, created_at from credit_entry"
            + " order by id desc fetch first ? rows only",
        rs -> {
          Long message = Sql.nullableLong(rs, "message_id");
          return new CreditEntry(
              rs.getLong("id"),
              rs.getLong("delta"),
              rs.getLong("balance_after"),
              rs.getString("reason"),
              message,
              Sql.instant(rs, "created_at"));
        },
        limit);
  }
}
