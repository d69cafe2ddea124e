package dev.smsinbox.runtime;

import dev.smsinbox.adapter.crm.EmbeddedCrmConnectorFactory;
import dev.smsinbox.adapter.persistence.JdbcCrmChangeQueue;
import dev.smsinbox.adapter.persistence.JdbcCrmSettingsRepository;
import dev.smsinbox.adapter.persistence.JdbcCrmWebhookRepository;
import dev.smsinbox.adapter.persistence.JdbcKeywordRuleRepository;
import dev.smsinbox.adapter.persistence.JdbcOptOutRepository;
import dev.smsinbox.application.contacts.ContactPanel;
import dev.smsinbox.application.contacts.CrmWebhooks;
import dev.smsinbox.application.contacts.ManageCrmSettings;
import dev.smsinbox.application.contacts.OptOutGuard;
import dev.smsinbox.application.contacts.OptOutRegistry;
import dev.smsinbox.application.contacts.RecordedAutomationEvents;
import dev.smsinbox.application.contacts.SaveContact;
import dev.smsinbox.application.keywords.ActOnKeywords;
import dev.smsinbox.application.keywords.CrmChanges;
import dev.smsinbox.application.keywords.KeywordReplies;
import dev.smsinbox.application.keywords.KeywordSettings;
import dev.smsinbox.application.keywords.ManageKeywordRules;
import dev.smsinbox.application.port.CrmConnector;
import dev.smsinbox.application.port.CrmConnectorFactory;
import dev.smsinbox.application.port.CrmConnectors;
import dev.smsinbox.domain.crm.Plan;
import dev.smsinbox.runtime.demo.CrmDemoData;
import dev.smsinbox.support.DaemonThreads;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
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
  private AccountCrmConnectors accounts;
  private OptOutRegistry optOuts;
  private CrmChanges crmChanges;
  private ScheduledExecutorService crmChangeWorker;

  /** Called by the start-up after the migration: fails fast on a wrong connector or plan. */
  void start(boolean demoData) {
    CrmConnectors crm = connectors();
    LOG.info(() -> "CRM plan " + plan().displayName());
    startCrmChangeWorker();
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
    if (accounts == null) {
      accounts =
          new AccountCrmConnectors(
              connector,
              config.optional("crm.connector").orElse(EmbeddedCrmConnectorFactory.ID),
              new JdbcCrmSettingsRepository(wiring.unitOfWork()),
              wiring.unitOfWork(),
              new InboxExtensionContext(wiring.unitOfWork(), wiring.clock()));
    }
    return accounts;
  }

  /**
   * The account's CRM settings changed on another instance of the inbox: its connector is made
   * again from them on next use.
   */
  synchronized void accountSettingsChanged(String accountId) {
    if (accounts != null) {
      accounts.changed(accountId);
    }
  }

  @Produces
  @Singleton
  synchronized ManageCrmSettings manageCrmSettings() {
    connectors();
    return new ManageCrmSettings(
        wiring.unitOfWork(),
        new JdbcCrmSettingsRepository(wiring.unitOfWork()),
        accounts,
        wiring.audit(),
        wiring.clock());
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

  /** ActiveCampaign's webhooks into the inbox (issue 20), each account's by its secret token. */
  @Produces
  @Singleton
  CrmWebhooks crmWebhooks() {
    return new CrmWebhooks(
        wiring.unitOfWork(),
        new JdbcCrmWebhookRepository(wiring.unitOfWork()),
        connectors(),
        wiring.contacts(),
        optOutRegistry(),
        wiring.events(),
        wiring.audit(),
        wiring.metrics(),
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
        crmChanges(),
        wiring.messages(),
        replies,
        wiring.events(),
        wiring.contacts(),
        wiring.conversations(),
        wiring.unrouted(),
        new JdbcKeywordRuleRepository(wiring.unitOfWork()));
  }

  /** The account's keyword rules (issue 20): a keyword that enrols in an automation. */
  @Produces
  @Singleton
  ManageKeywordRules manageKeywordRules() {
    return new ManageKeywordRules(
        wiring.unitOfWork(),
        new JdbcKeywordRuleRepository(wiring.unitOfWork()),
        wiring.numbers(),
        new KeywordSettings(config::optional),
        contactPanel(),
        wiring.audit(),
        wiring.clock());
  }

  /** A send guard: no inbox reply to a number that texted STOP. */
  @Produces
  @Singleton
  OptOutGuard optOutGuard() {
    return new OptOutGuard(optOutRegistry());
  }

  /**
   * The CRM changes SMS ask for (STOP, START, a keyword rule's enrolment): at once with the
   * embedded connector, else through the durable queue ({@code crm.changes.*}: max-attempts 10,
   * retry-delay PT5S doubling up to max-retry-delay PT10M).
   */
  synchronized CrmChanges crmChanges() {
    if (crmChanges == null) {
      crmChanges =
          new CrmChanges(
              wiring.unitOfWork(),
              connectors(),
              new JdbcCrmChangeQueue(wiring.unitOfWork()),
              new RecordedAutomationEvents(wiring.events()),
              new CrmChanges.Retries(
                  Math.max(1, config.getInt("crm.changes.max-attempts", 10)),
                  config.getDuration("crm.changes.retry-delay", Duration.ofSeconds(5)),
                  config.getDuration("crm.changes.max-retry-delay", Duration.ofMinutes(10))),
              wiring.clock());
    }
    return crmChanges;
  }

  /**
   * Applies queued CRM changes every {@code crm.changes.poll-interval} (PT1S), off the link. Runs
   * whatever the connector: each account's connector is made on its first use, and an empty queue
   * costs one indexed query a poll.
   */
  private synchronized void startCrmChangeWorker() {
    CrmChanges changes = crmChanges();
    if (crmChangeWorker != null) {
      return;
    }
    long every = config.getDuration("crm.changes.poll-interval", Duration.ofSeconds(1)).toMillis();
    crmChangeWorker = DaemonThreads.timer("sms-inbox-crm-changes");
    crmChangeWorker.scheduleWithFixedDelay(
        () -> {
          try {
            changes.applyDue();
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Applying queued CRM changes failed; trying again shortly", e);
          }
        },
        every,
        every,
        TimeUnit.MILLISECONDS);
    LOG.info(
        () ->
            "CRM changes asked for by SMS, for a CRM outside the inbox's database, are applied"
                + " from their queue every "
                + every
                + " ms");
  }

  @PreDestroy
  synchronized void close() {
    if (crmChangeWorker != null) {
      crmChangeWorker.shutdownNow();
    }
    if (accounts != null) {
      accounts.close();
    }
    if (connector != null) {
      connector.close();
    }
  }
}
