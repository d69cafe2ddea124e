package dev.smsinbox.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Our sender numbers. */
public interface SenderNumberRepository {

  Optional<SenderNumber> find(long id);

  Optional<SenderNumber> findByNumber(String e164);

  List<SenderNumber> all(String accountId);

  /** Creates the number or updates its flags when it exists. */
  SenderNumber save(
      String accountId,
      String e164,
      String country,
      boolean dedicated,
      boolean registered,
      Instant at);
}
