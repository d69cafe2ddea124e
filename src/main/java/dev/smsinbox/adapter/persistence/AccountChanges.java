package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.DatabaseNotices;
import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import java.time.Instant;
import java.util.List;

/**
 * The version of what an instance of the inbox may keep in memory about an account (its sender
 * numbers, its CRM settings and the connector made from them, its inbox settings and the AI
 * grounding index built from them), raised in the transaction that changes it (table
 * account_change). Several instances share the database: on PostgreSQL the change is also notified
 * ({@link DatabaseNotices#CHANGES}, payload {@code <kind>:<accountId>}) so the others drop what
 * they kept at once; {@link #since} lets each compare the recent versions now and again should a
 * notice be missed.
 */
public final class AccountChanges {

  /** The account's sender numbers (added, made dedicated or registered). */
  public static final String NUMBERS = "numbers";

  /** The account's CRM settings (its own connector). */
  public static final String CRM_SETTINGS = "crm-settings";

  /** The account's inbox settings (AI features, brand kit, FAQ and pages). */
  public static final String INBOX_SETTINGS = "inbox-settings";

  /** One row of account_change. */
  public record Change(String accountId, String kind, long version) {
    /** The payload of this change's notice. */
    public String notice() {
      return kind + ":" + accountId;
    }
  }

  private final JdbcUnitOfWork unitOfWork;
  private final Sql sql;

  public AccountChanges(JdbcUnitOfWork unitOfWork) {
    this.unitOfWork = unitOfWork;
    this.sql = new Sql(unitOfWork);
  }

  /** Records, in the current transaction, that the account's {@code kind} changed. */
  static void changed(
      JdbcUnitOfWork unitOfWork, Sql sql, String accountId, String kind, Instant at) {
    String update =
        "update account_change set version = version + 1, changed_at = ?"
            + " where tenant_id = ? and kind = ?";
    if (sql.update(update, at, accountId, kind) == 0
        && !sql.insertUnlessPresent(
            "insert into account_change (tenant_id, kind, version, changed_at)"
                + " values (?, ?, 1, ?)",
            accountId,
            kind,
            at)) {
      sql.update(update, at, accountId, kind); // another transaction inserted it meanwhile
    }
    if (unitOfWork.postgres()) {
      DatabaseNotices.notify(sql, DatabaseNotices.CHANGES, kind + ":" + accountId);
    }
  }

  /** The changes recorded at or after {@code since} (by the changing instance's clock). */
  public List<Change> since(Instant since) {
    return unitOfWork.inTransaction(
        () ->
            sql.query(
                "select tenant_id, kind, version from account_change where changed_at >= ?",
                rs -> new Change(rs.getString(1), rs.getString(2), rs.getLong(3)),
                since));
  }
}
