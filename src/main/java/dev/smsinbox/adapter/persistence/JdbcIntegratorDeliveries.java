package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.application.port.InboxEventLog.Position;
import dev.smsinbox.application.port.InboxEventLog.StoredEvent;
import dev.smsinbox.application.port.IntegratorDeliveries;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where each integrator route stands in the event log (its cursor), and what it finally refused
 * (its dead letters). Each call is its own transaction: delivery runs outside any request.
 */
public class JdbcIntegratorDeliveries implements IntegratorDeliveries {

  private final JdbcUnitOfWork unitOfWork;
  private final Sql sql;

  public JdbcIntegratorDeliveries(JdbcUnitOfWork unitOfWork) {
    this.unitOfWork = unitOfWork;
    this.sql = new Sql(unitOfWork);
  }

  /**
   * The route's cursor; a route seen for the first time starts at {@code startAt} (it hears what is
   * committed from then on, not the whole history). Instances that meet a new route at the same
   * moment agree on one row: the loser of the insert reads the winner's.
   */
  @Override
  public Position cursor(String routeId, Position startAt, Instant now) {
    return unitOfWork.inTransaction(
        () -> {
          Optional<Position> known = read(routeId);
          if (known.isPresent()) {
            return known.get();
          }
          if (sql.insertUnlessPresent(
              "insert into integrator_cursor (route_id, last_event_tx, last_event_id, updated_at)"
                  + " values (?, ?, ?, ?)",
              routeId,
              startAt.transaction(),
              startAt.id(),
              now)) {
            return startAt;
          }
          return read(routeId).orElseThrow();
        });
  }

  private Optional<Position> read(String routeId) {
    return sql.one(
        "select last_event_tx, last_event_id from integrator_cursor where route_id = ?",
        rs -> new Position(rs.getLong(1), rs.getLong(2)),
        routeId);
  }

  @Override
  public boolean advance(String routeId, String holder, Position settled, Instant now) {
    return unitOfWork.inTransaction(
            () ->
                sql.update(
                    "update integrator_cursor set last_event_tx = ?, last_event_id = ?,"
                        + " updated_at = ? where route_id = ? and lease_holder = ?",
                    settled.transaction(),
                    settled.id(),
                    now,
                    routeId,
                    holder))
        == 1;
  }

  @Override
  public boolean lease(String routeId, String holder, Instant now, Instant until) {
    return unitOfWork.inTransaction(
            () ->
                sql.update(
                    "update integrator_cursor set lease_holder = ?, lease_until = ?"
                        + " where route_id = ? and (lease_holder = ? or lease_holder is null"
                        + " or lease_until is null or lease_until < ?)",
                    holder,
                    until,
                    routeId,
                    holder,
                    now))
        == 1;
  }

  @Override
  public void release(String routeId, String holder) {
    unitOfWork.run(
        () ->
            sql.update(
                "update integrator_cursor set lease_holder = null, lease_until = null"
                    + " where route_id = ? and lease_holder = ?",
                routeId,
                holder));
  }

  /** Events of the given types after {@code after}, in the event log's order. */
  @Override
  public List<StoredEvent> after(Position after, Collection<String> types, int limit) {
    if (types.isEmpty()) {
      return List.of();
    }
    return unitOfWork.inTransaction(
        () -> EventLogReads.after(sql, unitOfWork.postgres(), after, types, limit));
  }

  @Override
  public void deadLetter(
      String routeId, StoredEvent event, String error, int attempts, Instant failedAt) {
    String shortError = error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
    // Only while the event is still there: a contact deleted while a route retried its event
    // took the event along (ContactTraces), and its text must not come back as a dead letter.
    unitOfWork.run(
        () ->
            sql.update(
                "insert into integrator_dead_letter (route_id, event_id, event_type, payload,"
                    + " error, attempts, failed_at) select ?, e.id, ?, ?, ?, ?, ?"
                    + " from inbox_event e where e.id = ?",
                routeId,
                event.type(),
                event.payload(),
                shortError,
                attempts,
                failedAt,
                event.id()));
  }

  /** The newest dead letters, for one route or all ({@code routeId} null). */
  @Override
  public List<DeadLetter> deadLetters(String routeId, int limit) {
    return unitOfWork.inTransaction(
        () ->
            sql.query(
                "select id, route_id, event_id, event_type, payload, error, attempts, failed_at"
                    + " from integrator_dead_letter"
                    + (routeId == null ? " where ? = ''" : " where route_id = ?")
                    + " order by id desc fetch first ? rows only",
                rs ->
                    new DeadLetter(
                        rs.getLong("id"),
                        rs.getString("route_id"),
                        rs.getLong("event_id"),
                        rs.getString("event_type"),
                        rs.getString("payload"),
                        rs.getString("error"),
                        rs.getInt("attempts"),
                        Sql.instant(rs, "failed_at")),
                routeId == null ? "" : routeId,
                limit));
  }

  @Override
  public void recordHookAnswer(HookAnswer answer, Instant at) {
    // Only while the message is still there (its contact may have been deleted meanwhile).
    unitOfWork.run(
        () ->
            sql.update(
                "insert into integrator_hook_answer (route_id, event_id, message_id, tag, reply,"
                    + " drop_reason, answered_at) select ?, ?, m.id, ?, ?, ?, ?"
                    + " from message m where m.id = ?",
                answer.routeId(),
                answer.eventId(),
                cut(answer.tag(), 100),
                cut(answer.reply(), 2000),
                cut(answer.drop(), 500),
                at,
                answer.messageId()));
  }

  /** Hook answers about one message, oldest first. */
  @Override
  public List<HookAnswer> hookAnswers(long messageId) {
    return unitOfWork.inTransaction(
        () ->
            sql.query(
                "select route_id, event_id, message_id, tag, reply, drop_reason"
                    + " from integrator_hook_answer where message_id = ? order by id",
                rs ->
                    new HookAnswer(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6)),
                messageId));
  }

  private static String cut(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
