package dev.smsinbox.adapter.crm;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The embedded connector's JDBC, on the connection of the caller's unit of work. Statements that
 * may hit a unique key another transaction just took run under a savepoint, so the loser can read
 * the winner's row instead of aborting the whole transaction (PostgreSQL would).
 */
final class CrmTables {

  @FunctionalInterface
  interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** SQLState of a unique-key violation, on H2 and PostgreSQL alike. */
  private static final String UNIQUE_VIOLATION = "23505";

  private final Supplier<Connection> connection;

  CrmTables(Supplier<Connection> connection) {
    this.connection = connection;
  }

  <T> List<T> query(String sql, Row<T> row, Object... params) {
    try (PreparedStatement ps = connection.get().prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(row.map(rs));
        }
        return rows;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("CRM query failed: " + e.getMessage(), e);
    }
  }

  <T> Optional<T> one(String sql, Row<T> row, Object... params) {
    return query(sql, row, params).stream().findFirst();
  }

  int update(String sql, Object... params) {
    try (PreparedStatement ps = connection.get().prepareStatement(sql)) {
      bind(ps, params);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("CRM update failed: " + e.getMessage(), e);
    }
  }

  /** Inserts one row and answers its generated id. */
  long insert(String sql, Object... params) {
    try (PreparedStatement ps = connection.get().prepareStatement(sql, new String[] {"id"})) {
      bind(ps, params);
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("CRM insert failed: " + e.getMessage(), e);
    }
  }

  /** Runs an insert; false (and no harm done) when a unique key says the row exists already. */
  boolean insertUnlessPresent(String sql, Object... params) {
    Connection c = connection.get();
    Savepoint savepoint;
    try {
      savepoint = c.setSavepoint();
    } catch (SQLException e) {
      throw new IllegalStateException("CRM savepoint failed: " + e.getMessage(), e);
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      ps.executeUpdate();
      c.releaseSavepoint(savepoint);
      return true;
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw new IllegalStateException("CRM insert failed: " + e.getMessage(), e);
      }
      try {
        c.rollback(savepoint);
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
        throw new IllegalStateException("CRM insert failed: " + e.getMessage(), e);
      }
      return false;
    }
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static void bind(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      if (p == null) {
        ps.setNull(i + 1, Types.NULL);
      } else if (p instanceof Instant instant) {
        ps.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
      } else if (p instanceof Enum<?> e) {
        ps.setString(i + 1, e.name());
      } else if (p instanceof BigDecimal d) {
        ps.setBigDecimal(i + 1, d);
      } else {
        ps.setObject(i + 1, p);
      }
    }
  }
}
