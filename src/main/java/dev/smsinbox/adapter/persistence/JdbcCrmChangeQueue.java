package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.application.port.CrmChangeQueue;
import dev.smsinbox.domain.crm.Consent;
import java.time.Instant;
import java.util.List;

/** The CRM change queue in {@code crm_change_queue} (V21_1, automation_id V31). */
public class JdbcCrmChangeQueue implements CrmChangeQueue {

  private final Sql sql;

  public JdbcCrmChangeQueue(JdbcUnitOfWork unitOfWork) {
    this.sql = new Sql(unitOfWork);
  }

  @Override
  public void add(
      String accountId, long contactId, Kind kind, Long automationId, Consent consent, Instant at) {
    sql.update(
        "insert into crm_change_queue (tenant_id, contact_id, kind, automation_id, consent_at,"
            + " consent_by, consent_source, queued_at, next_attempt_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        accountId,
        contactId,
        kind.name(),
        automationId,
        consent.at(),
        consent.by(),
        consent.source(),
        at,
        at);
  }

  @Override
  public List<Change> due(Instant now, int max) {
    return sql.query(
        "select q.id, q.tenant_id, q.contact_id, q.kind, q.automation_id, q.consent_at, q.consent_by, q.consent_source,"
            + " q.attempts from crm_change_queue q"
            + " where q.dead_at is null and q.next_attempt_at <= ?"
            + " and not exists (select 1 from crm_change_queue e where e.contact_id = q.contact_id"
            + " and e.id < q.id and e.dead_at is null)"
            + " order by q.id fetch first "
            + max
            + " rows only",
        rs ->
            new Change(
                rs.getLong("id"),
                rs.getString("tenant_id"),
                rs.getLong("contact_id"),
                Kind.valueOf(rs.getString("kind")),
                Sql.nullableLong(rs, "automation_id"),
                new Consent(
                    Sql.instant(rs, "consent_at"),
                    rs.getString("consent_by"),
                    rs.getString("consent_source")),
                rs.getInt("attempts")),
        now);
  }

  @Override
  public void done(long id) {
    sql.update("delete from crm_change_queue where id = ?", id);
  }

  @Override
  public void retryAt(long id, Instant at, String error) {
    sql.update(
        "update crm_change_queue set attempts = attempts + 1, next_attempt_at = ?, last_error = ?"
            + " where id = ?",
        at,
        clip(error),
        id);
  }

  @Override
  public void dead(long id, Instant at, String error) {
    sql.update(
        "update crm_change_queue set attempts = attempts + 1, dead_at = ?, last_error = ?"
            + " where id = ?",
        at,
        clip(error),
        id);
  }

  private static String clip(String error) {
    return error == null || error.length() <= 1000 ? error : error.substring(0, 999) + "…";
  }
}
