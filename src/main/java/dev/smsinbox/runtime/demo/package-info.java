/**
 * The demo run's data (demo.data.enabled): twenty contacts who received a campaign and an automated
 * SMS, six replies, CRM tags, lists and deals, and draft-reply grounding, seeded only into an empty
 * database.
 *
 * <p>Rule: used by the start-up only; nothing else of the inbox depends on it.
 */
package dev.smsinbox.runtime.demo;
