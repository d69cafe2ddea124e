package dev.smsinbox.adapter.smpp;

import dev.smsinbox.support.DaemonThreads;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.apache.camel.CamelContext;

/**
 * Brings a lost SMPP link back without hammering the carrier. camel-smpp retries a few times at
 * once (a blip); if the link is still down after that, this rebinds by restarting the link's routes
 * with exponential back-off and jitter — for as long as it takes, saying so in the log at each
 * attempt. A route whose restart fails is also retried by Camel's supervising route controller
 * (doubling up to 10 s), so a long outage sees a rebind every few seconds, never a storm, and the
 * link is never left for dead.
 */
final class LinkSupervisor implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(LinkSupervisor.class.getName());

  private final CamelContext context;
  private final List<String> routes;
  private final SmppLinkState link;
  private final Duration first;
  private final Duration max;
  private final Runnable onAttempt;
  private final ScheduledExecutorService timer = DaemonThreads.timer("sms-inbox-link-supervisor");
  private int attempt;
  private Instant lostAt;
  // Each loss starts a new series of checks; a check left over from an earlier one is ignored.
  private long outage;

  /**
   * @param first how long camel-smpp's own quick retries get before the first rebind
   * @param onAttempt told of each rebind attempt (a metric)
   */
  LinkSupervisor(
      CamelContext context,
      List<String> routes,
      SmppLinkState link,
      Duration first,
      Duration max,
      Runnable onAttempt) {
    this.context = context;
    this.routes = routes;
    this.link = link;
    this.first = first;
    this.max = max;
    this.onAttempt = onAttempt;
    link.onLost(this::lost);
    link.onBound(this::bound);
  }

  private synchronized void lost() {
    if (lostAt == null) {
      lostAt = Instant.now();
      attempt = 0;
      outage++;
      schedule(first, outage);
    }
  }

  private synchronized void bound() {
    if (lostAt != null) {
      Instant since = lostAt;
      LOG.info(() -> "SMPP link bound again after being down since " + since);
    }
    lostAt = null;
    attempt = 0;
  }

  private void check(long series) {
    synchronized (this) {
      if (series != outage || lostAt == null || link.isBound()) {
        return;
      }
      attempt++;
    }
    onAttempt.run();
    String failure = null;
    try {
      for (String route : routes) {
        context.getRouteController().stopRoute(route);
        context.getRouteController().startRoute(route);
      }
    } catch (Exception e) {
      failure = e.getMessage();
    }
    synchronized (this) {
      if (series != outage || lostAt == null || link.isBound()) {
        return;
      }
      Duration next = backoff(attempt);
      String why = failure == null ? "not bound yet" : failure;
      int n = attempt;
      Instant since = lostAt;
      LOG.warning(
          () ->
              "SMPP link down since "
                  + since
                  + "; rebind attempt "
                  + n
                  + " failed ("
                  + why
                  + "); next attempt in "
                  + next.toSeconds()
                  + " s");
      schedule(next, series);
    }
  }

  /** Doubling from the first delay up to the maximum, each drawn between half and all of it. */
  Duration backoff(int attempts) {
    long ceiling = first.toMillis() << Math.min(attempts, 20);
    long capped = Math.min(max.toMillis(), Math.max(first.toMillis(), ceiling));
    return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
  }

  private void schedule(Duration delay, long series) {
    timer.schedule(() -> check(series), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops rebinding; a rebind under way ends first, so it cannot restart a stopping route. */
  @Override
  public void close() {
    timer.shutdown();
    try {
      timer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** True once closed and no rebind is waiting or under way. */
  boolean stopped() {
    return timer.isTerminated();
  }
}
