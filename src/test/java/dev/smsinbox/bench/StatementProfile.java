package dev.smsinbox.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Where PostgreSQL spends a pass's time, statement by statement, from pg_stat_statements: only when
 * the cluster loads it ({@code shared_preload_libraries = 'pg_stat_statements'}, see the README)
 * and the extension is created in the database. Counted from after the warm-up, so plans made while
 * the tables were empty do not colour the figures.
 */
final class StatementProfile {

  private StatementProfile() {}

  /** Starts counting afresh; false when pg_stat_statements is not there (nothing is printed). */
  static boolean reset(BenchDatabase db) {
    if (!db.name().equals("PostgreSQL")) {
      return false;
    }
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("select public.pg_stat_statements_reset()");
      return true;
    } catch (SQLException absent) {
      return false;
    }
  }

  /** The statements that took most of the database's time, priced per SMS received. */
  static void print(BenchDatabase db, long messages) throws SQLException {
    System.out.printf(
        "    PostgreSQL's statements over %,d SMS (pg_stat_statements), by time:%n"
            + "      %6s %8s %7s %7s %6s  %s%n",
        messages,
        "share",
        "µs/SMS",
        "calls",
        "blocks",
        "WAL",
        "statement (calls, buffer blocks and WAL records a call)");
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select total_exec_time / sum(total_exec_time) over () as share,"
                    + " total_exec_time * 1000 / "
                    + messages
                    + " as micros, calls::float8 / "
                    + messages
                    + " as calls, (shared_blks_hit + shared_blks_read)::float8 / calls as blocks,"
                    + " wal_records::float8 / calls as wal,"
                    + " left(regexp_replace(query, '\\s+', ' ', 'g'), 90) as query"
                    + " from public.pg_stat_statements"
                    + " where dbid = (select oid from pg_database where datname = current_database())"
                    + " order by total_exec_time desc fetch first 14 rows only")) {
      while (rs.next()) {
        System.out.printf(
            "      %5.1f %% %8.1f %7.3f %7.1f %6.1f  %s%n",
            100 * rs.getDouble("share"),
            rs.getDouble("micros"),
            rs.getDouble("calls"),
            rs.getDouble("blocks"),
            rs.getDouble("wal"),
            rs.getString("query"));
      }
    }
  }
}
