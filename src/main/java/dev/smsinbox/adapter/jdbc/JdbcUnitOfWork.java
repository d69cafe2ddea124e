package dev.smsinbox.adapter.jdbc;

import dev.smsinbox.application.port.UnitOfWork;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A local JDBC transaction bound to the current thread. Nested calls join the outer transaction, so
 * a use case can call another inside its own. After-commit actions run once, after the commit, and
 * never after a rollback.
 */
public class JdbcUnitOfWork implements UnitOfWork {

  private static final Logger LOG = Logger.getLogger(JdbcUnitOfWork.class.getName());

  /**
   * PostgreSQL's "terminating connection due to administrator command", "… crash of another server
   * process" and "the database system is starting up": the server went away or is not back yet.
   */
  private static final Set<String> SHUTTING_DOWN = Set.of("57P01", "57P02", "57P03");

  private record Transaction(
      Connection connection,
      Map<Object, Object> gathered,
      List<Runnable> beforeCommit,
      List<Runnable> afterCommit) {}

  private final DataSource dataSource;
  private final ThreadLocal<Transaction> current = new ThreadLocal<>();
  private volatile Boolean postgres;

  public JdbcUnitOfWork(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    if (current.get() != null) {
      return work.get();
    }
    Transaction tx;
    try {
      Connection connection = dataSource.getConnection();
      connection.setAutoCommit(false);
      tx = new Transaction(connection, new HashMap<>(), new ArrayList<>(), new ArrayList<>());
    } catch (SQLException e) {
      throw new Unavailable("Cannot open a database connection: " + e.getMessage(), e);
    }
    current.set(tx);
    T result;
    try {
      result = work.get();
      // By index: an action may gather something more, which then runs too.
      for (int i = 0; i < tx.beforeCommit().size(); i++) {
        tx.beforeCommit().get(i).run();
      }
      tx.connection().commit();
    } catch (SQLException e) {
      rollback(tx);
      throw unlessUnavailable(new StorageFailure("The database refused the commit", e));
    } catch (RuntimeException e) {
      rollback(tx);
      throw unlessUnavailable(e);
    } catch (Error e) {
      rollback(tx);
      throw e;
    } finally {
      current.remove();
      close(tx);
    }
    for (Runnable action : tx.afterCommit()) {
      try {
        action.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "An after-commit action failed; the commit stands", e);
      }
    }
    return result;
  }

  /** A statement's work on the connection it is given. */
  public interface Statement<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs one statement in the current transaction or, without one, as a transaction of its own: on
   * a connection in autocommit mode the database commits the statement as it completes, which
   * spares the separate round trip of a commit (what the carrier waits for on every inbound batch).
   * Work of more than one statement belongs in {@link #inTransaction}.
   */
  public <T> T statement(Statement<T> work) {
    Transaction tx = current.get();
    if (tx != null) {
      try {
        return work.run(tx.connection());
      } catch (SQLException e) {
        throw new StorageFailure("The database refused a statement", e);
      }
    }
    Connection alone;
    try {
      alone = dataSource.getConnection();
    } catch (SQLException e) {
      throw new Unavailable("Cannot open a database connection: " + e.getMessage(), e);
    }
    try (Connection connection = alone) {
      connection.setAutoCommit(true);
      return work.run(connection);
    } catch (SQLException e) {
      throw unlessUnavailable(new StorageFailure("The database refused a statement", e));
    }
  }

  /** Whether the database is PostgreSQL (else H2), asked of the first connection only. */
  public boolean postgres() {
    Boolean known = postgres;
    if (known == null) {
      known =
          statement(
              connection -> "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName()));
      postgres = known;
    }
    return known;
  }

  /**
   * What the current transaction gathers under {@code key} (made by {@code create} the first time
   * it is asked for), handed to {@code atCommit} last in the transaction, just before its commit: a
   * repository can gather a transaction's rows and write them in one statement at the end. What
   * {@code atCommit} writes commits with the transaction, or fails it; after a rollback it never
   * runs.
   */
  @SuppressWarnings("unchecked")
  public <T> T gatherUntilCommit(Object key, Supplier<T> create, Consumer<T> atCommit) {
    Transaction tx = current.get();
    if (tx == null) {
      throw new IllegalStateException("Repositories are used inside a unit of work only");
    }
    return (T)
        tx.gathered()
            .computeIfAbsent(
                key,
                k -> {
                  T made = create.get();
                  tx.beforeCommit().add(() -> atCommit.accept(made));
                  return made;
                });
  }

  @Override
  public void afterCommit(Runnable action) {
    Transaction tx = current.get();
    if (tx == null) {
      action.run();
    } else {
      tx.afterCommit().add(action);
    }
  }

  /**
   * The connection of the transaction bound to this thread, for {@link Sql}: adapters' statements
   * (the repositories', the embedded CRM connector's) join the unit of work through it.
   */
  Connection connection() {
    Transaction tx = current.get();
    if (tx == null) {
      throw new IllegalStateException("Repositories are used inside a unit of work only");
    }
    return tx.connection();
  }

  /**
   * The failure as {@link Unavailable} when it is the connection that failed (SQLState class 08, a
   * database shutting down or starting, or the driver's or pool's connection exceptions), else as
   * it is.
   */
  static RuntimeException unlessUnavailable(RuntimeException failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof Unavailable) {
        return failure;
      }
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || (t instanceof SQLException sql
              && sql.getSQLState() != null
              && (sql.getSQLState().startsWith("08")
                  || SHUTTING_DOWN.contains(sql.getSQLState())))) {
        return new Unavailable("The database connection failed: " + t.getMessage(), failure);
      }
    }
    return failure;
  }

  private static void rollback(Transaction tx) {
    try {
      tx.connection().rollback();
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "Rollback failed", e);
    }
  }

  private static void close(Transaction tx) {
    try {
      tx.connection().setAutoCommit(true);
      tx.connection().close();
    } catch (SQLException e) {
      LOG.log(Level.FINE, "Closing a connection failed", e);
    }
  }
}
