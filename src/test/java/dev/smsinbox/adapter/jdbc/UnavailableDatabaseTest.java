package dev.smsinbox.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smsinbox.application.port.UnitOfWork;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** A database that cannot be reached is told apart from one that refuses a row. */
class UnavailableDatabaseTest {

  @Test
  void noConnectionMeansUnavailable() {
    // A port nothing listens on: the driver's own "connection refused".
    PGSimpleDataSource down = new PGSimpleDataSource();
    down.setURL("jdbc:postgresql://127.0.0.1:1/test");
    down.setConnectTimeout(2);
    assertThatThrownBy(() -> new JdbcUnitOfWork(down).run(() -> {}))
        .isInstanceOf(UnitOfWork.Unavailable.class)
        .hasMessageContaining("Cannot open a database connection");
  }

  @Test
  void aBrokenConnectionMeansUnavailableButARefusedRowDoesNot() {
    RuntimeException broken =
        new StorageFailure("Batch insert failed", new SQLException("I/O error", "08006"));
    RuntimeException refused =
        new StorageFailure("Batch insert failed", new SQLException("duplicate key", "23505"));

    assertThat(JdbcUnitOfWork.unlessUnavailable(broken))
        .isInstanceOf(UnitOfWork.Unavailable.class)
        .hasCause(broken);
    assertThat(JdbcUnitOfWork.unlessUnavailable(refused)).isSameAs(refused);
  }
}
