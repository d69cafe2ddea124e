package dev.smsinbox.adapter.persistence;

import dev.smsinbox.domain.SenderNumber;
import dev.smsinbox.domain.SenderNumberRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public class JdbcSenderNumberRepository implements SenderNumberRepository {

  private static final String SELECT =
      "select id, number, country, dedicated, registered from sender_number";

  private final Sql sql;

  public JdbcSenderNumberRepository(JdbcUnitOfWork unitOfWork) {
    this.sql = new Sql(unitOfWork);
  }

  @Override
  public Optional<SenderNumber> find(long id) {
    return sql.one(SELECT + " where id = ?", JdbcSenderNumberRepository::map, id);
  }

  @Override
  public Optional<SenderNumber> findByNumber(String e164) {
    return sql.one(SELECT + " where number = ?", JdbcSenderNumberRepository::map, e164);
  }

  @Override
  public List<SenderNumber> all() {
    return sql.query(SELECT + " order by number", JdbcSenderNumberRepository::map);
  }

  @Override
  public SenderNumber save(
      String e164, String country, boolean dedicated, boolean registered, Instant at) {
    int updated =
        sql.update(
            "update sender_number set country = ?, dedicated = ?, registered = ? where number = ?",
            country,
            dedicated,
            registered,
            e164);
    if (updated == 0) {
      sql.insert(
          "insert into sender_number (number, country, dedicated, registered, created_at)"
              + " values (?, ?, ?, ?, ?)",
          e164,
          country,
          dedicated,
          registered,
          at);
    }
    return findByNumber(e164).orElseThrow();
  }

  static SenderNumber map(ResultSet rs) throws SQLException {
    return new SenderNumber(
        rs.getLong("id"),
        rs.getString("number"),
        rs.getString("country"),
        rs.getBoolean("dedicated"),
        rs.getBoolean("registered"));
  }
}
