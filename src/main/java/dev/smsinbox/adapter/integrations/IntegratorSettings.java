package dev.smsinbox.adapter.integrations;

import java.time.Duration;

/**
 * How hard the inbox tries to hand an event to an integrator's route (camel.events.* settings):
 * attempts, the first retry delay (doubled after each failure, up to the longest), the time one
 * attempt may take, how often an idle route looks for events committed elsewhere, and how long an
 * instance holds a route's lease (several instances on one database: one delivers each route, and
 * another takes the route over once the holder's lease has run out).
 */
public record IntegratorSettings(
    int maxAttempts,
    Duration retryDelay,
    Duration maxRetryDelay,
    Duration timeout,
    Duration pollInterval,
    Duration outboundHookTimeout,
    Duration lease) {

  /**
   * The lease as held: at least twice an attempt's time limit, since it is renewed before each
   * attempt and must outlast the attempt (else another instance could deliver the event too).
   */
  public Duration effectiveLease() {
    Duration least = timeout.multipliedBy(2);
    return lease.compareTo(least) < 0 ? least : lease;
  }
}
