package dev.smsinbox.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.camel.CamelContext;
import org.apache.camel.component.properties.PropertiesComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.SupervisingRouteController;

/**
 * Owns the CamelContext's lifecycle (camel-cdi is gone in Camel 4): builds it, starts it, and stops
 * it with what must stop around it in a fixed order. Routes are supervised, so an SMSC that is down
 * at start-up delays the link, not the application. What runs on the context (the carrier link, the
 * integrators' routes) is added by its own room before {@link #start}.
 */
public final class CamelRuntime implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(CamelRuntime.class.getName());

  private final DefaultCamelContext context = new DefaultCamelContext();
  private final List<Runnable> onStarted = new ArrayList<>();
  private final List<AutoCloseable> beforeStop = new ArrayList<>();
  private final List<AutoCloseable> afterStop = new ArrayList<>();

  /**
   * @param microProfileConfig whether {@code {{placeholders}}} in routes read MicroProfile Config
   *     (in the server; not in a plain JVM such as the benchmarks), and then only the routes' own
   *     settings ({@link RouteSettings})
   */
  public CamelRuntime(boolean microProfileConfig) {
    context.getCamelContextExtension().setName("sms-inbox");
    if (microProfileConfig) {
      RouteSettings.ofMicroProfileConfig()
          .applyTo((PropertiesComponent) context.getPropertiesComponent());
    }
    SupervisingRouteController supervisor = context.getRouteController().supervising();
    supervisor.setBackOffDelay(1000);
    supervisor.setBackOffMaxDelay(10_000);
    supervisor.setBackOffMultiplier(2);
    supervisor.setBackOffMaxAttempts(0); // unlimited: the link keeps trying and says so
    supervisor.setInitialDelay(0);
  }

  public CamelContext context() {
    return context;
  }

  /** Run once the context has started, in the order given. */
  public void onStarted(Runnable action) {
    onStarted.add(action);
  }

  /** Closed before the context stops, in the order given. */
  public void beforeStop(AutoCloseable part) {
    beforeStop.add(part);
  }

  /** Closed after the context stopped, in the order given. */
  public void afterStop(AutoCloseable part) {
    afterStop.add(part);
  }

  public void start() {
    context.start();
    onStarted.forEach(Runnable::run);
  }

  @Override
  public void close() {
    beforeStop.forEach(CamelRuntime::closeQuietly);
    context.stop();
    afterStop.forEach(CamelRuntime::closeQuietly);
    LOG.info("Camel stopped");
  }

  private static void closeQuietly(AutoCloseable part) {
    try {
      part.close();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.log(Level.WARNING, "Did not stop cleanly: " + part, e);
    }
  }
}
