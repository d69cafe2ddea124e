package dev.smsinbox.runtime;

import dev.smsinbox.application.port.ConfigScope;
import dev.smsinbox.application.port.CrmConnector;
import dev.smsinbox.application.port.CrmConnectorCatalog;
import dev.smsinbox.application.port.CrmConnectorFactory;
import dev.smsinbox.application.port.CrmConnectors;
import dev.smsinbox.application.port.ExtensionFactory;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.crm.CrmSettings;
import dev.smsinbox.domain.crm.CrmSettingsRepository;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Each CRM account's connector: made from the account's own settings when it saved some (GET/PUT
 * /api/settings/crm), else the deployment's connector made for the account. Made on first use and
 * kept until the account's settings change.
 */
final class AccountCrmConnectors implements CrmConnectors, CrmConnectorCatalog {

  private static final Logger LOG = Logger.getLogger(AccountCrmConnectors.class.getName());

  /** An account's own connector, with the factory that made it (closed with it). */
  private record Own(ExtensionFactory<CrmConnector> factory, CrmConnector connector) {
    static final Own NONE = new Own(null, null);
  }

  private final Extension<CrmConnector> deployment;
  private final String deploymentId;
  private final CrmSettingsRepository settings;
  private final UnitOfWork unitOfWork;
  private final InboxExtensionContext inbox;
  private final Map<String, Own> own = new ConcurrentHashMap<>();

  AccountCrmConnectors(
      Extension<CrmConnector> deployment,
      String deploymentId,
      CrmSettingsRepository settings,
      UnitOfWork unitOfWork,
      InboxExtensionContext inbox) {
    this.deployment = deployment;
    this.deploymentId = deploymentId;
    this.settings = settings;
    this.unitOfWork = unitOfWork;
    this.inbox = inbox;
  }

  @Override
  public CrmConnector forAccount(String accountId) {
    Own made = own.computeIfAbsent(accountId, this::make);
    return made.connector() != null ? made.connector() : deployment.instanceFor(accountId);
  }

  private Own make(String accountId) {
    Optional<CrmSettings> saved = unitOfWork.inTransaction(() -> settings.find(accountId));
    if (saved.isEmpty()) {
      return Own.NONE;
    }
    ExtensionFactory<CrmConnector> factory = initialised(saved.get());
    try {
      return new Own(factory, factory.create(inbox.forAccount(accountId)));
    } catch (RuntimeException e) {
      factory.close();
      throw e;
    }
  }

  @Override
  public List<String> ids() {
    return Extension.ids(CrmConnectorFactory.class);
  }

  @Override
  public String deploymentDefault() {
    return deploymentId;
  }

  @Override
  public void check(CrmSettings settings) {
    initialised(settings).close();
  }

  @Override
  public void changed(String accountId) {
    Own gone = own.remove(accountId);
    if (gone != null && gone.factory() != null) {
      close(gone);
    }
  }

  void close() {
    own.values().stream().filter(o -> o.factory() != null).forEach(AccountCrmConnectors::close);
    own.clear();
  }

  private static void close(Own gone) {
    try {
      if (gone.connector() instanceof AutoCloseable closeable) {
        closeable.close();
      }
      gone.factory().close();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Closing an account's CRM connector failed", e);
    }
  }

  /** A new factory of the account's connector, having read the account's settings alone. */
  private static ExtensionFactory<CrmConnector> initialised(CrmSettings saved) {
    ExtensionFactory<CrmConnector> factory =
        Extension.newFactory(CrmConnectorFactory.class, "crm", "connector", saved.connector());
    try {
      factory.init(new AccountScope(saved.settings()));
      return factory;
    } catch (RuntimeException e) {
      factory.close();
      throw e;
    }
  }

  /** An account's settings, by the connector's own keys; nothing of the deployment's. */
  private record AccountScope(Map<String, String> values) implements ConfigScope {

    @Override
    public Optional<String> get(String key) {
      return Optional.ofNullable(values.get(key));
    }

    @Override
    public String describe(String key) {
      return "'" + key + "' of the account's CRM settings";
    }
  }
}
