/**
 * The ports: what the use cases need from the outside, in the domain's words. Outbound: {@code
 * SmsGateway} (the carrier), {@code UnitOfWork} (transactions), {@code InboxEvents} (publish) and
 * {@code InboxEventLog} (read back), {@code IntegratorDeliveries} and {@code IntegratorRoutes} (the
 * integrators' bookkeeping), {@code CrmConnector} with its factory and {@code ConfigScope}, {@code
 * ReplyAssistant}, {@code PageReader}, {@code InboxTelemetry}. Also {@code RequestRefused}, the
 * refusal a person can act on that any use case or port may answer.
 *
 * <p>Rule: a port knows the domain and nothing else of ours (no use case, no adapter; enforced by
 * ArchitectureTest), so an adapter implements it without depending on how it is used.
 */
package dev.smsinbox.application.port;
