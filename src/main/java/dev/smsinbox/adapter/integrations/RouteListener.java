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
 *
 * <p>Several instances of the inbox on one database each run a listener for the route, but only the
 * holder of the route's lease (a row of integrator_cursor) delivers: each event reaches the route
 * once per cluster, in the log's order. The holder renews the lease before each attempt; the others
 * look now and again whether it has run out (its holder died) and then take the route over from its
 * cursor. An orderly stop gives the lease up, so another instance goes on at once.
 */
final class RouteListener {

  private static final Logger LOG = Logger.getLogger(RouteListener.class.getName());
  private static final int BATCH = 50;

  /**
   * Who holds a lease: this JVM, unique even when two instances share a host name or were given the
   * same name by mistake (two holders under one name would both deliver).
   */
  static final String HOLDER =
      hostName() + "/" + ProcessHandle.current().pid() + "/" + java.util.UUID.randomUUID();

  private static String hostName() {
    try {
      String name = java.net.InetAddress.getLocalHost().getHostName();
      return name.length() > 100 ? name.substring(0, 100) : name;
    } catch (java.io.IOException e) {
      return "host";
    }
  }

  private final String routeId;
  private final String endpointUri;
  private final IntegratorContract.Event contract;
  private final IntegratorDeliveries deliveries;
  private final IntegratorSettings settings;
  private final IntegratorTelemetry telemetry;
  private final InboundHookAnswers hookAnswers;
  private final ExecutorService calls;
  private final Clock clock;
  private final String holder;
  private final ProducerTemplate producer;
  private boolean waitingForDatabase;

  /** Whether this instance holds the route's lease, and when it renews it (System.nanoTime). */
  private volatile boolean holding;

  private long renewAt;

  private long leaseEnds;
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
    this(
        routeId,
        endpointUri,
        contract,
        context,
        deliveries,
        settings,
        telemetry,
        hookAnswers,
        calls,
        clock,
        HOLDER);
  }

  /**
   * @param holder who this instance is to the other instances' listeners of the route (its lease
   *     holder)
   */
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
      Clock clock,
      String holder) {
    this.routeId = routeId;
    this.endpointUri = endpointUri;
    this.contract = contract;
    this.deliveries = deliveries;
    this.settings = settings;
    this.telemetry = telemetry;
    this.hookAnswers = hookAnswers;
    this.calls = calls;
    this.clock = clock;
    this.holder = holder;
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
    if (holding && ended()) {
      holding = false;
      try {
        deliveries.release(routeId, holder);
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "Lease of " + routeId + " not given up; it runs out", e);
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
    while (running) {
      List<StoredEvent> batch;
      try {
        if (!holding || System.nanoTime() - renewAt >= 0) {
          if (!holding) {
            deliveries.cursor(routeId, startAt, clock.instant()); // the row the lease is kept in
          }
          if (!renew()) {
            // Another instance delivers this route: look again once its lease may have run out.
            cursor = null;
            sleep(settings.pollInterval());
            continue;
          }
          if (cursor == null) {
            // Read after the lease was taken: a former holder may have moved it until then.
            cursor = deliveries.cursor(routeId, startAt, clock.instant());
          }
        }
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
          if (!running) {
            return; // stopping: the event stays after the cursor, redelivered on the next start
          }
          break; // the lease was lost: the new holder delivers from the cursor
        }
        cursor = event.position();
        try {
          if (!deliveries.advance(routeId, holder, cursor, clock.instant())) {
            lost();
            break;
          }
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "Cursor of " + routeId + " not saved; may redeliver", e);
        }
      }
      if (!holding) {
        cursor = null;
      }
    }
  }

  /**
   * Takes or renews the route's lease.
   *
   * @return whether this instance holds it now
   */
  private boolean renew() {
    Duration lease = settings.effectiveLease();
    long now = System.nanoTime();
    boolean held = deliveries.lease(routeId, holder, clock.instant(), clock.instant().plus(lease));
    if (held) {
      if (!holding) {
        LOG.info(
            () ->
                "Integrator route " + routeId + " is delivered by this instance (" + holder + ")");
      }
      holding = true;
      leaseEnds = now + lease.toNanos();
      // Renewed once half of it is gone: an attempt (at most half the lease, see
      // IntegratorSettings.effectiveLease) that starts before that ends before the lease does.
      renewAt = now + lease.toNanos() / 2;
    } else if (holding) {
      lost();
    }
    return held;
  }

  private void lost() {
    holding = false;
    LOG.warning(
        () ->
            "Integrator route "
                + routeId
                + ": another instance took the route over (this one's lease ran out)");
  }

  /** Renews the lease when it is due; false when it is lost (another instance delivers now). */
  private boolean keepLease() {
    if (System.nanoTime() - renewAt < 0) {
      return true;
    }
    try {
      return renew();
    } catch (RuntimeException e) {
      // Not renewed: it may run out, and another instance then takes over. An attempt that ends
      // before the lease does is still this instance's alone; a longer one is not started.
      LOG.log(Level.WARNING, "Lease of integrator route " + routeId + " not renewed", e);
      return leaseEnds - System.nanoTime() > settings.timeout().toNanos();
    }
  }

  /**
   * @return false when stopping before the event was settled
   */
  private boolean deliver(StoredEvent event) {
    int max = settings.maxAttempts();
    for (int attempt = 1; attempt <= max; attempt++) {
      if (!keepLease()) {
        return false;
      }
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
   * Waits out {@code delay} unless the listener stops meanwhile (new events do not cut it short),
   * or the lease it holds is lost.
   *
   * @return whether the listener still runs and, if it held the lease, holds it still
   */
  private boolean sleep(Duration delay) {
    long until = System.nanoTime() + delay.toNanos();
    for (long left = delay.toNanos(); running && left > 0; left = until - System.nanoTime()) {
      // A back-off may outlast the lease: renewed on the way (wait() ends at each renewal due).
      if (holding && !keepLease()) {
        return false;
      }
      long wait = holding ? Math.min(left, Math.max(1, renewAt - System.nanoTime())) : left;
      synchronized (signal) {
        if (!running) {
          break;
        }
        try {
          signal.wait(Math.max(1, wait / 1_000_000));
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
