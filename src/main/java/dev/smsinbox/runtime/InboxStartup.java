package dev.smsinbox.runtime;

import dev.smsinbox.adapter.integrations.InboundHookActions;
import dev.smsinbox.adapter.integrations.IntegratorContract;
import dev.smsinbox.adapter.integrations.IntegratorEvents;
import dev.smsinbox.adapter.integrations.IntegratorSettings;
import dev.smsinbox.adapter.integrations.RouteFiles;
import dev.smsinbox.adapter.jdbc.AutovacuumCheck;
import dev.smsinbox.adapter.persistence.AccountChanges;
import dev.smsinbox.adapter.persistence.JdbcIntegratorDeliveries;
import dev.smsinbox.adapter.rest.signin.DemoCrm;
import dev.smsinbox.adapter.rest.signin.SignIn;
import dev.smsinbox.adapter.smpp.LinkSettings;
import dev.smsinbox.adapter.smpp.SmppLinkState;
import dev.smsinbox.application.assistant.ManageInboxSettings;
import dev.smsinbox.runtime.demo.DemoData;
import dev.smsinbox.runtime.simulator.BuiltInSmsc;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The start-up order that keeps promises: the sign-in settings first (incomplete ones stop the
 * app), then the schema (a failed migration stops the app), then demo data and the built-in SMSC
 * simulator when enabled, then Camel with the SMPP link, then the integrators' routes (after the
 * inbox's own, so no integrator's file can stop them). Stopping goes the other way.
 */
@ApplicationScoped
public class InboxStartup {

  @Inject InboxConfig config;
  @Inject InboxWiring wiring;
  @Inject SmppLinkState link;
  @Inject LinkSettings linkSettings;
  @Inject IntegratorSettings integratorSettings;
  @Inject Clock clock;
  @Inject CrmWiring crm;
  @Inject ManageInboxSettings inboxSettings;
  @Inject BuiltInSmsc simulator;
  @Inject InboundHookActions hookAnswers;
  @Inject SignIn signIn;

  @Inject AssistantWiring assistant;

  private IntegratorEvents integrators;
  private ClusterSync cluster;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) throws Exception {
    // First: a host CRM whose settings are incomplete would leave nobody able to sign in.
    signIn.settings();
    DeploymentSecrets.check(config);
    FlywayMigration.migrate(wiring.dataSource(), config.defaultAccount());
    InboxCore core = wiring.core();
    if (core.unitOfWork.postgres()) {
      AutovacuumCheck.warnIfOff(wiring.dataSource());
    }
    core.fillMissingSearchKeys();
    boolean demo =
        Boolean.parseBoolean(config.withDemoDefaults("demo.data.enabled").orElse("false"));
    if (demo) {
      // The demo users' account, and the two accounts of the demo host CRM, each on its number.
      DemoData.seedIfEmpty(core, clock, config.defaultAccount(), DemoData.DEMO_NUMBER);
      DemoData.seedInboxSettings(inboxSettings, config.defaultAccount());
      List<String> crmAccounts =
          DemoCrm.PEOPLE.stream().map(DemoCrm.Person::account).distinct().toList();
      for (int i = 0; i < crmAccounts.size(); i++) {
        DemoData.seedIfEmpty(core, clock, crmAccounts.get(i), DemoData.demoNumber(i + 1));
        DemoData.seedInboxSettings(inboxSettings, crmAccounts.get(i));
      }
    }
    crm.start(demo);
    if (Boolean.parseBoolean(config.withDemoDefaults("smpp.simulator.enabled").orElse("false"))) {
      simulator.start(config.getInt("smpp.simulator.port", 2775));
    }
    CamelRuntime camel = wiring.camel();
    IntegratorContract.bindHelpers(camel.context());
    InboxCore.Carrier carrier =
        core.connect(camel, linkSettings, link, wiring.metrics()::rebindAttempt);
    wiring.outbox(carrier.outbox());
    camel.start();
    RouteFiles routeFiles = wiring.routeFiles();
    String routesDir = config.withDemoDefaults("camel.routes.dir").orElse("camel-routes");
    routeFiles.load(camel.context(), routesDir);
    if (config.getBoolean("camel.routes.reload", false)) {
      routeFiles.watch(camel.context(), routesDir);
    }
    core.housekeeping.start(core.reassembly);
    core.housekeeping.wakeSnoozed(core.team);
    core.housekeeping.foldReports(core.reports);
    integrators =
        new IntegratorEvents(
                camel.context(),
                new JdbcIntegratorDeliveries(core.unitOfWork),
                integratorSettings,
                wiring.metrics(),
                hookAnswers,
                clock)
            .start(core.events::last);
    wiring.integrators(integrators);
    if (core.unitOfWork.postgres()) {
      cluster =
          new ClusterSync(
                  wiring.dataSource(),
                  core.unitOfWork,
                  config.getDuration("inbox.changes.poll-interval", Duration.ofSeconds(5)),
                  clock)
              .onChange(
                  AccountChanges.NUMBERS,
                  account -> {
                    core.numbers.forget();
                    core.receiveSms.forgetOurNumbers();
                  })
              .onChange(AccountChanges.CRM_SETTINGS, crm::accountSettingsChanged)
              .onChange(AccountChanges.INBOX_SETTINGS, assistant::inboxSettingsChanged)
              .start(wiring::wakeEventReaders);
    }
    wiring.metrics().registerRouteFileErrors(routeFiles::brokenCount);
    link.onBound(carrier.outbox()::linkBound);
    wiring
        .metrics()
        .registerGauges(
            link,
            carrier.outbox()::depth,
            carrier.link()::inboundWaiting,
            carrier.link()::inboundUnfiled);
    java.util.logging.Logger.getLogger(InboxStartup.class.getName()).info("SMS Inbox started");
  }

  @PreDestroy
  void onStop() {
    if (cluster != null) {
      cluster.close();
    }
    if (integrators != null) {
      integrators.close();
    }
    wiring.core().housekeeping.close();
    wiring.camel().close();
    simulator.close();
  }
}
