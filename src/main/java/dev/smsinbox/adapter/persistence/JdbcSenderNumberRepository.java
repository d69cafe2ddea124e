package dev.smsinbox.adapter.persistence;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.domain.SenderNumber;
import dev.smsinbox.domain.SenderNumberRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public class JdbcSenderNumberRepository implements SenderNumberRepository {

  private static final String SELECT =
      "select id, tenant_id, number, country, dedicated, registered from sender_number";

  /**
   * How long a number looked up by {@link #findByNumber} is taken as read. Every inbound batch asks
   * for the number the customers texted; a change made here is seen at once (the entry goes on save
   * and again on its commit), one made by another instance of the inbox when its notice arrives
   * ({@link AccountChanges}), else within this time.
   */
  private static final Duration REMEMBERED_FOR = Duration.ofSeconds(1);

  private record Remembered(Optional<SenderNumber> number, long until) {}

  private final JdbcUnitOfWork unitOfWork;
  private final Sql sql;
  private final Map<String, Remembered> byNumber = new ConcurrentHashMap<>();

  public JdbcSenderNumberRepository(JdbcUnitOfWork unitOfWork) {
    this.unitOfWork = unitOfWork;
    this.sql = new Sql(unitOfWork);
  }

  @Override
  public Optional<SenderNumber> find(long id) {
    return sql.one(SELECT + " where id = ?", JdbcSenderNumberRepository::map, id);
  }

  @Override
  public Optional<SenderNumber> findByNumber(String e164) {
    long now = System.nanoTime();
    Remembered known = byNumber.get(e164);
    if (known != null && now - known.until() < 0) {
      return known.number();
    }
    Optional<SenderNumber> number = read(e164);
    // Only our own numbers: a misrouting SMSC must not fill the map with everyone else's.
    if (number.isPresent()) {
      byNumber.put(e164, new Remembered(number, now + REMEMBERED_FOR.toNanos()));
    }
    return number;
  }

  /** Forgets every number looked up: one changed on another instance of the inbox. */
  public void forget() {
    byNumber.clear();
  }

  @Override
  public List<SenderNumber> all(String accountId) {
    return sql.query(
        SELECT + " where tenant_id = ? order by number",
        JdbcSenderNumberRepository::map,
        accountId);
  }

  @Override
  public SenderNumber save(
      String accountId,
      String e164,
      String country,
      boolean dedicated,
      boolean registered,
      Instant at) {
    byNumber.remove(e164);
    unitOfWork.afterCommit(() -> byNumber.remove(e164));
    AccountChanges.changed(unitOfWork, sql, accountId, AccountChanges.NUMBERS, at);
    int updated =
        sql.update(
            "update sender_number set country = ?, dedicated = ?, registered = ?"
                + " where number = ? and tenant_id = ?",
            country,
            dedicated,
            registered,
            e164,
            accountId);
    if (updated == 0) {
      sql.insert(
          "insert into sender_number (tenant_id, number, country, dedicated, registered,"
              + " created_at) values (?, ?, ?, ?, ?, ?)",
          accountId,
          e164,
          country,
          dedicated,
          registered,
          at);
    }
    return read(e164).orElseThrow();
  }

  private Optional<SenderNumber> read(String e164) {
    return sql.one(SELECT + " where number = ?", JdbcSenderNumberRepository::map, e164);
  }

  static SenderNumber map(ResultSet rs) throws SQLException {
    return new SenderNumber(
        rs.getLong("id"),
        rs.getString("tenant_id"),
        rs.getString("number"),
        rs.getString("country"),
        rs.getBoolean("dedicated"),
        rs.getBoolean("registered"));
  }
}
