package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.domain.KeywordEvent;
import dev.smsinbox.domain.ListPosition;
import dev.smsinbox.domain.UnroutedSms;
import dev.smsinbox.domain.UnroutedSmsRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public class JdbcUnroutedSmsRepository implements UnroutedSmsRepository {

  private static final String SELECT =
      "select id, source_number, dest_number, body, segments, encoding, incomplete, received_at,"
          + " reason, keyword_event, data_coding, octets from unrouted_sms";

  private final Sql sql;

  public JdbcUnroutedSmsRepository(JdbcUnitOfWork unitOfWork) {
    this.sql = new Sql(unitOfWork);
  }

  @Override
  public List<UnroutedSms> insertAll(List<NewUnroutedSms> sms) {
    List<Object[]> rows = new ArrayList<>(sms.size());
    for (NewUnroutedSms s : sms) {
      rows.add(
          new Object[] {
            s.from(),
            s.to(),
            s.text(),
            s.segments(),
            s.encoding(),
            s.incomplete(),
            s.receivedAt(),
            s.reason().length() > 500 ? s.reason().substring(0, 500) : s.reason(),
            s.fingerprint(),
            s.unreadable() == null ? null : s.unreadable().dataCoding(),
            s.unreadable() == null ? null : s.unreadable().bytes()
          });
    }
    long[] ids =
        sql.insertAll(
            "insert into unrouted_sms (source_number, dest_number, body, segments, encoding,"
                + " incomplete, received_at, reason, fingerprint, data_coding, octets)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows);
    List<UnroutedSms> stored = new ArrayList<>(sms.size());
    for (int i = 0; i < ids.length; i++) {
      NewUnroutedSms s = sms.get(i);
      stored.add(
          new UnroutedSms(
              ids[i],
              s.from(),
              s.to(),
              s.text(),
              s.segments(),
              s.encoding(),
              s.incomplete(),
              s.receivedAt(),
              s.reason(),
              null,
              s.unreadable()));
    }
    return stored;
  }

  @Override
  public Map<String, UnroutedSms> findByFingerprints(
      Collection<String> fingerprints, Instant since) {
    if (fingerprints.isEmpty()) {
      return Map.of();
    }
    Map<String, UnroutedSms> latest = new HashMap<>();
    // Oldest first, so the latest of each fingerprint is the one that stays in the map.
    sql.query(
        SELECT.replace("select id,", "select fingerprint, id,")
            + " where fingerprint = any(?) and received_at >= ? order by id",
        rs -> latest.put(rs.getString("fingerprint"), map(rs)),
        sql.array("varchar", fingerprints),
        since);
    return latest;
  }

  @Override
  public List<UnroutedSms> page(String accountId, ListPosition after, int limit) {
    // The account's: those to a number it holds (stored in its E.164 form).
    String ours =
        " where dest_number in (select s.number from sender_number s where s.tenant_id = ?)";
    if (after == null) {
      return sql.query(
          SELECT + ours + " order by received_at desc, id desc fetch first ? rows only",
          JdbcUnroutedSmsRepository::map,
          accountId,
          limit);
    }
    return sql.query(
        SELECT
            + ours
            + " and (received_at < ? or (received_at = ? and id < ?))"
            + " order by received_at desc, id desc fetch first ? rows only",
        JdbcUnroutedSmsRepository::map,
        accountId,
        after.lastActivityAt(),
        after.lastActivityAt(),
        after.id(),
        limit);
  }

  @Override
  public void markKeywordEvent(long id, KeywordEvent event) {
    sql.update("update unrouted_sms set keyword_event = ? where id = ?", event, id);
  }

  private static UnroutedSms map(ResultSet rs) throws SQLException {
    String keyword = rs.getString("keyword_event");
    return new UnroutedSms(
        rs.getLong("id"),
        rs.getString("source_number"),
        rs.getString("dest_number"),
        rs.getString("body"),
        rs.getInt("segments"),
        rs.getString("encoding"),
        rs.getBoolean("incomplete"),
        Sql.instant(rs, "received_at"),
        rs.getString("reason"),
        keyword == null ? null : KeywordEvent.valueOf(keyword),
        JdbcMessageRepository.unreadable(rs));
  }
}
