package dev.smsinbox.runtime.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smsinbox.adapter.crm.EmbeddedCrmConnectorFactory;
import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.persistence.JdbcContactRepository;
import dev.smsinbox.application.Callers;
import dev.smsinbox.application.port.CrmConnector;
import dev.smsinbox.domain.Contact;
import dev.smsinbox.domain.crm.ListSubscription;
import dev.smsinbox.runtime.InboxExtensionContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The demo's contact panel is full, and seeding twice changes nothing. */
class CrmDemoDataTest {

  @Test
  void seedsTagsAccountsTheNewsletterAutomationsAndADealOnce() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:crm-demo;DB_CLOSE_DELAY=-1");
    dev.smsinbox.runtime.FlywayMigration.configure(dataSource).load().migrate();
    JdbcUnitOfWork unitOfWork = new JdbcUnitOfWork(dataSource);
    JdbcContactRepository contacts = new JdbcContactRepository(unitOfWork);
    unitOfWork.run(
        () -> {
          for (int i = 1; i <= 20; i++) {
            contacts.create(
                Callers.ACCOUNT,
                "P" + i,
                "Demo",
                String.format("+141555501%02d", i),
                null,
                Instant.now());
          }
        });
    EmbeddedCrmConnectorFactory factory = new EmbeddedCrmConnectorFactory();
    factory.init(key -> Optional.empty());
    CrmConnector crm =
        factory.create(new InboxExtensionContext(unitOfWork, Clock.systemUTC(), Callers.ACCOUNT));

    CrmDemoData.seedIfEmpty(unitOfWork, contacts, crm, Callers.ACCOUNT, Clock.systemUTC());
    CrmDemoData.seedIfEmpty(unitOfWork, contacts, crm, Callers.ACCOUNT, Clock.systemUTC());

    unitOfWork.run(
        () -> {
          long ann =
              contacts.findByPhone(Callers.ACCOUNT, "+14155550101").map(Contact::id).orElseThrow();
          assertThat(crm.tags()).hasSize(3);
          assertThat(crm.tagsOf(ann)).hasSize(2);
          assertThat(crm.accountOf(ann)).isPresent();
          assertThat(crm.subscriptionsOf(ann))
              .singleElement()
              .satisfies(
                  s -> {
                    assertThat(s.list().name()).isEqualTo("Newsletter");
                    assertThat(s.isSubscribed()).isTrue();
                  });
          long last =
              contacts.findByPhone(Callers.ACCOUNT, "+14155550120").map(Contact::id).orElseThrow();
          assertThat(crm.subscriptionsOf(last)).allMatch(ListSubscription::isSubscribed);
          assertThat(crm.enrolmentsOf(ann)).hasSize(1);
          assertThat(crm.dealsOf(ann)).hasSize(1);
        });
  }
}
