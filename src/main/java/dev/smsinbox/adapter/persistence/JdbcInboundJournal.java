package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.application.inbound.InboundJournal;
import dev.smsinbox.application.inbound.InboundSms;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public class JdbcInboundJournal implements InboundJournal {

  private static final String SELECT =
      "select id, source_number, dest_number, body, segments, encoding, incomplete, received_at,"
          + " attempts from inbound_journal";

  private final JdbcUnitOfWork unitOfWork;
  private final Sql sql;
  private final Runnable onAppended;

  /**
   * @param onAppended told once a transaction that appended entries has committed (the filer)
   */
  public JdbcInboundJournal(JdbcUnitOfWork unitOfWork, Runnable onAppended) {
    this.unitOfWork = unitOfWork;
    this.sql = new Sql(unitOfWork);
    this.onAppended = onAppended;
  }

  @Override
  public void append(List<InboundSms> batch) {
    if (batch.isEmpty()) {
      return;
    }
    if (unitOfWork.postgres()) {
      // One statement: alone, a transaction that commits without a round trip of its own.
      unitOfWork.statement(connection -> appendAsArrays(connection, batch));
    } else {
      unitOfWork.run(() -> appendRowByRow(batch));
    }
    // Joined to the caller's transaction, after its commit; else now, the append has committed.
    unitOfWork.afterCommit(onAppended);
  }

  /**
   * PostgreSQL: the whole batch as one statement over arrays, a column each (what the carrier waits
   * for is this insert and the commit; one statement is planned and executed once, not once an
   * SMS).
   */
  private static int appendAsArrays(Connection connection, List<InboundSms> batch)
      throws SQLException {
    int n = batch.size();
    Object[] from = new Object[n];
    Object[] to = new Object[n];
    Object[] text = new Object[n];
    Object[] segments = new Object[n];
    Object[] encoding = new Object[n];
    Object[] incomplete = new Object[n];
    Object[] receivedAt = new Object[n];
    for (int i = 0; i < n; i++) {
      InboundSms sms = batch.get(i);
      from[i] = sms.from();
      to[i] = sms.to();
      text[i] = sms.text();
      segments[i] = sms.segments();
      encoding[i] = sms.encoding();
      incomplete[i] = sms.incomplete();
      receivedAt[i] = Sql.utc(sms.receivedAt()).toString();
    }
    try (PreparedStatement ps =
        connection.prepareStatement(
            "insert into inbound_journal (source_number, dest_number, body, segments, encoding,"
                + " incomplete, received_at) select f, t, b, s, e, i, r from unnest(?::varchar[],"
                + " ?::varchar[], ?::varchar[], ?::int4[], ?::varchar[], ?::bool[],"
                + " ?::timestamptz[]) with ordinality as u(f, t, b, s, e, i, r, n)"
                // Ids in the order the SMS arrived: the filer files by id.
                + " order by n")) {
      ps.setArray(1, connection.createArrayOf("varchar", from));
      ps.setArray(2, connection.createArrayOf("varchar", to));
      ps.setArray(3, connection.createArrayOf("varchar", text));
      ps.setArray(4, connection.createArrayOf("int4", segments));
      ps.setArray(5, connection.createArrayOf("varchar", encoding));
      ps.setArray(6, connection.createArrayOf("bool", incomplete));
      ps.setArray(7, connection.createArrayOf("timestamptz", receivedAt));
      return ps.executeUpdate();
    }
  }

  private void appendRowByRow(List<InboundSms> batch) {
    List<Object[]> rows = new ArrayList<>(batch.size());
    for (InboundSms sms : batch) {
      rows.add(
          new Object[] {
            sms.from(),
            sms.to(),
            sms.text(),
            sms.segments(),
            sms.encoding(),
            sms.incomplete(),
            sms.receivedAt()
          });
    }
    sql.batch(
        "insert into inbound_journal (source_number, dest_number, body, segments, encoding,"
            + " incomplete, received_at) values (?, ?, ?, ?, ?, ?, ?)",
        rows);
  }

  @Override
  public List<Entry> due(Instant now, int limit) {
    return sql.plannedForTodaysSizes(
        () ->
            sql.query(
                SELECT
                    + " where retry_at is null or retry_at <= ? order by id fetch first ? rows only"
                    + " for update",
                JdbcInboundJournal::map,
                now,
                limit));
  }

  @Override
  public Optional<Entry> lock(long id) {
    return sql.one(SELECT + " where id = ? for update", JdbcInboundJournal::map, id);
  }

  @Override
  public void remove(List<Long> ids) {
    if (!ids.isEmpty()) {
      sql.plannedForTodaysSizes(
          () ->
              sql.update(
                  "delete from inbound_journal where id = any(?)", sql.array("bigint", ids)));
    }
  }

  @Override
  public void postpone(long id, int attempts, Instant retryAt, String error) {
    sql.update(
        "update inbound_journal set attempts = ?, retry_at = ?, error = ? where id = ?",
        attempts,
        retryAt,
        error.length() > 500 ? error.substring(0, 500) : error,
        id);
  }

  @Override
  public long depth() {
    return sql.one("select count(*) from inbound_journal", rs -> rs.getLong(1)).orElse(0L);
  }

  private static Entry map(ResultSet rs) throws SQLException {
    return new Entry(
        rs.getLong("id"),
        new InboundSms(
            rs.getString("source_number"),
            rs.getString("dest_number"),
            rs.getString("body"),
            rs.getInt("segments"),
            rs.getString("encoding"),
            Sql.instant(rs, "received_at"),
            rs.getBoolean("incomplete")),
        rs.getInt("attempts"));
  }
}
