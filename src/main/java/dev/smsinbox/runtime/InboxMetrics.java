package dev.smsinbox.runtime;

import dev.smsinbox.adapter.integrations.IntegratorTelemetry;
import dev.smsinbox.adapter.smpp.SmppLinkState;
import dev.smsinbox.application.port.InboxTelemetry;
import dev.smsinbox.domain.MessageStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/** The inbox's counters and gauges on /metrics (MicroProfile Metrics, application scope). */
@ApplicationScoped
public class InboxMetrics implements InboxTelemetry, IntegratorTelemetry {

  @Inject MetricRegistry registry;

  /**
   * Gauges read live state: whether the link is bound, how deep the outbox is, how many received
   * SMS wait for the inbound writer (a queue that keeps growing means storing is the bottleneck),
   * how many acknowledged SMS wait in the inbound journal to be filed (one that stays above zero
   * means filing fails: the log says why).
   */
  void registerGauges(
      SmppLinkState link,
      LongSupplier outboxDepth,
      LongSupplier inboundWaiting,
      LongSupplier inboundUnfiled) {
    registry.gauge("smpp_link_bound", () -> link.isBound() ? 1 : 0);
    registry.gauge("sms_outbox_depth", outboxDepth::getAsLong);
    registry.gauge("sms_inbound_waiting", inboundWaiting::getAsLong);
    registry.gauge("sms_inbound_unfiled", inboundUnfiled::getAsLong);
  }

  /** A rebind after a lost SMPP link (the supervisor's, beyond camel-smpp's quick retries). */
  void rebindAttempt() {
    registry.counter("smpp_rebind_attempts").inc();
  }

  @Override
  public void received() {
    registry.counter("sms_received").inc();
  }

  @Override
  public void filingBatch(int sms, Duration took) {
    registry.histogram("sms_filing_batch_size").update(sms);
    registry.timer("sms_filing_batch").update(took);
  }

  @Override
  public void journalCommit(int sms, Duration waited, Duration took) {
    registry.histogram("sms_journal_commit_size").update(sms);
    registry.timer("sms_journal_wait").update(waited);
    registry.timer("sms_journal_commit").update(took);
  }

  @Override
  public void crmWebhook(String type, String outcome) {
    registry.counter("crm_webhooks", new Tag("type", type), new Tag("outcome", outcome)).inc();
  }

  @Override
  public void notOurNumber() {
    registry.counter("sms_refused_not_our_number").inc();
  }

  @Override
  public void unrouted() {
    registry.counter("sms_received_unrouted").inc();
  }

  @Override
  public void duplicate() {
    registry.counter("sms_received_duplicates").inc();
  }

  @Override
  public void partSubmitted() {
    registry.counter("sms_parts_submitted").inc();
  }

  @Override
  public void submitRefused(boolean temporary) {
    registry
        .counter("sms_submits_refused", new Tag("kind", temporary ? "temporary" : "permanent"))
        .inc();
  }

  @Override
  public void receipt(MessageStatus status) {
    registry.counter("sms_receipts", new Tag("status", status.name())).inc();
  }

  @Override
  public void undecodablePdu() {
    registry.counter("smpp_pdus_undecodable").inc();
  }

  @Override
  public void parkedReceiptsExpired(int count) {
    registry.counter("sms_receipts_park_expired").inc(count);
  }

  @Override
  public void delivered(String routeId, String event) {
    registry
        .counter("integrator_deliveries", new Tag("route", routeId), new Tag("event", event))
        .inc();
  }

  @Override
  public void attemptFailed(String routeId, String event) {
    registry
        .counter("integrator_delivery_failures", new Tag("route", routeId), new Tag("event", event))
        .inc();
  }

  @Override
  public void deadLettered(String routeId, String event) {
    registry
        .counter("integrator_dead_letters", new Tag("route", routeId), new Tag("event", event))
        .inc();
  }

  /** Outbound hook calls that failed or timed out: the send went ahead (fail-open). */
  @Override
  public void outboundHookFailed(String routeId) {
    registry.counter("integrator_outbound_hook_failures", new Tag("route", routeId)).inc();
  }

  /** Route files that could not be loaded at the last (re)load. */
  void registerRouteFileErrors(LongSupplier broken) {
    registry.gauge("integrator_route_files_broken", broken::getAsLong);
  }
}
