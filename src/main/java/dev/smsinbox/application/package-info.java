/**
 * The inbox's use cases, grouped by feature: {@code inbound}, {@code outbound}, {@code contacts},
 * {@code keywords}, {@code assistant}, with their ports in {@code port}. Here, what several groups
 * share: credits ({@code Credits}, {@code CreditPricing}), the inbox's reads ({@code InboxQueries},
 * {@code ListCursor}), sender numbers ({@code ManageNumbers}), the integrators' hooks ({@code
 * MessageHooks}) and the live events' JSON ({@code InboxEventPayloads}).
 *
 * <p>Rule: plain Java wired by the runtime; adapters call in, ports call out; no cycle between the
 * groups. A use case runs each change in one unit of work, so what the carrier or an admin was told
 * has happened is committed.
 */
package dev.smsinbox.application;
