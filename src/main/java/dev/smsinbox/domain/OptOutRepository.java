package dev.smsinbox.domain;

import java.util.Optional;

/** The numbers that opted out of SMS. Calls run inside the caller's unit of work. */
public interface OptOutRepository {

  Optional<OptOut> find(String e164);

  /** Records the opt-out unless the number is already opted out; true when it was recorded. */
  boolean save(OptOut optOut, long messageId);

  /** True when the number was opted out. */
  boolean delete(String e164);
}
