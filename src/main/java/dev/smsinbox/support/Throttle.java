package dev.smsinbox.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code limit} counted events per key in a window that starts at the key's first event:
 * failed sign-ins per address, drafts per admin. Beyond it the key waits until its window ends (the
 * answer's Retry-After). Keys whose window has ended are forgotten, so the map stays as large as
 * the keys of one window.
 */
public final class Throttle {

  private record Window(Instant start, int count) {}

  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  /**
   * @param limit events allowed per window; 0 or less turns the throttle off
   */
  public Throttle(int limit, Duration window, Clock clock) {
    this.limit = limit;
    this.window = window;
    this.clock = clock;
  }

  /** How long {@code key} must wait before its next event counts, or empty when it may go on. */
  public Optional<Duration> waitFor(String key) {
    if (limit <= 0) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Window current = windows.get(key);
    if (current == null || !now.isBefore(current.start().plus(window))) {
      return Optional.empty();
    }
    if (current.count() < limit) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, current.start().plus(window)));
  }

  /** Counts one event for {@code key}. */
  public void count(String key) {
    if (limit <= 0) {
      return;
    }
    Instant now = clock.instant();
    windows.compute(
        key,
        (k, current) ->
            current == null || !now.isBefore(current.start().plus(window))
                ? new Window(now, 1)
                : new Window(current.start(), current.count() + 1));
    if (windows.size() > 10_000) {
      windows.values().removeIf(w -> !now.isBefore(w.start().plus(window)));
    }
  }

  /** Waits, or counts the event and lets it go: the draft limit, where each try counts. */
  public Optional<Duration> tryCount(String key) {
    Optional<Duration> wait = waitFor(key);
    if (wait.isEmpty()) {
      count(key);
    }
    return wait;
  }

  /** Whole seconds for Retry-After, at least one. */
  public static long retryAfterSeconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }
}
