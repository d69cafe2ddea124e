package dev.smsinbox.runtime;

import dev.smsinbox.adapter.integrations.IntegratorEvents;
import dev.smsinbox.adapter.integrations.IntegratorSettings;
import dev.smsinbox.adapter.integrations.RouteFiles;
import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.persistence.JdbcContactRepository;
import dev.smsinbox.adapter.persistence.JdbcConversationRepository;
import dev.smsinbox.adapter.persistence.JdbcInboxEvents;
import dev.smsinbox.adapter.persistence.JdbcIntegratorDeliveries;
import dev.smsinbox.adapter.persistence.JdbcMessageRepository;
import dev.smsinbox.adapter.persistence.JdbcSenderNumberRepository;
import dev.smsinbox.adapter.persistence.JdbcUnroutedSmsRepository;
import dev.smsinbox.adapter.rest.IdempotentWrites;
import dev.smsinbox.adapter.rest.JsonConfig;
import dev.smsinbox.adapter.rest.LiveEventHub;
import dev.smsinbox.adapter.smpp.LinkSettings;
import dev.smsinbox.adapter.smpp.SmppLinkState;
import dev.smsinbox.application.Audit;
import dev.smsinbox.application.Credits;
import dev.smsinbox.application.InboxQueries;
import dev.smsinbox.application.ManageNumbers;
import dev.smsinbox.application.ManageSnippets;
import dev.smsinbox.application.MessageHooks;
import dev.smsinbox.application.TeamInbox;
import dev.smsinbox.application.contacts.DeleteContact;
import dev.smsinbox.application.inbound.InboundReview;
import dev.smsinbox.application.inbound.ReassembleSms;
import dev.smsinbox.application.inbound.ReceiveSms;
import dev.smsinbox.application.outbound.OutboundQueue;
import dev.smsinbox.application.outbound.OutboundStatus;
import dev.smsinbox.application.outbound.OutboxWorker;
import dev.smsinbox.application.outbound.QuietHoursPolicy;
import dev.smsinbox.application.outbound.RecordDeliveryReceipt;
import dev.smsinbox.application.outbound.SendCrmSms;
import dev.smsinbox.application.outbound.SendReply;
import dev.smsinbox.application.port.IntegratorDeliveries;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.json.bind.Jsonb;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;

/**
 * Offers the plain-Java {@link InboxCore} to CDI, configured from MicroProfile Config. The
 * application and domain layers stay free of CDI; this is the one place that knows them all.
 */
@ApplicationScoped
public class InboxWiring {

  private static final Logger LOG = Logger.getLogger(InboxWiring.class.getName());

  @Resource(lookup = "jdbc/inbox")
  DataSource dataSource;

  @Inject InboxConfig config;
  @Inject LiveEventHub hub;
  @Inject InboxMetrics metrics;
  @Inject @Any Instance<MessageHooks.InboundHook> inboundHooks;
  @Inject @Any Instance<MessageHooks.StoredListener> storedListeners;
  @Inject @Any Instance<MessageHooks.SendGuard> sendGuards;
  @Inject @Any Instance<MessageHooks.UnroutedHook> unroutedHooks;

