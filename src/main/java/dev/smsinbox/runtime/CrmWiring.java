package dev.smsinbox.runtime;

import dev.smsinbox.adapter.crm.EmbeddedCrmConnectorFactory;
import dev.smsinbox.adapter.persistence.JdbcOptOutRepository;
import dev.smsinbox.application.contacts.ContactPanel;
import dev.smsinbox.application.contacts.OptOutGuard;
import dev.smsinbox.application.contacts.OptOutRegistry;
import dev.smsinbox.application.contacts.RecordedAutomationEvents;
import dev.smsinbox.application.contacts.SaveContact;
import dev.smsinbox.application.keywords.ActOnKeywords;
import dev.smsinbox.application.keywords.KeywordReplies;
import dev.smsinbox.application.keywords.KeywordSettings;
import dev.smsinbox.application.port.CrmConnector;
import dev.smsinbox.application.port.CrmConnectorFactory;
import dev.smsinbox.application.port.CrmConnectors;
import dev.smsinbox.domain.crm.Plan;
import dev.smsinbox.runtime.demo.CrmDemoData;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Builds the contact panel, the CRM connector and the opt-out keyword rules, and offers them to
 * CDI. The connector is chosen by {@code crm.connector} among the {@link CrmConnectorFactory}
 * services (see {@link Extension}); an unknown id stops the start-up naming the known ones.
 */
@ApplicationScoped
public class CrmWiring {

  private static final Logger LOG = Logger.getLogger(CrmWiring.class.getName());

  @Inject InboxConfig config;
  @Inject InboxWiring wiring;

  private Extension<CrmConnector> connector;
  private OptOutRegistry optOuts;

  /** Called by the start-up after the migration: fails fast on a wrong connector or plan. */
  void start(boolean demoData) {
    CrmConnectors crm = connectors();
    LOG.info(() -> "CRM plan " + plan().displayName());
    if (demoData) {
      String account = config.defaultAccount();
      CrmDemoData.seedIfEmpty(
          wiring.unitOfWork(), wiring.contacts(), crm.forAccount(account), account, wiring.clock());
    }
  }

  @Produces
  @Singleton
  synchronized CrmConnectors connectors() {
    if (connector == null) {
      connector =
          Extension.open(
              CrmConnectorFactory.class,
              "crm",
              "connector",
              EmbeddedCrmConnectorFactory.ID,
              config::optional,
              new InboxExtensionContext(wiring.unitOfWork(), wiring.clock()),
              true);
    }
    Extension<CrmConnector> made = connector;
    return made::instanceFor;
  }

  Plan plan() {
    String value = config.get("crm.plan", Plan.ENTERPRISE.name());
    try {
      return Plan.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "Setting crm.plan (CRM_PLAN) must be one of "
              + Arrays.toString(Plan.values())
              + ", not '"
              + value
              + "'");
    }
  }

  @Produces
  @Singleton
  synchronized OptOutRegistry optOutRegistry() {
    if (optOuts == null) {
      optOuts =
          new OptOutRegistry(wiring.unitOfWork(), new JdbcOptOutRepository(wiring.unitOfWork()));
    }
    return optOuts;
  }

  @Produces
  @Singleton
  ContactPanel contactPanel() {
    return new ContactPanel(
        wiring.unitOfWork(),
        wiring.contacts(),
        connectors(),
        optOutRegistry(),
        wiring.audit(),
        new RecordedAutomationEvents(wiring.events()),
        plan(),
        config.get("crm.profile-url-template", "/contacts/{id}"),
        wiring.clock());
  }

  @Produces
  @Singleton
  SaveContact saveContact() {
    return new SaveContact(wiring.unitOfWork(), wiring.contacts(), wiring.audit(), wiring.clock());
  }

  /**
   * An inbound hook and an unrouted hook: found by InboxWiring among the CDI beans implementing
   * them.
   */
  @Produces
  @Singleton
  ActOnKeywords keywords() {
    KeywordReplies replies = new KeywordReplies(wiring.outboundQueue());
    return new ActOnKeywords(
        new KeywordSettings(config::optional),
        optOutRegistry(),
        connectors(),
        wiring.messages(),
        replies,
        wiring.events(),
        wiring.contacts(),
        wiring.conversations(),
        wiring.unrouted());
  }

  /** A send guard: no inbox reply to a number that texted STOP. */
  @Produces
  @Singleton
  OptOutGuard optOutGuard() {
    return new OptOutGuard(optOutRegistry());
  }

  @PreDestroy
  synchronized void close() {
    if (connector != null) {
      connector.close();
    }
  }
}
