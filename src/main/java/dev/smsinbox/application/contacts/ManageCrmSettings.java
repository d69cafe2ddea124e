package dev.smsinbox.application.contacts;

import dev.smsinbox.application.Audit;
import dev.smsinbox.application.Caller;
import dev.smsinbox.application.port.CrmConnectorCatalog;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.crm.CrmSettings;
import dev.smsinbox.domain.crm.CrmSettingsRepository;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each CRM account's own connector and settings (CONTRACT "CRM connectors"): an admin picks the
 * connector and gives its settings; secrets (an API token) are written, never read back, and kept
 * when a save leaves them out. Without its own settings an account uses the deployment's.
 */
public class ManageCrmSettings {

  /**
   * What an admin reads: the connector, its readable settings, which secrets are set, and whether
   * these are the account's own ({@code false}: the deployment's connector).
   */
  public record View(
      String connector,
      Map<String, String> settings,
      Set<String> secretsSet,
      boolean own,
      List<String> connectors) {}

  private final UnitOfWork unitOfWork;
  private final CrmSettingsRepository settings;
  private final CrmConnectorCatalog catalog;
  private final Audit audit;
  private final Clock clock;

  public ManageCrmSettings(
      UnitOfWork unitOfWork,
      CrmSettingsRepository settings,
      CrmConnectorCatalog catalog,
      Audit audit,
      Clock clock) {
    this.unitOfWork = unitOfWork;
    this.settings = settings;
    this.catalog = catalog;
    this.audit = audit;
    this.clock = clock;
  }

  public View current(Caller caller) {
    return unitOfWork
        .inTransaction(() -> settings.find(caller.accountId()))
        .map(s -> new View(s.connector(), s.readable(), s.secretsSet(), true, catalog.ids()))
        .orElseGet(
            () -> new View(catalog.deploymentDefault(), Map.of(), Set.of(), false, catalog.ids()));
  }

  /**
   * Saves the account's connector and settings once the connector has read them without fault; a
   * secret left out (or blank) keeps the one saved before for the same connector.
   */
  public View save(Caller caller, String connector, Map<String, String> given) {
    String id = connector == null ? "" : connector.strip();
    if (!catalog.ids().contains(id)) {
      throw RequestRefused.invalid(
          "connector must be one of " + catalog.ids() + ", not '" + connector + "'.");
    }
    Map<String, String> values = new LinkedHashMap<>();
    if (given != null) {
      given.forEach(
          (k, v) -> {
            if (k != null && v != null && !v.isBlank()) {
              values.put(k.strip(), v.strip());
            }
          });
    }
    unitOfWork
        .inTransaction(() -> settings.find(caller.accountId()))
        .filter(before -> before.connector().equals(id))
        .ifPresent(
            before ->
                before
                    .settings()
                    .forEach(
                        (k, v) -> {
                          if (CrmSettings.isSecret(k)) {
                            values.putIfAbsent(k, v);
                          }
                        }));
    CrmSettings saved = new CrmSettings(id, values);
    try {
      catalog.check(saved);
    } catch (IllegalStateException e) {
      throw RequestRefused.invalid(e.getMessage() + ".");
    }
    unitOfWork.run(
        () -> {
          settings.save(caller.accountId(), saved, clock.instant());
          audit.record(
              caller,
              "settings.crm-saved",
              null,
              null,
              "CRM connector '"
                  + id
                  + "' with "
                  + saved.readable().keySet()
                  + (saved.secretsSet().isEmpty() ? "" : " and secrets " + saved.secretsSet()));
          unitOfWork.afterCommit(() -> catalog.changed(caller.accountId()));
        });
    return new View(id, saved.readable(), saved.secretsSet(), true, catalog.ids());
  }
}
