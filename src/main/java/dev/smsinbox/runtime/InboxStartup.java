package dev.smsinbox.runtime;

import dev.smsinbox.adapter.persistence.JdbcIntegratorDeliveries;
import dev.smsinbox.adapter.smpp.SmppLinkState;
import dev.smsinbox.application.ManageInboxSettings;
import dev.smsinbox.runtime.simulator.SmscSimulator;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The start-up order that keeps promises: the schema first (a failed migration stops the app), then
 * demo data and the built-in SMSC simulator when enabled, then Camel and the SMPP link.
 */
@ApplicationScoped
public class InboxStartup {

  private static final Logger LOG = Logger.getLogger(InboxStartup.class.getName());

  @Inject InboxConfig config;
  @Inject InboxWiring wiring;
  @Inject SmppLinkState link;
  @Inject Clock clock;
  @Inject CrmWiring crm;
  @Inject ManageInboxSettings inboxSettings;

  @Inject InboundHookActions hookAnswers;

  private CamelRuntime camel;
  private IntegratorEvents integrators;
  private SmscSimulator simulator;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) throws Exception {
    FlywayMigration.migrate(wiring.dataSource());
    wiring.core().fillMissingSearchKeys();
    if (config.getBoolean("demo.data.enabled", false)) {
      DemoData.seedIfEmpty(wiring.core(), clock);
      DemoData.seedInboxSettings(inboxSettings);
    }
    crm.start(config.getBoolean("demo.data.enabled", false));
    if (config.getBoolean("smpp.simulator.enabled", false)) {
      int port = config.getInt("smpp.simulator.port", 2775);
      simulator = new SmscSimulator(port).start();
      SimulatorAccess.set(simulator);
      LOG.info(() -> "Built-in SMSC simulator listening on port " + port);
    }
    camel = new CamelRuntime();
    camel.onRebindAttempt(wiring.metrics()::rebindAttempt);
    camel.reloadRoutes(config.getBoolean("camel.routes.reload", false));
    OutboxWorker outbox = camel.start(LinkSettings.from(config), wiring.core(), link, clock);
    wiring.outbox(outbox);
    integrators =
        new IntegratorEvents(
                camel.context(),
                new JdbcIntegratorDeliveries(wiring.unitOfWork()),
                IntegratorSettings.from(config),
                wiring.metrics(),
                hookAnswers,
                clock)
            .start(wiring.events()::lastId);
    wiring.integrators(integrators);
    wiring.metrics().registerRouteFileErrors(camel.routeFiles()::brokenCount);
    link.onBound(outbox::linkBound);
    wiring
        .metrics()
        .registerGauges(link, outbox::depth, camel::inboundWaiting, camel::inboundUnfiled);
    LOG.info("SMS Inbox started");
  }

  /** Null before Camel starts. */
  org.apache.camel.CamelContext camelContext() {
    return camel == null ? null : camel.context();
  }

  /** Null before Camel starts. */
  RouteFiles routeFiles() {
    return camel == null ? null : camel.routeFiles();
  }

  @PreDestroy
  void onStop() {
    if (integrators != null) {
      integrators.close();
    }
    try {
      if (camel != null) {
        camel.close();
      }
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Camel did not stop cleanly", e);
    }
    if (simulator != null) {
      SimulatorAccess.set(null);
      simulator.close();
    }
  }
}
