package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.domain.InboundPartRepository;
import dev.smsinbox.domain.UnreadableText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

public class JdbcInboundPartRepository implements InboundPartRepository {

  private static final String KEY =
      " where source_number = ? and dest_number = ? and reference = ? and total = ?";

  private static final String COLUMNS =
      "source_number, dest_number, reference, total, sequence, body, encoding, received_at,"
          + " data_coding, octets";

  private final Sql sql;

  public JdbcInboundPartRepository(JdbcUnitOfWork unitOfWork) {
    this.sql = new Sql(unitOfWork);
  }

  private record Existing(WaitingPart part, boolean filed) {}

  @Override
  public Saved save(WaitingPart part) {
    Optional<Existing> existing =
        sql.one(
            "select " + COLUMNS + ", filed_at from inbound_part" + KEY + " and sequence = ?",
            rs -> new Existing(map(rs), rs.getObject("filed_at") != null),
            part.from(),
            part.to(),
            part.reference(),
            part.total(),
            part.sequence());
    if (existing.isPresent()) {
      if (!existing.get().filed()) {
        return Saved.ALREADY_WAITING;
      }
      if (sameContent(existing.get().part(), part)) {
        return Saved.ALREADY_FILED;
      }
      // The sender reused the reference for a new message: the old set is done with.
      sql.update(
          "delete from inbound_part" + KEY + " and filed_at is not null",
          part.from(),
          part.to(),
          part.reference(),
          part.total());
    }
    UnreadableText unreadable = part.unreadable();
    sql.update(
        "insert into inbound_part (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        part.from(),
        part.to(),
        part.reference(),
        part.total(),
        part.sequence(),
        part.text(),
        part.encoding(),
        part.receivedAt(),
        unreadable == null ? null : unreadable.dataCoding(),
        unreadable == null ? null : unreadable.bytes());
    return Saved.STORED;
  }

  private static boolean sameContent(WaitingPart a, WaitingPart b) {
    return a.text().equals(b.text()) && Objects.equals(a.unreadable(), b.unreadable());
  }

  /** The stripes of reassembly_lock (V26): rows 0 to 255. */
  private static final int LOCK_STRIPES = 256;

  @Override
  public void lockSet(String from, String to, int reference, int total) {
    // A row lock, which both databases have (PostgreSQL's advisory locks are not in H2); the row
    // is one of a fixed few, so nothing grows with the sets. String's and Integer's hash codes are
    // fixed by the Java specification, so every instance locks the same stripe for a set.
    int stripe = Math.floorMod(Objects.hash(from, to, reference, total), LOCK_STRIPES);
    sql.one(
        "select stripe from reassembly_lock where stripe = ? for update",
        rs -> rs.getInt(1),
        stripe);
  }

  @Override
  public List<WaitingPart> set(String from, String to, int reference, int total) {
    return sql.query(
        "select "
            + COLUMNS
            + " from inbound_part"
            + KEY
            + " and filed_at is null order by sequence",
        JdbcInboundPartRepository::map,
        from,
        to,
        reference,
        total);
  }

  @Override
  public void markFiled(String from, String to, int reference, int total, Instant at) {
    sql.update(
        "update inbound_part set filed_at = ?" + KEY + " and filed_at is null",
        at,
        from,
        to,
        reference,
        total);
  }

  @Override
  public List<WaitingPart> staleSets(Instant before, Instant now, int limit) {
    return sql.query(
        "select source_number, dest_number, reference, total, min(received_at) as first_at"
            + " from inbound_part where filed_at is null"
            + " group by source_number, dest_number, reference, total"
            + " having min(received_at) < ? and (max(retry_at) is null or max(retry_at) <= ?)"
            + " order by first_at fetch first ? rows only",
        rs ->
            new WaitingPart(
                rs.getString("source_number"),
                rs.getString("dest_number"),
                rs.getInt("reference"),
                rs.getInt("total"),
                0,
                null,
                null,
                Sql.instant(rs, "first_at"),
                null),
        before,
        now,
        limit);
  }

  @Override
  public void setAside(
      String from, String to, int reference, int total, Instant retryAt, String error) {
    sql.update(
        "update inbound_part set retry_at = ?, error = ?" + KEY + " and filed_at is null",
        retryAt,
        error.length() > 500 ? error.substring(0, 500) : error,
        from,
        to,
        reference,
        total);
  }

  @Override
  public int purgeFiled(Instant before) {
    return sql.update("delete from inbound_part where filed_at < ?", before);
  }

  private static WaitingPart map(ResultSet rs) throws SQLException {
    byte[] octets = rs.getBytes("octets");
    return new WaitingPart(
        rs.getString("source_number"),
        rs.getString("dest_number"),
        rs.getInt("reference"),
        rs.getInt("total"),
        rs.getInt("sequence"),
        rs.getString("body"),
        rs.getString("encoding"),
        Sql.instant(rs, "received_at"),
        octets == null ? null : UnreadableText.of(rs.getInt("data_coding"), octets));
  }
}
