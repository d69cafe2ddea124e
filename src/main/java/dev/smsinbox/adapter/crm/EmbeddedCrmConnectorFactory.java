package dev.smsinbox.adapter.crm;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.jdbc.Sql;
import dev.smsinbox.application.port.ConfigScope;
import dev.smsinbox.application.port.CrmConnector;
import dev.smsinbox.application.port.CrmConnectorFactory;
import dev.smsinbox.application.port.ExtensionContext;
import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;

/**
 * Makes the {@link EmbeddedCrmConnector} ({@code crm.connector=embedded}). Its settings, under
 * {@code crm.embedded.*}:
 *
 * <ul>
 *   <li>{@code lists}: the SMS opt-in lists that must exist (default {@code Newsletter,Special
 *       offers}); created at start-up when missing, never deleted
 *   <li>{@code automations}: likewise for automations (default {@code Welcome series,Appointment
 *       follow-up})
 * </ul>
 */
public class EmbeddedCrmConnectorFactory implements CrmConnectorFactory {

  public static final String ID = "embedded";

  private static final Logger LOG = Logger.getLogger(EmbeddedCrmConnectorFactory.class.getName());

  private List<String> lists = List.of();
  private List<String> automations = List.of();

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void init(ConfigScope config) {
    lists = config.getList("lists", "Newsletter,Special offers");
    automations = config.getList("automations", "Welcome series,Appointment follow-up");
  }

  /**
   * Makes the connector of one CRM account ({@link ExtensionContext#accountId()}), creating that
   * account's lists and automations when missing. Needs the schema: the runtime calls it after the
   * Flyway migration. The connector's statements run on the connection of the caller's unit of
   * work.
   */
  @Override
  public CrmConnector create(ExtensionContext inbox) {
    String account = inbox.accountId();
    if (account == null) {
      throw new IllegalStateException("The embedded CRM connector is made for one account");
    }
    EmbeddedCrmConnector connector =
        new EmbeddedCrmConnector(new Sql(inbox.transactionResource(JdbcUnitOfWork.class)), account);
    Clock clock = inbox.clock();
    inbox
        .unitOfWork()
        .run(
            () -> {
              lists.forEach(name -> connector.listNamed(name, clock.instant()));
              automations.forEach(name -> connector.automationNamed(name, clock.instant()));
            });
    LOG.info(
        () ->
            "CRM connector 'embedded' for account "
                + account
                + ": SMS lists "
                + lists
                + ", automations "
                + automations
                + " in the inbox's own database");
    return connector;
  }
}
