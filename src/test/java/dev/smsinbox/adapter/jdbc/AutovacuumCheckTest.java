package dev.smsinbox.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.smsinbox.adapter.persistence.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The start-up's word to the operator about PostgreSQL's autovacuum: a warning that names the
 * setting when the database runs without it, nothing when it runs with it or cannot say.
 */
class AutovacuumCheckTest {

  final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
  final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          warnings.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void listen() {
    AutovacuumCheck.LOG.addHandler(handler);
  }

  @AfterEach
  void stopListening() {
    AutovacuumCheck.LOG.removeHandler(handler);
  }

  @Test
  void postgresWithoutAutovacuumIsWarnedAbout() throws Exception {
    try (HikariDataSource pool = TestDatabases.open("PostgreSQL", "autovacuum_check_unit")) {
      boolean off;
      try (Connection c = pool.getConnection();
          ResultSet rs = c.createStatement().executeQuery("show autovacuum")) {
        rs.next();
        off = rs.getString(1).equals("off");
      }
      assertThat(AutovacuumCheck.warnIfOff(pool)).contains(off);
      if (off) {
        assertThat(warnings)
            .singleElement()
            .satisfies(w -> assertThat(w.getMessage()).contains("autovacuum is off"));
      } else {
        assertThat(warnings).isEmpty();
      }
    }
  }

  @Test
  void aDatabaseThatCannotSaySaysNothing() {
    try (HikariDataSource pool = TestDatabases.open("H2", "autovacuum_check_unit")) {
      assertThat(AutovacuumCheck.warnIfOff(pool)).isEqualTo(Optional.empty());
      assertThat(warnings).isEmpty();
    }
  }
}
