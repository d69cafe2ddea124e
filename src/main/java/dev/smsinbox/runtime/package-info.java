/**
 * The composition root: start-up and shutdown order ({@code InboxStartup}: Flyway, demo data, the
 * built-in SMSC, Camel with the carrier link, the integrators' routes, housekeeping), wiring of the
 * plain-Java core to CDI ({@code InboxCore}, {@code InboxWiring}, {@code CrmWiring}, {@code
 * AssistantWiring}), configuration ({@code InboxConfig}; the sign-in's in {@code SignInWiring}),
 * the Camel context's lifecycle, metrics and housekeeping.
 *
 * <p>Rule: no feature code and no REST resource here (ArchitectureTest): features live in their
 * rooms, and nothing outside the runtime depends on it.
 */
package dev.smsinbox.runtime;
