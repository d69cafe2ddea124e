package dev.smsinbox.adapter.integrations;

import java.time.Duration;

/**
 * How hard the inbox tries to hand an event to an integrator's route (camel.events.* settings):
 * attempts, the first retry delay (doubled after each failure, up to the longest), the time one
 * attempt may take, and how often an idle route looks for events committed elsewhere.
 */
public record IntegratorSettings(
    int maxAttempts,
    Duration retryDelay,
    Duration maxRetryDelay,
    Duration timeout,
    Duration pollInterval,
    Duration outboundHookTimeout) {}
