package dev.smsinbox.adapter.jdbc;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Small helpers so JDBC adapters read as SQL, not as JDBC ceremony. Every statement runs on the
 * connection of the unit of work bound to the thread, and a database's refusal leaves as {@link
 * StorageFailure}.
 */
public final class Sql {

  @FunctionalInterface
  public interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** SQLState of a unique-key violation, on H2 and PostgreSQL alike. */
  private static final String UNIQUE_VIOLATION = "23505";

  private final JdbcUnitOfWork unitOfWork;

  public Sql(JdbcUnitOfWork unitOfWork) {
    this.unitOfWork = unitOfWork;
  }

  public <T> List<T> query(String sql, Row<T> row, Object... params) {
    try (PreparedStatement ps = unitOfWork.connection().prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> result = new ArrayList<>();
        while (rs.next()) {
          result.add(row.map(rs));
        }
        return result;
      }
    } catch (SQLException e) {
      throw new StorageFailure("Query failed", e);
    }
  }

  public <T> Optional<T> one(String sql, Row<T> row, Object... params) {
    List<T> rows = query(sql, row, params);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  public int update(String sql, Object... params) {
    try (PreparedStatement ps = unitOfWork.connection().prepareStatement(sql)) {
      bind(ps, params);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StorageFailure("Update failed", e);
    }
  }

  /** Inserts one row and answers its generated id. */
  public long insert(String sql, Object... params) {
    Connection connection = unitOfWork.connection();
    try (PreparedStatement ps = connection.prepareStatement(sql, new String[] {"id"})) {
      bind(ps, params);
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    } catch (SQLException e) {
      throw new StorageFailure("Insert failed", e);
    }
  }

  /**
   * Runs an insert; false (and no harm done) when a unique key says the row exists already. The
   * insert runs under a savepoint, so the loser of a race for the key can read the winner's row
   * instead of aborting the whole transaction (PostgreSQL would).
   */
  public boolean insertUnlessPresent(String sql, Object... params) {
    Connection connection = unitOfWork.connection();
    Savepoint savepoint;
    try {
      savepoint = connection.setSavepoint();
    } catch (SQLException e) {
      throw new StorageFailure("Savepoint failed", e);
    }
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      bind(ps, params);
      ps.executeUpdate();
      connection.releaseSavepoint(savepoint);
      return true;
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw new StorageFailure("Insert failed", e);
      }
      try {
        connection.rollback(savepoint);
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
        throw new StorageFailure("Insert failed", e);
      }
      return false;
    }
  }

  /** Runs one statement for each row of parameters in one round trip. */
  public void batch(String sql, List<Object[]> rows) {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = unitOfWork.connection().prepareStatement(sql)) {
      executeBatch(ps, rows);
    } catch (SQLException e) {
      throw new StorageFailure("Batch update failed", e);
    }
  }

  /** Inserts a row for each row of parameters in one round trip; answers their ids in order. */
  public long[] insertAll(String sql, List<Object[]> rows) {
    long[] ids = new long[rows.size()];
    if (rows.isEmpty()) {
      return ids;
    }
    try (PreparedStatement ps =
        unitOfWork.connection().prepareStatement(sql, new String[] {"id"})) {
      executeBatch(ps, rows);
      try (ResultSet keys = ps.getGeneratedKeys()) {
        for (int i = 0; i < ids.length; i++) {
          if (!keys.next()) {
            throw new IllegalStateException(
                "The database answered " + i + " ids for " + ids.length + " rows");
          }
          ids[i] = keys.getLong(1);
        }
      }
      return ids;
    } catch (SQLException e) {
      throw new StorageFailure("Batch insert failed", e);
    }
  }

  private static void executeBatch(PreparedStatement ps, List<Object[]> rows) throws SQLException {
    for (Object[] row : rows) {
      bind(ps, row);
      ps.addBatch();
    }
    ps.executeBatch();
  }

  /**
   * The values as one SQL array parameter, for {@code column = any(?)}: one statement whatever
   * their number. (With an IN list of bind parameters, a plan PostgreSQL had cached tested every
   * row of the table against every value of the list.)
   *
   * @param type the SQL name of the elements' type ("varchar", "bigint")
   */
  public Array array(String type, Collection<?> values) {
    try {
      return unitOfWork.connection().createArrayOf(type, typed(values));
    } catch (SQLException e) {
      throw new StorageFailure("Could not pass " + values.size() + " values as an array", e);
    }
  }

  /**
   * The values in an array of their own class when they share one (String[], Long[]…), nulls
   * allowed: pgjdbc then sends text, numbers and booleans in PostgreSQL's binary form. An Object[]
   * goes as the array's text, each element escaped by the driver and parsed again by the server — a
   * fifth of the filer's time in the JVM when a filing batch's rows went as arrays (issue 22).
   */
  static Object[] typed(Collection<?> values) {
    Class<?> shared = null;
    for (Object value : values) {
      if (value == null) {
        continue;
      }
      if (shared == null) {
        shared = value.getClass();
      } else if (shared != value.getClass()) {
        return values.toArray();
      }
    }
    return shared != null && BINARY_ELEMENTS.contains(shared)
        ? values.toArray((Object[]) java.lang.reflect.Array.newInstance(shared, 0))
        : values.toArray();
  }

  /** What pgjdbc sends in binary (anything else, an enum say, goes as text, through toString). */
  private static final Set<Class<?>> BINARY_ELEMENTS =
      Set.of(String.class, Long.class, Integer.class, Boolean.class);

  /**
   * Runs a statement that PostgreSQL plans for its values and the tables' sizes of the moment,
   * rather than with a plan cached on the pooled connection. For tables whose size swings or grows
   * fast — the inbound journal goes from empty to tens of thousands of entries and back within
   * seconds, a young inbox's contacts grow by thousands — a plan cached while they were small went
   * on scanning them whole for every batch once they had grown (15 – 35 ms a statement for 128
   * SMS). Planning the statement each time costs far less.
   */
  public <T> T plannedForTodaysSizes(Supplier<T> statement) {
    if (!unitOfWork.postgres()) {
      return statement.get();
    }
    update("set local plan_cache_mode = force_custom_plan");
    T result = statement.get();
    // Not after a failure: the transaction then only rolls back (which undoes the setting too),
    // and a statement now would hide the database's reason behind "transaction is aborted".
    update("set local plan_cache_mode = auto");
    return result;
  }

  /** The placeholders of an IN list ("?, ?, ?") and the values they stand for. */
  public record InList(String placeholders, List<Object> values) {}

  /**
   * An IN list padded to a few fixed lengths (4, 8, 16 …) by repeating its last value, so the
   * database prepares and plans a handful of statements rather than one per batch size.
   */
  public static InList in(Collection<?> values) {
    List<Object> padded = new ArrayList<>(values);
    int length = 4;
    while (length < padded.size()) {
      length *= 2;
    }
    Object last = padded.get(padded.size() - 1);
    while (padded.size() < length) {
      padded.add(last);
    }
    return new InList(String.join(", ", Collections.nCopies(length, "?")), padded);
  }

  /**
   * The same values as rows of a VALUES list ("(?), (?)"), padded like {@link #in}: joined to a
   * table through a correlated subquery, each value becomes one index probe whatever the planner's
   * statistics say, where an IN list of a hundred values may be planned as a scan of the table.
   */
  public static InList rows(Collection<?> values) {
    InList in = in(values);
    return new InList(in.placeholders().replace("?", "(?)"), in.values());
  }

  public static Long nullableLong(ResultSet rs, String column) throws SQLException {
    return nullableLong(rs, rs.findColumn(column));
  }

  public static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  public static OffsetDateTime utc(Instant instant) {
    // Not instant.atOffset(UTC): that builds a new ZoneRules for every value, and filing binds
    // several instants an SMS (a few per cent of the filer's time in a profile).
    return instant == null
        ? null
        : OffsetDateTime.of(
            LocalDateTime.ofEpochSecond(
                instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC),
            ZoneOffset.UTC);
  }

  /** Escapes LIKE wildcards so a search text matches literally. */
  public static String likeLiteral(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static void bind(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      if (p == null) {
        ps.setNull(i + 1, Types.NULL);
      } else if (p instanceof Instant instant) {
        ps.setObject(i + 1, utc(instant));
      } else if (p instanceof Enum<?> e) {
        ps.setString(i + 1, e.name());
      } else {
        ps.setObject(i + 1, p);
      }
    }
  }
}
