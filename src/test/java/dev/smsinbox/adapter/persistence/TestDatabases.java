package dev.smsinbox.adapter.persistence;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.smsinbox.runtime.FlywayMigration;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Databases for the unit tests that need a real one: H2 in memory, and PostgreSQL when the build
 * names one (-Ppostgres), in a schema of the test's own, emptied and migrated afresh each time.
 */
public final class TestDatabases {

  private TestDatabases() {}

  /** For {@code @MethodSource}: both databases the inbox runs on. */
  public static Stream<String> both() {
    return Stream.of("H2", "PostgreSQL");
  }

  /** A pool on an empty database migrated to the latest schema. */
  public static HikariDataSource open(String database, String schema) {
    return open(database, schema, null);
  }

  /**
   * A pool on an empty database migrated up to {@code version} (null: the latest); {@link #migrate}
   * takes it on from there.
   */
  public static HikariDataSource open(String database, String schema, String version) {
    DataSource raw;
    if (database.equals("H2")) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL("jdbc:h2:mem:" + schema + "-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
      raw = h2;
    } else {
      String url = System.getProperty("test.pg.url", "");
      assumeTrue(!url.isEmpty(), "PostgreSQL is tested with -Ppostgres");
      PGSimpleDataSource pg = new PGSimpleDataSource();
      pg.setURL(url);
      pg.setUser(System.getProperty("test.pg.user", "postgres"));
      pg.setCurrentSchema(schema);
      raw = pg;
    }
    HikariConfig config = new HikariConfig();
    config.setDataSource(raw);
    config.setMaximumPoolSize(8);
    HikariDataSource pool = new HikariDataSource(config);
    var flyway = flyway(pool, database, schema).cleanDisabled(false);
    if (version != null) {
      flyway = flyway.target(version);
    }
    var migration = flyway.load();
    migration.clean();
    migration.migrate();
    return pool;
  }

  /** Migrates the database to the latest schema, as a start-up of the next version would. */
  public static void migrate(HikariDataSource pool, String database, String schema) {
    flyway(pool, database, schema).load().migrate();
  }

  /** The same, with the migrations' placeholders set (defaultAccount, as DEFAULT_ACCOUNT does). */
  public static void migrate(
      HikariDataSource pool, String database, String schema, Map<String, String> placeholders) {
    flyway(pool, database, schema).placeholders(placeholders).load().migrate();
  }

  private static FluentConfiguration flyway(DataSource pool, String database, String schema) {
    FluentConfiguration flyway = FlywayMigration.configure(pool);
    return database.equals("PostgreSQL") ? flyway.schemas(schema).createSchemas(true) : flyway;
  }
}
