package dev.smsinbox.runtime;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date before anything reads or writes. A failed migration throws, and the
 * start-up fails with it: the inbox never runs on a schema it does not know.
 */
public final class FlywayMigration {

  private static final Logger LOG = Logger.getLogger(FlywayMigration.class.getName());

  /** The placeholder naming DEFAULT_ACCOUNT in the migrations. */
  private static final String DEFAULT_ACCOUNT = "defaultAccount";

  private FlywayMigration() {}

  /**
   * Our migrations: the common ones, and per database the few statements that differ (indexes for
   * prefix search). Inside Liberty Flyway must be given our class loader and locations that must
   * exist, otherwise it finds no migrations and "succeeds" on an empty schema.
   */
  public static FluentConfiguration configure(DataSource dataSource) {
    return Flyway.configure(FlywayMigration.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:db/migration", "classpath:db/vendor/" + vendor(dataSource))
        .failOnMissingLocations(true)
        .placeholders(Map.of(DEFAULT_ACCOUNT, "default"));
  }

  /** The folder of the database's own migrations: postgresql or h2. */
  private static String vendor(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
      if (product.contains("postgres")) {
        return "postgresql";
      }
      if (product.contains("h2")) {
        return "h2";
      }
      throw new IllegalStateException(
          "SMS Inbox runs on PostgreSQL or H2; the database at DB_URL is " + product);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot reach the database at DB_URL: " + e.getMessage(), e);
    }
  }

  /**
   * @param defaultAccount the account that rows written before accounts existed move into (V17)
   */
  static void migrate(DataSource dataSource, String defaultAccount) {
    MigrateResult result =
        configure(dataSource)
            .placeholders(Map.of(DEFAULT_ACCOUNT, defaultAccount))
            .load()
            .migrate();
    LOG.info(
        () ->
            "Database schema at version "
                + result.targetSchemaVersion
                + " ("
                + result.migrationsExecuted
                + " migration(s) applied now)");
  }
}
