package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.domain.OptOut;
import dev.smsinbox.domain.OptOutRepository;
import java.util.Optional;

public class JdbcOptOutRepository implements OptOutRepository {

  private final Sql sql;

  public JdbcOptOutRepository(JdbcUnitOfWork unitOfWork) {
    this.sql = new Sql(unitOfWork);
  }

  @Override
  public Optional<OptOut> find(String accountId, String e164) {
    return sql.one(
        "select phone, keyword, opted_out_at from opt_out where tenant_id = ? and phone = ?",
        rs ->
            new OptOut(
                rs.getString("phone"), rs.getString("keyword"), Sql.instant(rs, "opted_out_at")),
        accountId,
        e164);
  }

  @Override
  public boolean save(String accountId, OptOut optOut, Long messageId) {
    // The SMSC retries a deliver_sm it had no answer for, so a second STOP for the same number is
    // normal; the first opt-out stands (its date is what the admin is told).
    if (find(accountId, optOut.phone()).isPresent()) {
      return false;
    }
    sql.update(
        "insert into opt_out (tenant_id, phone, keyword, opted_out_at, message_id)"
            + " values (?, ?, ?, ?, ?)",
        accountId,
        optOut.phone(),
        optOut.keyword(),
        optOut.at(),
        messageId);
    return true;
  }

  @Override
  public boolean delete(String accountId, String e164) {
    return sql.update("delete from opt_out where tenant_id = ? and phone = ?", accountId, e164) > 0;
  }
}
