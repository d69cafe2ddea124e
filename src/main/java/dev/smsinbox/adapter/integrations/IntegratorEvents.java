package dev.smsinbox.adapter.integrations;

import dev.smsinbox.application.port.InboxEventLog.Position;
import dev.smsinbox.application.port.IntegratorDeliveries;
import dev.smsinbox.support.DaemonThreads;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;

/**
 * Hands committed inbox events to integrators' routes in camel-routes/ (see its README): every
 * route whose {@code from} is a contract endpoint ({@code direct:sms.received}, or a name under it
 * such as {@code direct:sms.received.webhook}) gets each event once it is committed, at least once,
 * from its own cursor in the event log. A slow, hanging or failing route delays only itself; the
 * carrier's acknowledgement never waits for any of them.
 */
public final class IntegratorEvents implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(IntegratorEvents.class.getName());

  private final CamelContext context;
  private final IntegratorDeliveries deliveries;
  private final IntegratorSettings settings;
  private final IntegratorTelemetry telemetry;
  private final Clock clock;
  private final InboundHookAnswers hookAnswers;
  private final ScheduledExecutorService scanner =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("integrator-routes-scan"));
  private final ExecutorService calls =
      Executors.newCachedThreadPool(DaemonThreads.named("integrator-call"));
  private final Map<String, RouteListener> listeners = new HashMap<>();

  public IntegratorEvents(
      CamelContext context,
      IntegratorDeliveries deliveries,
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
  public IntegratorEvents start(Supplier<Position> lastEvent) {
    Position atStartUp = lastEvent.get();
    scanner.scheduleWithFixedDelay(
        () -> scan(firstScan.getAndSet(false) ? () -> atStartUp : lastEvent),
        0,
        2,
        TimeUnit.SECONDS);
    return this;
  }

  private final AtomicBoolean firstScan = new AtomicBoolean(true);

  /** Called after each commit that recorded events: listeners look at once instead of polling. */
  public void wake() {
    synchronized (listeners) {
      listeners.values().forEach(RouteListener::wake);
    }
  }

  /**
   * @param startAt where a route seen for the first time starts; asked (of the database) only when
   *     there is one, inside the scan's own error handling, so an outage never ends the scanning
   */
  private void scan(Supplier<Position> startAt) {
    try {
      Position from = null;
      Map<String, Route> listening = new HashMap<>();
      for (Route route : context.getRoutes()) {
        if (IntegratorContract.eventOf(route.getEndpoint().getEndpointUri()).isPresent()) {
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
            IntegratorContract.Event contract = IntegratorContract.eventOf(uri).orElseThrow();
            if (from == null) {
              from = startAt.get();
            }
            RouteListener listener =
                new RouteListener(
                    route.getRouteId(),
                    uri,
                    contract,
                    context,
                    deliveries,
                    settings,
                    telemetry,
                    contract.name().equals(IntegratorContract.INBOUND_HOOK) ? hookAnswers : null,
                    calls,
                    clock);
            listeners.put(route.getRouteId(), listener);
            listener.start(from);
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

  @Override
  public void close() {
    scanner.shutdownNow();
    synchronized (listeners) {
      listeners.values().forEach(RouteListener::stop);
      listeners.clear();
    }
    calls.shutdownNow();
  }
}
