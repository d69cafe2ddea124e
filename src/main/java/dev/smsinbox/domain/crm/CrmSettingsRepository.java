package dev.smsinbox.domain.crm;

import java.time.Instant;
import java.util.Optional;

/** Where each CRM account's connector settings are kept. Calls run in the caller's unit of work. */
public interface CrmSettingsRepository {

  Optional<CrmSettings> find(String accountId);

  void save(String accountId, CrmSettings settings, Instant at);
}
