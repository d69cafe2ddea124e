package dev.smsinbox.application.inbound;

import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.SenderNumber;
import dev.smsinbox.domain.SenderNumberRepository;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Our numbers as the acknowledgement path asks for them, once a batch: a number found to be ours is
 * remembered for a few seconds, so a busy link asks memory rather than the database while the
 * carrier waits. Only "ours" is remembered: a number just added counts at once, while one that
 * stopped being ours within those seconds lets an SMS into the journal, and the filer, which reads
 * the database, keeps it among the unrouted SMS — as it does when the change falls between an
 * acknowledgement and its filing. Whether a number is two-way does not matter here: an SMS to any
 * number of ours is kept.
 */
final class OurNumbers {

  private record Known(SenderNumber number, long until) {}

  private final UnitOfWork unitOfWork;
  private final SenderNumberRepository numbers;
  private final long rememberNanos;
  private final LongSupplier nanoTime;
  private final Map<String, Known> known = new ConcurrentHashMap<>();

  OurNumbers(
      UnitOfWork unitOfWork,
      SenderNumberRepository numbers,
      Duration remember,
      LongSupplier nanoTime) {
    this.unitOfWork = unitOfWork;
    this.numbers = numbers;
    this.rememberNanos = remember.toNanos();
    this.nanoTime = nanoTime;
  }

  /** Forgets every number remembered: what the database says counts from the next look. */
  void forget() {
    known.clear();
  }

  /** The number with this E.164 form, read in the caller's transaction or a short one. */
  Optional<SenderNumber> find(String e164) {
    long now = nanoTime.getAsLong();
    Known remembered = known.get(e164);
    if (remembered != null && remembered.until() - now > 0) {
      return Optional.of(remembered.number());
    }
    Optional<SenderNumber> found = unitOfWork.inTransaction(() -> numbers.findByNumber(e164));
    if (found.isPresent()) {
      known.put(e164, new Known(found.get(), now + rememberNanos));
    } else {
      known.remove(e164);
    }
    return found;
  }
}
