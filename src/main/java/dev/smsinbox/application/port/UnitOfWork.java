package dev.smsinbox.application.port;

import java.util.function.Supplier;

/** One database transaction: all of the work commits, or none of it. */
public interface UnitOfWork {

  /**
   * The database cannot be reached (no connection, or the connection broke): unlike a row the
   * database refuses, the same work would fail again at once, whatever part of it is tried.
   */
  class Unavailable extends RuntimeException {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  <T> T inTransaction(Supplier<T> work);

  default void run(Runnable work) {
    inTransaction(
        () -> {
          work.run();
          return null;
        });
  }

  /** Runs {@code action} once the current transaction has committed (never if it rolls back). */
  void afterCommit(Runnable action);
}
