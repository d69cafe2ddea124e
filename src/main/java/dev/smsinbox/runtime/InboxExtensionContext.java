package dev.smsinbox.runtime;

import dev.smsinbox.adapter.persistence.JdbcUnitOfWork;
import dev.smsinbox.application.port.ExtensionContext;
import java.sql.Connection;
import java.time.Clock;

/** What the inbox lends its extensions: the JDBC unit of work (and its connection), the clock. */
public record InboxExtensionContext(JdbcUnitOfWork unitOfWork, Clock clock)
    implements ExtensionContext {

  @Override
  public <R> R transactionResource(Class<R> type) {
    if (type != Connection.class) {
      throw new IllegalArgumentException(
          "The inbox's unit of work offers a java.sql.Connection, not a " + type.getName());
    }
    return type.cast(unitOfWork.connection());
  }
}
