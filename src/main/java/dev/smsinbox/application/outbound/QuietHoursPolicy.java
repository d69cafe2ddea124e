package dev.smsinbox.application.outbound;

import dev.smsinbox.application.Audit;
import dev.smsinbox.application.Caller;
import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.domain.QuietHours;
import dev.smsinbox.domain.QuietHoursRepository;
import dev.smsinbox.sms.PhoneNumbers;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The account's quiet hours applied to one customer: the customer's zone comes from the number
 * (libphonenumber's prefix data; with several zones, the one where the window opens last). A number
 * whose zone is unknown is never held.
 */
public class QuietHoursPolicy {

  /** A message held until the window opens, and why in words (shown with it). */
  public record Hold(Instant until, ZoneId zone, String why) {}

  private final UnitOfWork unitOfWork;
  private final QuietHoursRepository repository;
  private final Audit audit;
  private final Clock clock;

  /**
   * The quiet hours of an account that never set its own: off until the deployment's setting
   * (INBOX_QUIET_HOURS, 21:00-08:00 unless set) is applied at wiring, so a use case built alone (a
   * unit test) holds nothing it was not told to.
   */
  private volatile QuietHours defaults =
      new QuietHours(false, LocalTime.of(21, 0), LocalTime.of(8, 0));

  public QuietHoursPolicy defaults(QuietHours hours) {
    this.defaults = hours;
    return this;
  }

  /** "21:00-08:00", or "off" for none. */
  public static QuietHours parseDefault(String setting) {
    String s = setting == null ? "" : setting.strip();
    if (s.equalsIgnoreCase("off") || s.equalsIgnoreCase("false")) {
      return new QuietHours(false, QuietHours.DEFAULT.start(), QuietHours.DEFAULT.end());
    }
    String[] bounds = s.split("-");
    try {
      return new QuietHours(
          true, LocalTime.parse(bounds[0].strip()), LocalTime.parse(bounds[1].strip()));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "INBOX_QUIET_HOURS must be two local times such as 21:00-08:00, or off; not '"
              + setting
              + "'");
    }
  }

  public QuietHoursPolicy(
      UnitOfWork unitOfWork, QuietHoursRepository repository, Audit audit, Clock clock) {
    this.unitOfWork = unitOfWork;
    this.repository = repository;
    this.audit = audit;
    this.clock = clock;
  }

  /** Inside the caller's transaction: whether a message due {@code at} must wait, until when. */
  Optional<Hold> hold(String accountId, String phone, Instant at) {
    QuietHours hours = repository.find(accountId).orElse(defaults);
    Hold latest = null;
    for (ZoneId zone : PhoneNumbers.timeZonesOf(phone)) {
      Optional<Instant> until = hours.holdUntil(at, List.of(zone));
      if (until.isPresent() && (latest == null || until.get().isAfter(latest.until()))) {
        latest =
            new Hold(
                until.get(),
                zone,
                "Held for quiet hours ("
                    + hours.start()
                    + "–"
                    + hours.end()
                    + " in "
                    + zone.getId()
                    + ", the customer's time) until "
                    + hours.end()
                    + " there");
      }
    }
    return Optional.ofNullable(latest);
  }

  public QuietHours settings(Caller caller) {
    return unitOfWork.inTransaction(() -> repository.find(caller.accountId()).orElse(defaults));
  }

  public QuietHours save(Caller caller, Boolean enabled, String start, String end) {
    QuietHours hours;
    try {
      hours =
          new QuietHours(
              enabled == null || enabled,
              LocalTime.parse(start.strip()),
              LocalTime.parse(end.strip()));
    } catch (DateTimeParseException | NullPointerException | IllegalArgumentException e) {
      throw RequestRefused.invalid(
          "start and end must be two different local times such as \"21:00\" and \"08:00\".");
    }
    return unitOfWork.inTransaction(
        () -> {
          repository.save(caller.accountId(), hours, clock.instant());
          audit.record(
              caller,
              "quiet-hours.saved",
              null,
              null,
              (hours.enabled() ? "on, " : "off, ") + hours.start() + "–" + hours.end());
          return hours;
        });
  }
}