  // Microseconds: what both databases keep, so a time the API returns at once equals the one it
  // returns later from the database.
  private final Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));
  private final SmppLinkState link = new SmppLinkState();
  private final Jsonb json = JsonConfig.create();
  private final CamelRuntime camel = new CamelRuntime(true);
  private final RouteFiles routeFiles = new RouteFiles();
  private InboxCore core;
  private OutboxWorker outbox;
  private volatile IntegratorEvents integrators;

  synchronized InboxCore core() {
    if (core == null) {
      int standardRate = config.getInt("credits.per-part", 1);
      InboxCore.Settings settings =
          new InboxCore.Settings(
              config.getDuration("inbox.attribution-window", Duration.ofDays(30)),
              config.getDuration("smpp.duplicate-window", Duration.ofMinutes(2)),
              config.getDuration("smpp.reassembly-timeout", Duration.ofMinutes(10)),
              config.getInt("inbox.max-segments", 10),
              country -> config.getInt("credits.per-part." + country, standardRate),
              config.getDuration("inbox.event-retention", Duration.ofDays(7)),
              receiptParkMaxAge(),
              config.getDuration("smpp.queued-max-age", Duration.ofDays(1)));
      // Hooks are any CDI beans implementing the hook interfaces, looked up at each call.
      MessageHooks hooks =
          new MessageHooks(
              () -> inboundHooks.stream().toList(),
              () -> storedListeners.stream().toList(),
              () -> sendGuards.stream().toList(),
              () -> unroutedHooks.stream().toList());
      core =
          new InboxCore(
              dataSource,
              settings,
              hooks,
              metrics,
              json,
              clock,
              this::onEvent,
              this::wakeOutbox,
              InstanceName.of(config.optional("inbox.instance-id")));
      LOG.info(() -> "This instance is " + core.instance + " among those sharing the database");
      // A test setting only (the ITs' server): see RecordingHold.
      config
          .optional("smpp.test.hold-recording-to")
          .ifPresent(number -> core.receipts.holdRecordings(new HeldRecording(number)));
      core.reports.defaultZone(
          dev.smsinbox.application.reports.Reports.parseZone(config.get("inbox.time-zone", "UTC")));
      core.quietHours.defaults(
          QuietHoursPolicy.parseDefault(config.get("inbox.quiet-hours", "21:00-08:00")));
    }
    return core;
  }

  /**
   * SMPP_RECEIPT_PARK_MAX_AGE; SMPP_EARLY_RECEIPT_RETENTION, its name before issue 24, still counts
   * when the new one is not set.
   */
  private Duration receiptParkMaxAge() {
    Duration legacy = config.getDuration("smpp.early-receipt-retention", Duration.ofDays(3));
    Duration maxAge = config.getDuration("smpp.receipt-park-max-age", legacy);
    LOG.info(() -> "Parked delivery receipts that find no part expire after " + maxAge);
    return maxAge;
  }

  /** Before the link starts (demo data) there is no outbox yet: its first tick sends. */
  private synchronized void wakeOutbox() {
    if (outbox != null) {
      outbox.wake();
    }
  }

  private void onEvent(String type, String body) {
    wakeEventReaders();
  }

  /** Events were committed (here or, told by the database, on another instance): readers look. */
  void wakeEventReaders() {
    hub.wake();
    IntegratorEvents listeners = integrators;
    if (listeners != null) {
      listeners.wake();
    }
  }

  DataSource dataSource() {
    return dataSource;
  }

  CamelRuntime camel() {
    return camel;
  }

  @Produces
  @Singleton
  CamelContext camelContext() {
    return camel.context();
  }

  @Produces
  @Singleton
  RouteFiles routeFiles() {
    return routeFiles;
  }

  @Produces
  @Singleton
  IntegratorDeliveries integratorDeliveries() {
    return new JdbcIntegratorDeliveries(core().unitOfWork);
  }

  @Produces
  @Singleton
  LinkSettings linkSettings() {
    return config.linkSettings();
  }

  @Produces
  @Singleton
  IntegratorSettings integratorSettings() {
    return config.integratorSettings();
  }

  @Produces
  @Singleton
  Clock clock() {
    return clock;
  }

  @Produces
  @Singleton
  SmppLinkState link() {
    return link;
  }

  @Produces
  @Singleton
  JdbcUnitOfWork unitOfWork() {
    return core().unitOfWork;
  }

  @Produces
  @Singleton
  JdbcInboxEvents events() {
    return core().events;
  }

  @Produces
  @Singleton
  JdbcContactRepository contacts() {
    return core().contacts;
  }

  @Produces
  @Singleton
  JdbcSenderNumberRepository numbers() {
    return core().numbers;
  }

  @Produces
  @Singleton
  JdbcMessageRepository messages() {
    return core().messages;
  }

  @Produces
  @Singleton
  JdbcConversationRepository conversations() {
    return core().conversations;
  }

  @Produces
  @Singleton
  ReceiveSms receiveSms() {
    return core().receiveSms;
  }

  @Produces
  @Singleton
  JdbcUnroutedSmsRepository unrouted() {
    return core().unrouted;
  }

  @Produces
  @Singleton
  InboundReview inboundReview() {
    return core().inboundReview;
  }

  @Produces
  @Singleton
  ReassembleSms reassembleSms() {
    return core().reassembly;
  }

  @Produces
  @Singleton
  OutboundStatus outboundStatus() {
    return core().outboundStatus;
  }

  @Produces
  @Singleton
  RecordDeliveryReceipt recordDeliveryReceipt() {
    return core().receipts;
  }

  @Produces
  @Singleton
  OutboundQueue outboundQueue() {
    return core().outboundQueue;
  }

  @Produces
  @Singleton
  SendReply sendReply() {
    return core().sendReply;
  }

  @Produces
  @Singleton
  SendCrmSms sendCrmSms() {
    return core().sendCrmSms;
  }

  @Produces
  @Singleton
  IdempotentWrites idempotentWrites() {
    return new IdempotentWrites(core().idempotencyKeys, core().unitOfWork, json);
  }

  @Produces
  @Singleton
  Audit audit() {
    return core().audit;
  }

  @Produces
  @Singleton
  Credits credits() {
    return core().credits;
  }

  @Produces
  @Singleton
  InboxQueries inboxQueries() {
    return core().queries;
  }

  @Produces
  @Singleton
  TeamInbox teamInbox() {
    return core().team;
  }

  @Produces
  @Singleton
  DeleteContact deleteContact() {
    return core().deleteContact;
  }

  @Produces
  @Singleton
  ManageNumbers manageNumbers() {
    return core().manageNumbers;
  }

  @Produces
  @Singleton
  dev.smsinbox.application.reports.Reports reports() {
    return core().reports;
  }

  @Produces
  @Singleton
  QuietHoursPolicy quietHours() {
    return core().quietHours;
  }

  @Produces
  @Singleton
  ManageSnippets manageSnippets() {
    return core().manageSnippets;
  }

  /** Set once the carrier link's Camel routes exist. */
  synchronized void outbox(OutboxWorker worker) {
    this.outbox = worker;
  }

  void integrators(IntegratorEvents integrators) {
    this.integrators = integrators;
  }

  InboxMetrics metrics() {
    return metrics;
  }
}
