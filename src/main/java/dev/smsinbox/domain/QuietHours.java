package dev.smsinbox.domain;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Optional;

/**
 * An account's quiet hours: no automatic or CRM SMS reaches a customer between {@code start} and
 * {@code end} of the customer's local time (21:00–08:00 unless the account says otherwise); such a
 * message is held until the window opens, never refused.
 */
public record QuietHours(boolean enabled, LocalTime start, LocalTime end) {

  public static final QuietHours DEFAULT =
      new QuietHours(true, LocalTime.of(21, 0), LocalTime.of(8, 0));

  public QuietHours {
    if (start == null || end == null || start.equals(end)) {
      throw new IllegalArgumentException("quiet hours need a start and an end that differ");
    }
  }

  /** True when the local time is inside the window (which may run past midnight). */
  public boolean contains(LocalTime t) {
    return start.isBefore(end)
        ? !t.isBefore(start) && t.isBefore(end)
        : !t.isBefore(start) || t.isBefore(end);
  }

  /**
   * When a message due at {@code at} may reach a customer in these zones: empty when it may go
   * then; otherwise the moment the window opens in the zone where it opens last (a number whose
   * zones differ is treated as being in the latest one).
   */
  public Optional<Instant> holdUntil(Instant at, Collection<ZoneId> zones) {
    if (!enabled) {
      return Optional.empty();
    }
    Instant latest = null;
    for (ZoneId zone : zones) {
      ZonedDateTime local = at.atZone(zone);
      if (!contains(local.toLocalTime())) {
        continue;
      }
      ZonedDateTime opens = local.with(end);
      if (!opens.isAfter(local)) {
        opens = opens.plusDays(1);
      }
      Instant open = opens.toInstant();
      if (latest == null || open.isAfter(latest)) {
        latest = open;
      }
    }
    return Optional.ofNullable(latest);
  }
}
