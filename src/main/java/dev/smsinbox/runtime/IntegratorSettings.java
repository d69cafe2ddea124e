package dev.smsinbox.runtime;

import java.time.Duration;

/**
 * How hard the inbox tries to hand an event to an integrator's route (camel.events.* settings):
 * attempts, the first retry delay (doubled after each failure, up to the longest), the time one
 * attempt may take, and how often an idle route looks for events committed elsewhere.
 */
record IntegratorSettings(
    int maxAttempts,
    Duration retryDelay,
    Duration maxRetryDelay,
    Duration timeout,
    Duration pollInterval,
    Duration outboundHookTimeout) {

  static IntegratorSettings from(InboxConfig config) {
    return new IntegratorSettings(
        Math.max(1, config.getInt("camel.events.max-attempts", 5)),
        config.getDuration("camel.events.retry-delay", Duration.ofSeconds(1)),
        config.getDuration("camel.events.max-retry-delay", Duration.ofMinutes(1)),
        config.getDuration("camel.events.timeout", Duration.ofSeconds(10)),
        config.getDuration("camel.events.poll-interval", Duration.ofSeconds(1)),
        config.getDuration("camel.hooks.outbound-timeout", Duration.ofSeconds(2)));
  }
}
