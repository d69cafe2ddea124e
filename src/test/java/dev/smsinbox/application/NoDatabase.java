package dev.smsinbox.application;

import dev.smsinbox.application.port.UnitOfWork;
import java.util.function.Supplier;

/** A unit of work for use cases tested without a database: runs the work, then what follows it. */
public final class NoDatabase implements UnitOfWork {

  public static final UnitOfWork INSTANCE = new NoDatabase();

  private NoDatabase() {}

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return work.get();
  }

  @Override
  public void afterCommit(Runnable action) {
    action.run();
  }
}
