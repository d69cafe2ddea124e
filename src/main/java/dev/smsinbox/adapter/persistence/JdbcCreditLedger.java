package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.domain.CreditEntry;
import dev.smsinbox.domain.CreditLedger;
import java.time.Instant;
import java.util.List;

public class JdbcCreditLedger implements CreditLedger {

  private final Sql sql;
  private final JdbcReportTally tally;

  public JdbcCreditLedger(JdbcUnitOfWork unitOfWork) {
    this.sql = new Sql(unitOfWork);
    this.tally = new JdbcReportTally(unitOfWork);
  }

  @Override
  public long balance(String accountId) {
    return sql.one(
            "select balance from credit_balance where tenant_id = ?",
            rs -> rs.getLong(1),
            accountId)
        .orElse(0L);
  }

  @Override
  public boolean debit(String accountId, long amount, String reason, Long messageId, Instant at) {
    // The condition and the change are one statement: concurrent sends cannot overspend.
    int changed =
        sql.update(
            "update credit_balance set balance = balance - ? where tenant_id = ? and balance >= ?",
            amount,
            accountId,
            amount);
    if (changed == 0) {
      return false;
    }
    record(accountId, -amount, reason, messageId, at);
    return true;
  }

  @Override
  public void credit(String accountId, long amount, String reason, Long messageId, Instant at) {
    int changed =
        sql.update(
            "update credit_balance set balance = balance + ? where tenant_id = ?",
            amount,
            accountId);
    if (changed == 0) {
      // An account's first credits. Two first top-ups at once: the second insert fails on the
      // key and its request is answered with a storage error, to be tried again.
      sql.update(
          "insert into credit_balance (tenant_id, balance) values (?, ?)", accountId, amount);
    }
    record(accountId, amount, reason, messageId, at);
  }

  private void record(String accountId, long delta, String reason, Long messageId, Instant at) {
    sql.insert(
        "insert into credit_entry (tenant_id, delta, balance_after, reason, message_id,"
            + " created_at) values (?, ?, ?, ?, ?, ?)",
        accountId,
        delta,
        balance(accountId),
        reason,
        messageId,
        at);
    if (messageId != null) {
      // Credits spent on a message (a refund counts back), for the reports (V28).
      tally.countForMessage(messageId, at, "credits", "", -delta);
    }
  }

  @Override
  public List<CreditEntry> recent(String accountId, int limit) {
    return sql.query(
        "select id, delta, balance_after, reason, message_id, created_at from credit_entry"
            + " where tenant_id = ? order by id desc fetch first ? rows only",
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
        accountId,
        limit);
  }
}
