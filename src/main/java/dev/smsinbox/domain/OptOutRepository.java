package dev.smsinbox.domain;

import java.util.Optional;

/** The numbers that opted out of SMS. Calls run inside the caller's unit of work. */
public interface OptOutRepository {

  Optional<OptOut> find(String accountId, String e164);

  /**
   * Records the opt-out unless the number is already opted out; true when it was recorded.
   *
   * @param messageId the message that was the keyword; null when it was an unrouted SMS
   */
  boolean save(String accountId, OptOut optOut, Long messageId);

  /** True when the number was opted out. */
  boolean delete(String accountId, String e164);
}
