package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.domain.Actor;
import dev.smsinbox.domain.AuditEntry;
import dev.smsinbox.domain.AuditLog;
import java.time.Instant;
import java.util.List;

/** The audit in table audit_entry, read newest first through (tenant_id, id desc). */
public class JdbcAuditLog implements AuditLog {

  private final Sql sql;

  public JdbcAuditLog(JdbcUnitOfWork unitOfWork) {
    this.sql = new Sql(unitOfWork);
  }

  @Override
  public void record(
      String accountId,
      Actor actor,
      String action,
      Long contactId,
      Long conversationId,
      String detail,
      Instant at) {
    sql.update(
        "insert into audit_entry (tenant_id, at, actor_id, actor_name, action, contact_id,"
            + " conversation_id, detail) values (?, ?, ?, ?, ?, ?, ?, ?)",
        accountId,
        at,
        actor.id(),
        actor.name(),
        action,
        contactId,
        conversationId,
        detail.length() > 2000 ? detail.substring(0, 1999) + "…" : detail);
  }

  @Override
  public List<AuditEntry> page(String accountId, Long beforeId, int limit) {
    return sql.query(
        "select id, at, actor_id, actor_name, action, contact_id, conversation_id, detail"
            + " from audit_entry where tenant_id = ? and id < ? order by id desc"
            + " fetch first ? rows only",
        rs ->
            new AuditEntry(
                rs.getLong("id"),
                Sql.instant(rs, "at"),
                new Actor(rs.getString("actor_id"), rs.getString("actor_name")),
                rs.getString("action"),
                Sql.nullableLong(rs, "contact_id"),
                Sql.nullableLong(rs, "conversation_id"),
                rs.getString("detail")),
        accountId,
        beforeId == null ? Long.MAX_VALUE : beforeId,
        limit);
  }
}
