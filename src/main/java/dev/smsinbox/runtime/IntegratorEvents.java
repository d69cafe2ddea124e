package dev.smsinbox.runtime;

import dev.smsinbox.adapter.persistence.JdbcInboxEvents.StoredEvent;
import dev.smsinbox.adapter.persistence.JdbcIntegratorDeliveries;
import dev.smsinbox.application.ActOnKeywords;
import dev.smsinbox.application.InboxEvents;
import dev.smsinbox.application.SummarizeConversations;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;

/**
 * Hands committed inbox events to integrators' routes in camel-routes/ (see its README): every
 * route whose {@code from} is a contract endpoint ({@code direct:sms.received}, or a name under it
 * such as {@code direct:sms.received.webhook}) gets each event once it is committed, at least once,
 * from its own cursor in the event log. A slow, hanging or failing route delays only itself; the
 * carrier's acknowledgement never waits for any of them.
 */
final class IntegratorEvents implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(IntegratorEvents.class.getName());

  /** Recorded by {@link RecordedAutomationEvents}; screens ignore it. */
  static final String AUTOMATION_ENROLLED = "automation.enrolled";

  static final String OPTED_OUT = ActOnKeywords.OPTED_OUT;
  static final String OPTED_IN = ActOnKeywords.OPTED_IN;

  /** The inbound hook: a listener of received SMS whose answer the inbox acts on. */
  static final String INBOUND_HOOK = "hook.inbound";

  private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");
  private static final Set<String> FINAL = Set.of("DELIVERED", "FAILED", "EXPIRED", "REJECTED");

  /** A contract event: its stored type in inbox_event, and which of those rows it is. */
  record Contract(String name, String storedType, Predicate<StoredEvent> which) {}

  /**
   * The stable names integrators listen on, as {@code direct:<name>} or {@code direct:<name>.x}.
   */
  static final List<Contract> CONTRACT =
      List.of(
          new Contract("sms.received", InboxEvents.MESSAGE_RECEIVED, e -> true),
          new Contract(
              "sms.sent", InboxEvents.MESSAGE_STATUS, e -> status(e).equals(Optional.of("SENT"))),
          new Contract(
              "sms.status",
              InboxEvents.MESSAGE_STATUS,
              e -> status(e).filter(FINAL::contains).isPresent()),
          new Contract(OPTED_OUT, OPTED_OUT, e -> true),
          new Contract(OPTED_IN, OPTED_IN, e -> true),
          new Contract(AUTOMATION_ENROLLED, AUTOMATION_ENROLLED, e -> true),
          new Contract("conversation.summarized", SummarizeConversations.EVENT, e -> true),
          new Contract(INBOUND_HOOK, InboxEvents.MESSAGE_RECEIVED, e -> true));

  private final CamelContext context;
  private final JdbcIntegratorDeliveries deliveries;
  private final IntegratorSettings settings;
  private final IntegratorTelemetry telemetry;
  private final Clock clock;
  private final InboundHookAnswers hookAnswers;
  private final ScheduledExecutorService scanner =
      Executors.newSingleThreadScheduledExecutor(r -> thread(r, "integrator-routes-scan"));
  private final ExecutorService calls =
      Executors.newCachedThreadPool(r -> thread(r, "integrator-call"));
  private final Map<String, RouteListener> listeners = new HashMap<>();

  IntegratorEvents(
      CamelContext context,
      JdbcIntegratorDeliveries deliveries,
      IntegratorSettings settings,
      IntegratorTelemetry telemetry,
      InboundHookAnswers hookAnswers,
      Clock clock) {
    this.context = context;
    this.deliveries = deliveries;
    this.settings = settings;
    this.telemetry = telemetry;
    this.hookAnswers = hookAnswers;
    this.clock = clock;
  }

  /**
   * Finds the listening routes now and again (route files may be reloaded). A route seen for the
   * first time hears the events committed since the start-up, or, when it came with a reload, since
   * it appeared.
   */
  IntegratorEvents start(LongSupplier lastEventId) {
    long atStartUp = lastEventId.getAsLong();
    scanner.scheduleWithFixedDelay(
        () -> scan(firstScan.getAndSet(false) ? atStartUp : lastEventId.getAsLong()),
        0,
        2,
        TimeUnit.SECONDS);
    return this;
  }

  private final AtomicBoolean firstScan = new AtomicBoolean(true);

  /** Called after each commit that recorded events: listeners look at once instead of polling. */
  void wake() {
    synchronized (listeners) {
      listeners.values().forEach(RouteListener::wake);
    }
  }

  /** The contract event a route listens to, from its {@code from} endpoint; empty for others. */
  static Optional<Contract> contractOf(String endpointUri) {
    if (endpointUri == null || !endpointUri.startsWith("direct:")) {
      return Optional.empty();
    }
    String name = endpointUri.substring("direct:".length());
    if (name.startsWith("//")) {
      name = name.substring(2);
    }
    int query = name.indexOf('?');
    String key = query < 0 ? name : name.substring(0, query);
    return CONTRACT.stream()
        .filter(c -> key.equals(c.name()) || key.startsWith(c.name() + "."))
        .findFirst();
  }

  private void scan(long startAt) {
    try {
      Map<String, Route> listening = new HashMap<>();
      for (Route route : context.getRoutes()) {
        if (contractOf(route.getEndpoint().getEndpointUri()).isPresent()) {
          listening.put(route.getRouteId(), route);
        }
      }
      synchronized (listeners) {
        listeners
            .entrySet()
            .removeIf(
                l -> {
                  Route now = listening.get(l.getKey());
                  boolean gone =
                      now == null
                          || !now.getEndpoint().getEndpointUri().equals(l.getValue().endpointUri());
                  if (gone) {
                    l.getValue().stop();
                  }
                  return gone;
                });
        for (Route route : listening.values()) {
          if (!listeners.containsKey(route.getRouteId())) {
            String uri = route.getEndpoint().getEndpointUri();
            Contract contract = contractOf(uri).orElseThrow();
            RouteListener listener =
                new RouteListener(
                    route.getRouteId(),
                    uri,
                    contract,
                    context,
                    deliveries,
                    settings,
                    telemetry,
                    contract.name().equals(INBOUND_HOOK) ? hookAnswers : null,
                    calls,
                    clock);
            listeners.put(route.getRouteId(), listener);
            listener.start(startAt);
            LOG.info(
                () ->
                    "Integrator route "
                        + route.getRouteId()
                        + " listens to "
                        + contract.name()
                        + " events");
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not look for integrators' routes", e);
    }
  }

  private static Optional<String> status(StoredEvent event) {
    Matcher m = STATUS.matcher(event.payload());
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static Thread thread(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() {
    scanner.shutdownNow();
    synchronized (listeners) {
      listeners.values().forEach(RouteListener::stop);
      listeners.clear();
    }
    calls.shutdownNow();
  }

  /**
   * Headers that save a route from parsing the body for the usual tests: who wrote, to which
   * number, what, in which conversation.
   */
  static Map<String, Object> headersOf(StoredEvent event) {
    Map<String, Object> headers = new HashMap<>();
    JsonObject body;
    try (var reader = Json.createReader(new StringReader(event.payload()))) {
      body = reader.readObject();
    } catch (RuntimeException e) {
      return headers;
    }
    if (body.get("conversationId") instanceof JsonNumber n) {
      headers.put("SmsInboxConversationId", n.longValue());
    }
    if (body.get("from") instanceof JsonString from) {
      headers.put("SmsInboxFrom", from.getString());
    }
    if (body.get("to") instanceof JsonString to) {
      headers.put("SmsInboxTo", to.getString());
    }
    if (body.get("message") instanceof JsonObject message) {
      if (message.get("id") instanceof JsonNumber id) {
        headers.put("SmsInboxMessageId", id.longValue());
      }
      if (message.get("text") instanceof JsonString text) {
        headers.put("SmsInboxText", text.getString());
      }
    }
    return headers;
  }
}
