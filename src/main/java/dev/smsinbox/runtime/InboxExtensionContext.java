package dev.smsinbox.runtime;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.application.port.ExtensionContext;
import java.time.Clock;

/**
 * What the inbox lends its extensions: the JDBC unit of work (and its connection), the clock, and
 * for an extension made for one CRM account, that account.
 */
public record InboxExtensionContext(JdbcUnitOfWork unitOfWork, Clock clock, String accountId)
    implements ExtensionContext {

  public InboxExtensionContext(JdbcUnitOfWork unitOfWork, Clock clock) {
    this(unitOfWork, clock, null);
  }

  InboxExtensionContext forAccount(String account) {
    return new InboxExtensionContext(unitOfWork, clock, account);
  }

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
