package dev.smsinbox.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.smsinbox.runtime.FlywayMigration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** A fresh database for a benchmark run: H2 in target/, or a "bench" schema in PostgreSQL. */
record BenchDatabase(String name, DataSource dataSource) {

  static BenchDatabase h2() throws IOException {
    Path dir = Path.of("target", "bench-h2");
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + dir.toAbsolutePath().resolve("inbox") + ";MODE=Regular");
    h2.setUser("sa");
    h2.setPassword("");
    return migrated(new BenchDatabase("H2", pooled(h2)), null);
  }

  static BenchDatabase postgres() {
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setURL(System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test"));
    pg.setUser(System.getProperty("bench.pg.user", "postgres"));
    // Its own schema name lets two checkouts on one machine measure at the same time.
    String schema = System.getProperty("bench.pg.schema", "bench");
    pg.setCurrentSchema(schema);
    return migrated(new BenchDatabase("PostgreSQL", pooled(pg)), schema);
  }

  /**
   * Gathers the planner's statistics and (PostgreSQL) clears the row versions the warm-up left, as
   * autovacuum does on a live database (a fresh schema has no statistics, and this machine's
   * PostgreSQL runs with autovacuum off): without statistics PostgreSQL plans the hot queries for
   * empty tables, and without vacuuming every conversation's lookup walks the dozen versions each
   * warm-up round left of it.
   */
  void analyze() throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(name.equals("PostgreSQL") ? "vacuum analyze" : "analyze");
    }
  }

  /** Pooled like the server's DataSource (Liberty's connection manager, 20 connections). */
  private static DataSource pooled(DataSource raw) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(raw);
    config.setMaximumPoolSize(20);
    return new HikariDataSource(config);
  }

  private static BenchDatabase migrated(BenchDatabase db, String schema) {
    var config = FlywayMigration.configure(db.dataSource()).cleanDisabled(false);
    if (schema != null) {
      config = config.schemas(schema).createSchemas(true);
    }
    Flyway flyway = config.load();
    flyway.clean();
    flyway.migrate();
    return db;
  }
}
