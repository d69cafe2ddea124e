package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.domain.Actor;
import dev.smsinbox.domain.ConversationStatus;
import dev.smsinbox.domain.Note;
import dev.smsinbox.domain.TeamRepository;
import dev.smsinbox.domain.TeamState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The team inbox in conversation's status, snoozed_until and assignee_id columns, table
 * account_admin (the admins as last seen) and table conversation_note (V22).
 */
public class JdbcTeamRepository implements TeamRepository {

  private final Sql sql;

  public JdbcTeamRepository(JdbcUnitOfWork unitOfWork) {
    this.sql = new Sql(unitOfWork);
  }

  /** Reads columns status, snoozed_until, assignee_id and assignee_name of a row. */
  static TeamState state(ResultSet rs) throws SQLException {
    String assigneeId = rs.getString("assignee_id");
    String name = rs.getString("assignee_name");
    return new TeamState(
        ConversationStatus.valueOf(rs.getString("status")),
        Sql.instant(rs, "snoozed_until"),
        assigneeId == null ? null : new Actor(assigneeId, name == null ? assigneeId : name));
  }

  @Override
  public void seen(String accountId, Actor admin, Instant at) {
    // Written when the name changed or at most once an hour, so acting is not a write each time.
    int updated =
        sql.update(
            "update account_admin set name = ?, seen_at = ? where tenant_id = ? and admin_id = ?"
                + " and (name <> ? or seen_at < ?)",
            admin.name(),
            at,
            accountId,
            admin.id(),
            admin.name(),
            at.minusSeconds(3600));
    if (updated == 0) {
      sql.insertUnlessPresent(
          "insert into account_admin (tenant_id, admin_id, name, seen_at) values (?, ?, ?, ?)",
          accountId,
          admin.id(),
          admin.name(),
          at);
    }
  }

  @Override
  public List<Actor> admins(String accountId) {
    return sql.query(
        "select admin_id, name from account_admin where tenant_id = ? order by name, admin_id",
        rs -> new Actor(rs.getString(1), rs.getString(2)),
        accountId);
  }

  @Override
  public Optional<Actor> admin(String accountId, String adminId) {
    return sql.one(
        "select admin_id, name from account_admin where tenant_id = ? and admin_id = ?",
        rs -> new Actor(rs.getString(1), rs.getString(2)),
        accountId,
        adminId);
  }

  @Override
  public Optional<TeamState> state(String accountId, long conversationId) {
    return sql.one(
        "select c.status, c.snoozed_until, c.assignee_id, aa.name as assignee_name"
            + " from conversation c left join account_admin aa on aa.tenant_id = c.tenant_id"
            + " and aa.admin_id = c.assignee_id where c.id = ? and c.tenant_id = ?",
        JdbcTeamRepository::state,
        conversationId,
        accountId);
  }

  @Override
  public void setStatus(long conversationId, ConversationStatus status, Instant snoozedUntil) {
    sql.update(
        // A resolved conversation waits for no answer any more (the reports' first response).
        "update conversation set status = ?, snoozed_until = ?, awaiting_since = case when ?"
            + " then null else awaiting_since end where id = ?",
        status.name(),
        status == ConversationStatus.SNOOZED ? snoozedUntil : null,
        status == ConversationStatus.RESOLVED,
        conversationId);
  }

  @Override
  public void assign(long conversationId, String assigneeId) {
    sql.update("update conversation set assignee_id = ? where id = ?", assigneeId, conversationId);
  }

  @Override
  public List<Woken> wakeSnoozed(Instant now, int limit) {
    List<Woken> due =
        sql.query(
            "select id, tenant_id from conversation where status = 'SNOOZED'"
                + " and snoozed_until <= ? order by id fetch first ? rows only for update",
            rs -> new Woken(rs.getString("tenant_id"), rs.getLong("id")),
            now,
            limit);
    for (Woken w : due) {
      // Only if still due: a snooze moved later meanwhile stays.
      sql.update(
          "update conversation set status = 'OPEN', snoozed_until = null"
              + " where id = ? and status = 'SNOOZED' and snoozed_until <= ?",
          w.conversationId(),
          now);
    }
    return due;
  }

  @Override
  public Note addNote(
      String accountId, long conversationId, Actor author, String text, Instant at) {
    long id =
        sql.insert(
            "insert into conversation_note (tenant_id, conversation_id, body, at, author_id,"
                + " author_name) values (?, ?, ?, ?, ?, ?)",
            accountId,
            conversationId,
            text,
            at,
            author.id(),
            author.name());
    return new Note(id, conversationId, Note.NOTE, text, at, author);
  }

  @Override
  public List<Note> notes(long conversationId) {
    return sql.query(
        "select id, body, at, author_id, author_name from conversation_note"
            + " where conversation_id = ? order by id",
        rs ->
            new Note(
                rs.getLong("id"),
                conversationId,
                Note.NOTE,
                rs.getString("body"),
                Sql.instant(rs, "at"),
                new Actor(rs.getString("author_id"), rs.getString("author_name"))),
        conversationId);
  }
}
