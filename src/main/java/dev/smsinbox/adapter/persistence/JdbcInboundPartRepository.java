package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.domain.InboundPartRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

public class JdbcInboundPartRepository implements InboundPartRepository {

  private static final String KEY =
      " where source_number = ? and dest_number = ? and reference = ? and total = ?";

  private final Sql sql;

  public JdbcInboundPartRepository(JdbcUnitOfWork unitOfWork) {
    this.sql = new Sql(unitOfWork);
  }

  @Override
  public void save(WaitingPart part) {
    boolean exists =
        sql.one(
                "select 1 from inbound_part" + KEY + " and sequence = ?",
                rs -> 1,
                part.from(),
                part.to(),
                part.reference(),
                part.total(),
                part.sequence())
            .isPresent();
    if (!exists) {
      sql.update(
          "insert into inbound_part (source_number, dest_number, reference, total, sequence,"
              + " body, encoding, received_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
          part.from(),
          part.to(),
          part.reference(),
          part.total(),
          part.sequence(),
          part.text(),
          part.encoding(),
          part.receivedAt());
    }
  }

  @Override
  public List<WaitingPart> set(String from, String to, int reference, int total) {
    return sql.query(
        "select * from inbound_part" + KEY + " order by sequence",
        JdbcInboundPartRepository::map,
        from,
        to,
        reference,
        total);
  }

  @Override
  public void deleteSet(String from, String to, int reference, int total) {
    sql.update("delete from inbound_part" + KEY, from, to, reference, total);
  }

  @Override
  public List<WaitingPart> staleSets(Instant before, int limit) {
    return sql.query(
        "select source_number, dest_number, reference, total, min(received_at) as first_at"
            + " from inbound_part group by source_number, dest_number, reference, total"
            + " having min(received_at) < ? order by first_at fetch first ? rows only",
        rs ->
            new WaitingPart(
                rs.getString("source_number"),
                rs.getString("dest_number"),
                rs.getInt("reference"),
                rs.getInt("total"),
                0,
                null,
                null,
                Sql.instant(rs, "first_at")),
        before,
        limit);
  }

  private static WaitingPart map(ResultSet rs) throws SQLException {
    return new WaitingPart(
        rs.getString("source_number"),
        rs.getString("dest_number"),
        rs.getInt("reference"),
        rs.getInt("total"),
        rs.getInt("sequence"),
        rs.getString("body"),
        rs.getString("encoding"),
        Sql.instant(rs, "received_at"));
  }
}
