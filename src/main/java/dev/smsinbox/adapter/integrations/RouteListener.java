package dev.smsinbox.adapter.integrations;

import dev.smsinbox.application.port.InboxEventLog.Position;
import dev.smsinbox.application.port.InboxEventLog.StoredEvent;
import dev.smsinbox.application.port.IntegratorDeliveries;
import dev.smsinbox.application.port.UnitOfWork;
import dev.smsinbox.support.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * One integrator route's delivery loop, on a thread of its own: reads the event log from the
 * route's cursor, hands each event to the route (on a worker thread, with a time limit), retries
 * with back-off, and after the last attempt files the event as a dead letter and moves on. The
 * cursor moves only past an event that was delivered or dead-lettered, so a restart redelivers what
 * was in flight: at least once.
 */
final class RouteListener {

  private static final Logger LOG = Logger.getLogger(RouteListener.class.getName());
  private static final int BATCH = 50;

  private final String routeId;
  private final String endpointUri;
  private final IntegratorContract.Event contract;
  private final IntegratorDeliveries deliveries;
  private final IntegratorSettings settings;
  private final IntegratorTelemetry telemetry;
  private final InboundHookAnswers hookAnswers;
  private final ExecutorService calls;
  private final Clock clock;
  private final ProducerTemplate producer;
  private boolean waitingForDatabase;
  private final Object signal = new Object();
  private boolean woken;
  private volatile Future<Exchange> current;

  /** How long {@link #stop} waits for the listener to end by itself. */
  static final Duration STOP_WAIT = Duration.ofSeconds(5);

  private volatile boolean running = true;
  private Thread thread;

  RouteListener(
      String routeId,
      String endpointUri,
      IntegratorContract.Event contract,
      CamelContext context,
      IntegratorDeliveries deliveries,
      IntegratorSettings settings,
      IntegratorTelemetry telemetry,
      InboundHookAnswers hookAnswers,
      ExecutorService calls,
      Clock clock) {
    this.routeId = routeId;
    this.endpointUri = endpointUri;
    this.contract = contract;
    this.deliveries = deliveries;
    this.settings = settings;
    this.telemetry = telemetry;
    this.hookAnswers = hookAnswers;
    this.calls = calls;
    this.clock = clock;
    this.producer = context.createProducerTemplate();
  }

  String endpointUri() {
    return endpointUri;
  }

  void start(Position startAt) {
    thread = DaemonThreads.thread(() -> run(startAt), "integrator-" + routeId);
    thread.start();
  }

  void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  /**
   * Ends the listener: a wait (idle or a back-off) ends at once and a route's call under way is
   * cancelled, on its own thread. The listener's thread itself is interrupted only if it has not
   * ended within {@link #STOP_WAIT}: it may be inside a JDBC call, and an interrupt there can break
   * the connection (or close an embedded H2 database's file) under everyone else.
   */
  void stop() {
    running = false;
    wake();
    Future<Exchange> call = current;
    if (call != null) {
      call.cancel(true);
    }
    if (thread != null && thread != Thread.currentThread()) {
      try {
        thread.join(STOP_WAIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (thread.isAlive()) {
        LOG.warning(() -> "Integrator route " + routeId + " did not stop in time; interrupted");
        thread.interrupt();
      }
    }
    try {
      producer.close();
    } catch (Exception e) {
      LOG.log(Level.FINE, "Producer of " + routeId + " did not close", e);
    }
  }

  private void run(Position startAt) {
    Position cursor = null;
    while (running && cursor == null) {
      try {
        cursor = deliveries.cursor(routeId, startAt, clock.instant());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "No cursor for integrator route " + routeId + "; trying again", e);
        sleep(settings.pollInterval());
      }
    }
    while (running) {
      List<StoredEvent> batch;
      try {
        batch = deliveries.after(cursor, Set.of(contract.storedType()), BATCH);
      } catch (UnitOfWork.Unavailable e) {
        // Said once, not at every poll of an outage (and without a stack: nothing here is wrong).
        if (!waitingForDatabase) {
          LOG.warning(
              () -> "Integrator route " + routeId + " waits for the database: " + e.getMessage());
          waitingForDatabase = true;
        }
        sleep(settings.pollInterval());
        continue;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Integrator route " + routeId + " cannot read events now", e);
        sleep(settings.pollInterval());
        continue;
      }
      if (waitingForDatabase) {
        LOG.info(() -> "Integrator route " + routeId + " reads events again");
        waitingForDatabase = false;
      }
      if (batch.isEmpty()) {
        idle();
        continue;
      }
      for (StoredEvent event : batch) {
        if (contract.which().test(event) && !deliver(event)) {
          return; // stopping: the event stays after the cursor, redelivered on the next start
        }
        cursor = event.position();
        try {
          deliveries.advance(routeId, cursor, clock.instant());
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "Cursor of " + routeId + " not saved; may redeliver", e);
        }
      }
    }
  }

