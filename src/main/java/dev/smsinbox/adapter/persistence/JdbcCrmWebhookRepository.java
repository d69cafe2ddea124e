package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.domain.crm.CrmWebhookRepository;
import java.time.Instant;
import java.util.Optional;

/** Tables crm_webhook_token and crm_webhook_receipt (V30). */
public class JdbcCrmWebhookRepository implements CrmWebhookRepository {

  private final Sql sql;

  public JdbcCrmWebhookRepository(JdbcUnitOfWork unitOfWork) {
    this.sql = new Sql(unitOfWork);
  }

  @Override
  public Optional<String> tokenOf(String accountId) {
    return sql.one(
        "select token from crm_webhook_token where tenant_id = ?",
        rs -> rs.getString(1),
        accountId);
  }

  @Override
  public void saveToken(String accountId, String token, Instant at) {
    int updated =
        sql.update(
            "update crm_webhook_token set token = ?, created_at = ? where tenant_id = ?",
            token,
            at,
            accountId);
    if (updated == 0) {
      sql.update(
          "insert into crm_webhook_token (tenant_id, token, created_at) values (?, ?, ?)",
          accountId,
          token,
          at);
    }
  }

  @Override
  public String tokenOrNew(String accountId, String token, Instant at) {
    sql.insertUnlessPresent(
        "insert into crm_webhook_token (tenant_id, token, created_at) values (?, ?, ?)",
        accountId,
        token,
        at);
    return tokenOf(accountId).orElseThrow();
  }

  @Override
  public Optional<String> accountOf(String token) {
    return sql.one(
        "select tenant_id from crm_webhook_token where token = ?", rs -> rs.getString(1), token);
  }

  @Override
  public boolean firstReceipt(String accountId, String digest, Instant at) {
    return sql.insertUnlessPresent(
        "insert into crm_webhook_receipt (tenant_id, digest, received_at) values (?, ?, ?)",
        accountId,
        digest,
        at);
  }

  @Override
  public int forgetReceiptsBefore(String accountId, Instant before) {
    return sql.update(
        "delete from crm_webhook_receipt where tenant_id = ? and received_at < ?",
        accountId,
        before);
  }
}
