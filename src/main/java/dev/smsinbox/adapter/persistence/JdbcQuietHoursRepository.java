package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.domain.QuietHours;
import dev.smsinbox.domain.QuietHoursRepository;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Optional;

/** Quiet hours in table quiet_hours, one row per account that changed them (HH:mm local). */
public class JdbcQuietHoursRepository implements QuietHoursRepository {

  private final Sql sql;

  public JdbcQuietHoursRepository(JdbcUnitOfWork unitOfWork) {
    this.sql = new Sql(unitOfWork);
  }

  @Override
  public Optional<QuietHours> find(String accountId) {
    return sql.one(
        "select enabled, starts_at, ends_at from quiet_hours where tenant_id = ?",
        rs ->
            new QuietHours(
                rs.getBoolean("enabled"),
                LocalTime.parse(rs.getString("starts_at")),
                LocalTime.parse(rs.getString("ends_at"))),
        accountId);
  }

  @Override
  public void save(String accountId, QuietHours hours, Instant at) {
    int updated =
        sql.update(
            "update quiet_hours set enabled = ?, starts_at = ?, ends_at = ?, updated_at = ?"
                + " where tenant_id = ?",
            hours.enabled(),
            hours.start().toString(),
            hours.end().toString(),
            at,
            accountId);
    if (updated == 0) {
      sql.update(
          "insert into quiet_hours (tenant_id, enabled, starts_at, ends_at, updated_at)"
              + " values (?, ?, ?, ?, ?)",
          accountId,
          hours.enabled(),
          hours.start().toString(),
          hours.end().toString(),
          at);
    }
  }
}
