package dev.smsinbox.domain;

import java.time.Instant;
import java.util.Optional;

/** Each account's quiet hours; an account that never set them has {@link QuietHours#DEFAULT}. */
public interface QuietHoursRepository {

  Optional<QuietHours> find(String accountId);

  void save(String accountId, QuietHours hours, Instant at);
}