  /**
   * @return false when stopping before the event was settled
   */
  private boolean deliver(StoredEvent event) {
    int max = settings.maxAttempts();
    for (int attempt = 1; attempt <= max; attempt++) {
      String error = attempt(event, attempt);
      if (!running) {
        return false;
      }
      if (error == null) {
        telemetry.delivered(routeId, contract.name());
        return true;
      }
      telemetry.attemptFailed(routeId, contract.name());
      int done = attempt;
      if (attempt == max) {
        LOG.warning(
            () ->
                "Integrator route "
                    + routeId
                    + " refused event "
                    + event.id()
                    + " ("
                    + contract.name()
                    + ") "
                    + done
                    + " times; filed as a dead letter: "
                    + error);
        try {
          deliveries.deadLetter(routeId, event, error, attempt, clock.instant());
        } catch (RuntimeException e) {
          LOG.log(Level.SEVERE, "Dead letter of event " + event.id() + " not saved", e);
        }
        telemetry.deadLettered(routeId, contract.name());
        return true;
      }
      Duration delay = backOff(attempt);
      LOG.info(
          () ->
              "Integrator route "
                  + routeId
                  + " failed on event "
                  + event.id()
                  + " (attempt "
                  + done
                  + " of "
                  + max
                  + "): "
                  + error
                  + "; next attempt in "
                  + delay.toMillis()
                  + " ms");
      if (!sleep(delay)) {
        return false;
      }
    }
    return true;
  }

  Duration backOff(int attempt) {
    Duration delay = settings.retryDelay().multipliedBy(1L << Math.min(attempt - 1, 20));
    return delay.compareTo(settings.maxRetryDelay()) > 0 ? settings.maxRetryDelay() : delay;
  }

  /**
   * @return null when the route took the event, else what went wrong
   */
  private String attempt(StoredEvent event, int attempt) {
    Map<String, Object> extra = IntegratorContract.headersOf(event);
    Future<Exchange> call =
        calls.submit(
            () ->
                producer.send(
                    endpointUri,
                    exchange -> {
                      exchange.getMessage().setBody(event.payload());
                      exchange.getMessage().getHeaders().putAll(extra);
                      exchange
                          .getMessage()
                          .setHeader(IntegratorContract.HEADER_EVENT, contract.name());
                      exchange
                          .getMessage()
                          .setHeader(IntegratorContract.HEADER_EVENT_ID, event.id());
                      exchange.getMessage().setHeader(IntegratorContract.HEADER_ATTEMPT, attempt);
                      exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                    }));
    Exchange done;
    current = call;
    try {
      done = call.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      return "no answer within " + settings.timeout().toMillis() + " ms";
    } catch (ExecutionException e) {
      return describe(e.getCause());
    } catch (CancellationException e) {
      return "cancelled: the route is stopping";
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      running = false;
      return "interrupted";
    } finally {
      current = null;
    }
    if (done.getException() != null) {
      return describe(done.getException());
    }
    if (hookAnswers != null) {
      try {
        hookAnswers.act(routeId, event, done.getMessage());
      } catch (RuntimeException e) {
        // The integrator answered; what it asked for could not be done (e.g. a reply to a number
        // that opted out). Retrying the route would not change that.
        LOG.log(
            Level.WARNING,
            "The answer of inbound hook " + routeId + " to event " + event.id() + " not acted on",
            e);
      }
    }
    return null;
  }

  private static String describe(Throwable t) {
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  private void idle() {
    synchronized (signal) {
      if (!woken) {
        try {
          signal.wait(settings.pollInterval().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running = false;
        }
      }
      woken = false;
    }
  }

  /**
   * Waits out {@code delay} unless the listener stops meanwhile (new events do not cut it short).
   *
   * @return whether the listener still runs
   */
  private boolean sleep(Duration delay) {
    long until = System.nanoTime() + delay.toNanos();
    synchronized (signal) {
      for (long left = delay.toNanos(); running && left > 0; left = until - System.nanoTime()) {
        try {
          signal.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running = false;
        }
      }
    }
    return running;
  }

  /** Whether the listener's thread has ended (or never started). */
  boolean ended() {
    return thread == null || !thread.isAlive();
  }
}
