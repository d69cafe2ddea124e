package dev.smsinbox.adapter.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.persistence.JdbcContactRepository;
import dev.smsinbox.application.contacts.CrmConnectorContract;
import dev.smsinbox.application.port.CrmConnector;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.crm.SmsList;
import dev.smsinbox.runtime.InboxExtensionContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embedded connector on H2 in memory, migrated by the real Flyway scripts. */
class EmbeddedCrmConnectorTest extends CrmConnectorContract {

  private static JdbcUnitOfWork unitOfWork;
  private static CrmConnector connector;
  private static final AtomicLong phones = new AtomicLong(4155550000L);

  @BeforeAll
  static void database() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:crm-contract;DB_CLOSE_DELAY=-1");
    dev.smsinbox.runtime.FlywayMigration.configure(dataSource).load().migrate();
    unitOfWork = new JdbcUnitOfWork(dataSource);
    EmbeddedCrmConnectorFactory factory = new EmbeddedCrmConnectorFactory();
    Map<String, String> settings = Map.of("lists", "Newsletter, Special offers,newsletter");
    factory.init(key -> Optional.ofNullable(settings.get(key)));
    connector = factory.create(new InboxExtensionContext(unitOfWork, Clock.systemUTC(), "default"));
  }

  @Override
  protected CrmConnector connector() {
    return connector;
  }

  @Override
  protected UnitOfWork unitOfWork() {
    return unitOfWork;
  }

  @Override
  protected long newContact() {
    JdbcContactRepository contacts = new JdbcContactRepository(unitOfWork);
    return unitOfWork.inTransaction(
        () ->
            contacts
                .create(
                    "default",
                    "Test",
                    "Contact",
                    "+1" + phones.incrementAndGet(),
                    null,
                    Instant.now())
                .id());
  }

  @Test
  void theConfiguredListsAndDefaultAutomationsExistOnceEach() {
    assertThat(unitOfWork.inTransaction(connector::lists))
        .extracting(SmsList::name)
        .containsExactly("Newsletter", "Special offers");
    assertThat(unitOfWork.inTransaction(connector::automations)).hasSize(2);
  }
}
