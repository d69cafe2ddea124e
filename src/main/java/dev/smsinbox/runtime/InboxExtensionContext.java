package dev.smsinbox.runtime;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.application.port.ExtensionContext;
import java.time.Clock;

/** What the inbox lends its extensions: the JDBC unit of work (and its connection), the clock. */
public record InboxExtensionContext(JdbcUnitOfWork unitOfWork, Clock clock)
    implements ExtensionContext {

  @Override
  public <R> R transactionResource(Class<R> type) {
    if (!type.isInstance(unitOfWork)) {
      throw new IllegalArgumentException(
          "The inbox's unit of work offers its JdbcUnitOfWork (adapter.jdbc), not a "
              + type.getName());
    }
    return type.cast(unitOfWork);
  }
}
