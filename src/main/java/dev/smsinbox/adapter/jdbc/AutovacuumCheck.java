package dev.smsinbox.adapter.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Warns at start-up when PostgreSQL runs without autovacuum. The inbox's tables start empty and
 * grow by thousands of rows a second in a burst; without fresh statistics PostgreSQL keeps the
 * plans it made for empty tables (the foreign keys' checks among them) and reads whole tables for
 * each SMS — measured: 196 million rows read for 60,000 SMS, the machine's CPU an SMS 1.7 times as
 * high — and the queue-like tables (inbound journal, events) keep every dead row. Nothing stops:
 * the operator is told what to change.
 */
public final class AutovacuumCheck {

  static final Logger LOG = Logger.getLogger(AutovacuumCheck.class.getName());

  static final String WARNING =
      "PostgreSQL's autovacuum is off on this database: the inbox's tables grow fast and, without"
          + " it, PostgreSQL keeps plans made for empty tables and the dead rows of the inbound"
          + " journal (filing slows down as they grow). Turn it on (autovacuum = on in"
          + " postgresql.conf, the default), or have the tables vacuumed and analyzed regularly.";

  private AutovacuumCheck() {}

  /**
   * Logs {@link #WARNING} when the database says autovacuum is off.
   *
   * @return whether autovacuum is off (empty when it could not be read: nothing is said then)
   */
  public static Optional<Boolean> warnIfOff(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select current_setting('autovacuum')")) {
      boolean off = rs.next() && "off".equalsIgnoreCase(rs.getString(1));
      if (off) {
        LOG.warning(WARNING);
      }
      return Optional.of(off);
    } catch (SQLException e) {
      LOG.log(Level.FINE, "Could not read PostgreSQL's autovacuum setting", e);
      return Optional.empty();
    }
  }
}
