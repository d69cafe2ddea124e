package dev.smsinbox.domain;

import java.time.Instant;
import java.util.Optional;

/** The inbox settings, one set per CRM account. */
public interface InboxSettingsRepository {

  Optional<InboxSettings> find(String accountId);

  /** Replaces the account's settings as a whole. */
  void save(String accountId, InboxSettings settings, Instant at);
}
