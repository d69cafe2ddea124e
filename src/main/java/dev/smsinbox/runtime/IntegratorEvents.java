package dev.smsinbox.runtime;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;

/**
 * Hands committed inbox events to integrators' routes in camel-routes/ (see its README): an event
 * goes to its documented endpoint only when a route listens there, asynchronously, so a slow or
 * failing integrator route never delays the carrier's acknowledgement.
 */
final class IntegratorEvents {

  private static final Logger LOG = Logger.getLogger(IntegratorEvents.class.getName());

  /** Not an inbox event (screens do not show it): published by {@link CamelAutomationEvents}. */
  static final String AUTOMATION_ENROLLED = "automation.enrolled";

  /** Inbox event type → the stable endpoint integrators listen on. */
  private static final Map<String, String> ENDPOINTS =
      Map.of(
          "message.received",
          "direct:sms.received",
          "message.status",
          "direct:sms.status",
          AUTOMATION_ENROLLED,
          "direct:automation.enrolled");

  private final CamelContext context;
  private final ProducerTemplate producer;

  IntegratorEvents(CamelContext context) {
    this.context = context;
    this.producer = context.createProducerTemplate();
  }

  void publish(String type, String json) {
    String uri = ENDPOINTS.get(type);
    if (uri == null || !hasListener(uri)) {
      return;
    }
    producer
        .asyncRequestBodyAndHeader(uri, json, "SmsInboxEvent", type)
        .exceptionally(
            e -> {
              LOG.log(Level.WARNING, "An integrator route on " + uri + " failed", e);
              return null;
            });
  }

  private boolean hasListener(String uri) {
    // Camel keeps endpoints under their normalised URI ("direct://sms.received"), so compare
    // endpoints, not the URI as written.
    Endpoint endpoint = context.hasEndpoint(uri);
    return endpoint != null
        && context.getRoutes().stream().anyMatch(route -> route.getEndpoint() == endpoint);
  }
}
