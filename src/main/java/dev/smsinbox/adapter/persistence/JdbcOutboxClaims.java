package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.application.port.OutboxClaims;
import java.time.Instant;

/**
 * Conversation claims in outbox_claim: a conditional update takes a free, run-out or own claim (the
 * row lock serialises two instances racing for it); the first claim of a conversation inserts its
 * row, and of two inserts racing the unique key lets one win.
 */
public class JdbcOutboxClaims implements OutboxClaims {

  private final JdbcUnitOfWork unitOfWork;
  private final Sql sql;

  public JdbcOutboxClaims(JdbcUnitOfWork unitOfWork) {
    this.unitOfWork = unitOfWork;
    this.sql = new Sql(unitOfWork);
  }

  @Override
  public boolean claim(long conversationId, String instance, Instant now, Instant until) {
    return unitOfWork.inTransaction(
        () ->
            sql.update(
                        "update outbox_claim set claimed_by = ?, claimed_until = ?"
                            + " where conversation_id = ? and (claimed_by = ? or claimed_until <= ?)",
                        instance,
                        until,
                        conversationId,
                        instance,
                        now)
                    == 1
                || sql.insertUnlessPresent(
                    "insert into outbox_claim (conversation_id, claimed_by, claimed_until)"
                        + " values (?, ?, ?)",
                    conversationId,
                    instance,
                    until));
  }

  @Override
  public void release(long conversationId, String instance) {
    unitOfWork.run(
        () ->
            sql.update(
                "delete from outbox_claim where conversation_id = ? and claimed_by = ?",
                conversationId,
                instance));
  }
}
