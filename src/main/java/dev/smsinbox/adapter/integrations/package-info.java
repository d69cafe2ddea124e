/**
 * The integrators' contract (camel-routes/README.md) in one room: {@link
 * dev.smsinbox.adapter.integrations.IntegratorContract} names every endpoint and header; route
 * files are loaded and reported here ({@code RouteFiles}, {@code IntegratorRoutesHealth});
 * committed events reach each listening route from its own cursor with retries and dead letters
 * ({@code IntegratorEvents}, {@code RouteListener}); the hooks ask routes before a send ({@code
 * OutboundHookGuard}) and act on what they answer about a received SMS ({@code
 * InboundHookActions}); helpers routes may call ({@code HmacSigner}, {@code ChatText}).
 *
 * <p>Rule: an integrator's route is never on the carrier's path: it hears of an SMS after its
 * commit, and a route that fails or hangs delays only itself. This package reaches the rest of the
 * inbox through application ports and use cases, never through another adapter.
 */
package dev.smsinbox.adapter.integrations;
