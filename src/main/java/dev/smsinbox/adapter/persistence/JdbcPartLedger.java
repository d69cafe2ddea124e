package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.domain.MessageStatus;
import dev.smsinbox.domain.OutboundPart;
import dev.smsinbox.domain.PartLedger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outbound parts in message_part: one row per part submitted, QUEUED without an SMSC id until
 * the SMSC's answer is recorded.
 */
public class JdbcPartLedger implements PartLedger {

  private static final String SELECT =
      "select message_id, part_number, smsc_message_id, status, error from message_part";

  private final Sql sql;

  public JdbcPartLedger(JdbcUnitOfWork unitOfWork) {
    this.sql = new Sql(unitOfWork);
  }

  @Override
  public void recordSubmitting(long messageId, int partNumber, Instant at) {
    sql.update(
        "insert into message_part (message_id, part_number, status, status_at)"
            + " values (?, ?, 'QUEUED', ?)",
        messageId,
        partNumber,
        at);
  }

  @Override
  public void forgetSubmitting(long messageId, int partNumber) {
    sql.update(
        "delete from message_part where message_id = ? and part_number = ?"
            + " and status = 'QUEUED' and smsc_message_id is null",
        messageId,
        partNumber);
  }

  @Override
  public void recordPartSent(long messageId, int partNumber, String smscMessageId, Instant at) {
    int updated =
        sql.update(
            "update message_part set smsc_message_id = ?, status = 'SENT', status_at = ?"
                + " where message_id = ? and part_number = ? and smsc_message_id is null",
            smscMessageId,
            at,
            messageId,
            partNumber);
    if (updated == 0) {
      // A caller that did not record the submit first (none in the outbox; kept total).
      sql.update(
          "insert into message_part (message_id, part_number, smsc_message_id, status, status_at)"
              + " values (?, ?, ?, 'SENT', ?)",
          messageId,
          partNumber,
          smscMessageId,
          at);
    }
  }

  @Override
  public Optional<OutboundPart> findPartBySmscId(List<String> smscIdSpellings) {
    for (String id : smscIdSpellings) {
      Optional<OutboundPart> part =
          sql.one(
              SELECT
                  + " where smsc_message_id = ? order by message_id desc fetch first 1 rows only",
              JdbcPartLedger::map,
              id);
      if (part.isPresent()) {
        return part;
      }
    }
    return Optional.empty();
  }

  @Override
  public void updatePart(
      long messageId, int partNumber, MessageStatus status, String error, Instant at) {
    sql.update(
        "update message_part set status = ?, error = ?, status_at = ?"
            + " where message_id = ? and part_number = ?",
        status,
        error,
        at,
        messageId,
        partNumber);
  }

  @Override
  public List<OutboundPart> parts(long messageId) {
    return sql.query(
        SELECT + " where message_id = ? order by part_number", JdbcPartLedger::map, messageId);
  }

  private static OutboundPart map(ResultSet rs) throws SQLException {
    return new OutboundPart(
        rs.getLong("message_id"),
        rs.getInt("part_number"),
        rs.getString("smsc_message_id"),
        MessageStatus.valueOf(rs.getString("status")),
        rs.getString("error"));
  }
}
