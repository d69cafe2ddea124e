package dev.smsinbox.adapter.jdbc;

import java.sql.SQLException;

/** The database could not do what was asked; nothing of the unit of work was kept. */
public class StorageFailure extends RuntimeException {
  public StorageFailure(String message, Throwable cause) {
    super(message + ": " + reason(cause), cause);
  }

  /**
   * A batch's failure names the statement; the database's reason (the constraint, the column) is in
   * the exception chained to it.
   */
  private static String reason(Throwable cause) {
    if (cause instanceof SQLException sql && sql.getNextException() != null) {
      return sql.getNextException().getMessage();
    }
    return cause.getMessage();
  }
}
