package dev.smsinbox.application;

import java.util.function.Supplier;

/** One database transaction: all of the work commits, or none of it. */
public interface UnitOfWork {

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
