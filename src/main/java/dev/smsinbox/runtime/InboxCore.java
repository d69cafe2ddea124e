package dev.smsinbox.runtime;

import dev.smsinbox.adapter.jdbc.JdbcUnitOfWork;
import dev.smsinbox.adapter.persistence.JdbcAuditLog;
import dev.smsinbox.adapter.persistence.JdbcContactRepository;
import dev.smsinbox.adapter.persistence.JdbcContactTraces;
import dev.smsinbox.adapter.persistence.JdbcConversationList;
import dev.smsinbox.adapter.persistence.JdbcConversationRepository;
import dev.smsinbox.adapter.persistence.JdbcCreditLedger;
import dev.smsinbox.adapter.persistence.JdbcEarlyReceipts;
import dev.smsinbox.adapter.persistence.JdbcIdempotencyKeys;
import dev.smsinbox.adapter.persistence.JdbcInboundJournal;
import dev.smsinbox.adapter.persistence.JdbcInboundPartRepository;
import dev.smsinbox.adapter.persistence.JdbcInboxEvents;
import dev.smsinbox.adapter.persistence.JdbcMessageRepository;
import dev.smsinbox.adapter.persistence.JdbcOutboxClaims;
import dev.smsinbox.adapter.persistence.JdbcPartLedger;
import dev.smsinbox.adapter.persistence.JdbcQuietHoursRepository;
import dev.smsinbox.adapter.persistence.JdbcSenderNumberRepository;
import dev.smsinbox.adapter.persistence.JdbcSnippetRepository;
import dev.smsinbox.adapter.persistence.JdbcSubmitSchedule;
import dev.smsinbox.adapter.persistence.JdbcTeamRepository;
import dev.smsinbox.adapter.persistence.JdbcUnroutedSmsRepository;
import dev.smsinbox.adapter.smpp.LinkSettings;
import dev.smsinbox.adapter.smpp.SmppLink;
import dev.smsinbox.adapter.smpp.SmppLinkState;
import dev.smsinbox.application.Audit;
import dev.smsinbox.application.CreditPricing;
import dev.smsinbox.application.Credits;
import dev.smsinbox.application.InboxQueries;
import dev.smsinbox.application.ManageNumbers;
import dev.smsinbox.application.ManageSnippets;
import dev.smsinbox.application.MessageHooks;
import dev.smsinbox.application.TeamInbox;
import dev.smsinbox.application.contacts.DeleteContact;
import dev.smsinbox.application.inbound.InboundFiler;
import dev.smsinbox.application.inbound.InboundReview;
import dev.smsinbox.application.inbound.InboundWaiting;
import dev.smsinbox.application.inbound.ReassembleSms;
import dev.smsinbox.application.inbound.ReceiveSms;
import dev.smsinbox.application.outbound.DispatchOutbox;
import dev.smsinbox.application.outbound.OutboundQueue;
import dev.smsinbox.application.outbound.OutboundStatus;
import dev.smsinbox.application.outbound.OutboxWorker;
import dev.smsinbox.application.outbound.QuietHoursPolicy;
import dev.smsinbox.application.outbound.RecordDeliveryReceipt;
import dev.smsinbox.application.outbound.SendCrmSms;
import dev.smsinbox.application.outbound.SendReply;
import dev.smsinbox.application.outbound.SharedSubmitPacer;
import dev.smsinbox.application.port.InboxTelemetry;
import dev.smsinbox.application.port.SmsGateway;
import jakarta.json.bind.Jsonb;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.ToIntFunction;
import javax.sql.DataSource;

/**
 * The inbox's use cases and repositories, built once from a DataSource and settings. Plain Java, so
 * the same core runs inside Liberty (wired by {@link InboxWiring}) and in a plain JVM (the
 * benchmarks).
 */
public final class InboxCore {

  /** What the core is configured with (MicroProfile Config in the server). */
  public record Settings(
      Duration attributionWindow,
      Duration duplicateWindow,
      Duration reassemblyTimeout,
      int maxSegments,
      ToIntFunction<String> creditsPerPartByCountry,
      Duration eventRetention,
      /* SMPP_RECEIPT_PARK_MAX_AGE: how long a parked receipt waits for its part */
      Duration earlyReceiptRetention,
      Duration queuedMaxAge) {}

  /**
   * The most SMS filed in one transaction: reached only when the journal has a backlog (at an
   * ordinary pace a batch is what gathered in a few milliseconds). Each batch costs the same
   * statements whatever its size, so a larger one files a backlog for less: measured against 128 in
   * the link benchmark's 60 s bursts (README, Performance), 143 instead of 174 µs an SMS from the
   * take to the commit and a backlog filed 13 s sooner. A batch then takes some 70 ms, which the
   * screens, behind by the backlog anyway, do not feel. IN lists are padded to powers of two.
   */
  static final int FILING_BATCH = 512;

  /**
   * How many file side by side a backlog left once the link calms down, on PostgreSQL (whose filers
   * skip one another's rows; H2's would wait for them): see {@link InboundFiler}.
   */
  private static final int FILERS_AFTER_A_BURST = 2;

  /** How long an idempotency key is remembered: CONTRACT.md's "within 24 h". */
  private static final Duration IDEMPOTENCY_KEY_LIFETIME = Duration.ofHours(24);

  /**
   * How long a request holds its idempotency key between two sends before a retry may take it over:
   * far longer than one recipient's transaction takes, short enough that a retry after a crash or
   * an outage is not answered "in progress" for long.
   */
  private static final Duration IDEMPOTENCY_KEY_HOLD = Duration.ofSeconds(10);

  public final JdbcUnitOfWork unitOfWork;
  public final JdbcContactRepository contacts;
  public final JdbcSenderNumberRepository numbers;
  public final JdbcMessageRepository messages;
  public final JdbcConversationRepository conversations;
  public final JdbcInboxEvents events;
  public final JdbcUnroutedSmsRepository unrouted;
  public final Audit audit;
  public final Credits credits;
  public final ReceiveSms receiveSms;

  /** Started with the link: nothing reaches the journal without it. */
  public final InboundFiler inboundFiler;

  /** Tells the screens how many of their account's SMS wait to be filed (a flood). */
  public final InboundWaiting inboundWaiting;

  public final ReassembleSms reassembly;

  /** What an admin sees of the SMS that are in no conversation (unrouted, unfiled). */
  public final InboundReview inboundReview;

  public final OutboundStatus outboundStatus;
  public final RecordDeliveryReceipt receipts;
  public final OutboundQueue outboundQueue;
  public final SendReply sendReply;
  public final SendCrmSms sendCrmSms;
  public final QuietHoursPolicy quietHours;
  public final InboxQueries queries;
  public final TeamInbox team;
  public final ManageNumbers manageNumbers;
  public final ManageSnippets manageSnippets;
  public final DeleteContact deleteContact;
  public final JdbcIdempotencyKeys idempotencyKeys;
  public final dev.smsinbox.application.reports.Reports reports;
  final Housekeeping housekeeping;
  private final JdbcPartLedger partLedger;
  private final InboxTelemetry telemetry;
  private final Clock clock;
  private final Duration queuedMaxAge;

  /** This instance's name among those sharing the database (INBOX_INSTANCE_ID). */
  public final String instance;

  private final JdbcOutboxClaims outboxClaims;
  private final JdbcSubmitSchedule submitSchedule;

  /**
   * @param onEvent told of each live event (type, JSON) once committed
   * @param outboxWakeUp told when a message was queued
   */
  public InboxCore(
      DataSource dataSource,
      Settings settings,
      MessageHooks hooks,
      InboxTelemetry telemetry,
      Jsonb json,
      Clock clock,
      BiConsumer<String, String> onEvent,
      Runnable outboxWakeUp) {
    this(
        dataSource,
        settings,
        hooks,
        telemetry,
        json,
        clock,
        onEvent,
        outboxWakeUp,
        InstanceName.hostAndPid());
  }

  /**
   * @param instance this instance's name among the instances sharing the database
   */
  public InboxCore(
      DataSource dataSource,
      Settings settings,
      MessageHooks hooks,
      InboxTelemetry telemetry,
      Jsonb json,
      Clock clock,
      BiConsumer<String, String> onEvent,
      Runnable outboxWakeUp,
      String instance) {
    this.instance = instance;
    this.telemetry = telemetry;
    this.clock = clock;
    this.queuedMaxAge = settings.queuedMaxAge();
    unitOfWork = new JdbcUnitOfWork(dataSource);
    outboxClaims = new JdbcOutboxClaims(unitOfWork);
    submitSchedule = new JdbcSubmitSchedule(unitOfWork);
    contacts = new JdbcContactRepository(unitOfWork);
    numbers = new JdbcSenderNumberRepository(unitOfWork);
    partLedger = new JdbcPartLedger(unitOfWork);
    messages = new JdbcMessageRepository(unitOfWork, partLedger);
    conversations = new JdbcConversationRepository(unitOfWork, messages);
    events = new JdbcInboxEvents(unitOfWork, json, clock, onEvent);
    unrouted = new JdbcUnroutedSmsRepository(unitOfWork);
    audit = new Audit(unitOfWork, new JdbcAuditLog(unitOfWork), clock);
    credits =
        new Credits(
            unitOfWork,
            new JdbcCreditLedger(unitOfWork),
            new CreditPricing(settings.creditsPerPartByCountry()),
            audit,
            clock);
    JdbcInboundJournal journal = new JdbcInboundJournal(unitOfWork, this::wakeFiler);
    inboundWaiting = new InboundWaiting(unitOfWork, journal, events, clock, instance);
    receiveSms =
        new ReceiveSms(
            unitOfWork,
            contacts,
            numbers,
            conversations,
            messages,
            events,
            settings.attributionWindow(),
            hooks,
            settings.duplicateWindow(),
            telemetry,
            journal,
            unrouted,
            inboundWaiting);
    inboundFiler =
        new InboundFiler(
            unitOfWork,
            telemetry,
            receiveSms,
            journal,
            FILING_BATCH,
            unitOfWork.postgres() ? FILERS_AFTER_A_BURST : 1,
            clock,
            inboundWaiting);
    inboundReview = new InboundReview(unitOfWork, unrouted, inboundFiler);
    reassembly =
        new ReassembleSms(
            unitOfWork,
            new JdbcInboundPartRepository(unitOfWork),
            receiveSms,
            settings.reassemblyTimeout(),
            clock);
    outboundStatus = new OutboundStatus(messages, conversations, partLedger, events, clock);
    receipts =
        new RecordDeliveryReceipt(
            unitOfWork,
            partLedger,
            outboundStatus,
            telemetry,
            new JdbcEarlyReceipts(unitOfWork),
            clock);
    outboundQueue =
        new OutboundQueue(
            unitOfWork,
            conversations,
            messages,
            outboxWakeUp,
            hooks,
            credits,
            settings.maxSegments(),
            clock,
            events);
    quietHours =
        new QuietHoursPolicy(unitOfWork, new JdbcQuietHoursRepository(unitOfWork), audit, clock);
    sendReply =
        new SendReply(
                unitOfWork,
                conversations,
                messages,
                outboundQueue,
                credits,
                outboundStatus,
                audit,
                clock)
            .quietHours(quietHours);
    sendCrmSms =
        new SendCrmSms(
            unitOfWork, contacts, numbers, conversations, outboundQueue, quietHours, clock);
    queries =
        new InboxQueries(unitOfWork, new JdbcConversationList(unitOfWork), conversations, events);
    team = new TeamInbox(unitOfWork, new JdbcTeamRepository(unitOfWork), events, audit, clock);
    manageNumbers = new ManageNumbers(unitOfWork, numbers, audit, clock);
    manageSnippets =
        new ManageSnippets(unitOfWork, new JdbcSnippetRepository(unitOfWork), audit, clock);
    deleteContact =
        new DeleteContact(
            unitOfWork,
            contacts,
            conversations,
            new JdbcContactTraces(unitOfWork),
            events,
            audit,
            clock);
    idempotencyKeys =
        new JdbcIdempotencyKeys(unitOfWork, clock, IDEMPOTENCY_KEY_LIFETIME, IDEMPOTENCY_KEY_HOLD);
    reports =
        new dev.smsinbox.application.reports.Reports(
            unitOfWork,
            new dev.smsinbox.adapter.persistence.JdbcReportTally(unitOfWork),
            audit,
            clock);
    housekeeping =
        new Housekeeping(
            unitOfWork,
            events,
            idempotencyKeys,
            settings.eventRetention(),
            settings.earlyReceiptRetention(),
            telemetry,
            clock,
            instance);
  }

  /** The journal is built before the filer that reads it; commits happen only after both. */
  private void wakeFiler() {
    inboundFiler.wake();
  }

  public ManageNumbers manageNumbers() {
    return manageNumbers;
  }

  public Credits credits() {
    return credits;
  }

  public SendCrmSms sendCrmSms() {
    return sendCrmSms;
  }

  /** Fills search keys that are missing (contacts from before they existed). */
  public void fillMissingSearchKeys() {
    while (unitOfWork.inTransaction(contacts::fillMissingSearchKeys) > 0) {
      // a thousand at a time, each batch its own transaction
    }
  }

  /** The carrier link on a Camel context that has not started yet, and the outbox that uses it. */
  public record Carrier(SmppLink link, OutboxWorker outbox) {}

  /**
   * Adds the carrier link's routes to {@code camel} and the outbox behind them; both start with the
   * context and stop around it: rebinding and the outbox before it stops, the inbound writer and
   * the filer after (nothing hands them SMS any more).
   */
  public Carrier connect(
      CamelRuntime camel, LinkSettings settings, SmppLinkState state, Runnable onRebindAttempt)
      throws Exception {
    SmppLink link =
        new SmppLink(camel.context(), settings, state, sequence -> telemetry.undecodablePdu());
    link.addRoutes(receiveSms, inboundFiler, reassembly, receipts, clock);
    OutboxWorker outbox =
        new OutboxWorker(
            dispatcher(
                link.gateway(),
                settings.systemId(),
                settings.submitTps(),
                settings.packGsm(),
                settings.submitWindow()));
    camel.onStarted(
        () -> {
          link.supervise(onRebindAttempt);
          outbox.start();
        });
    camel.beforeStop(link::stopRebinding);
    camel.beforeStop(outbox);
    camel.afterStop(link);
    return new Carrier(link, outbox);
  }

  /** The outbox's dispatcher over a carrier gateway, for the carrier account "smsinbox". */
  DispatchOutbox dispatcher(SmsGateway gateway, int partsPerSecond, boolean packGsm, int window) {
    return dispatcher(gateway, "smsinbox", partsPerSecond, packGsm, window);
  }

  /**
   * The outbox's dispatcher over a carrier gateway: its submits share the carrier account's rate
   * with every instance bound with the same account (the submit schedule in the database), timed by
   * the system clock whatever the core's clock.
   *
   * @param carrierAccount the bind's system_id
   */
  DispatchOutbox dispatcher(
      SmsGateway gateway, String carrierAccount, int partsPerSecond, boolean packGsm, int window) {
    return new DispatchOutbox(
            unitOfWork,
            messages,
            partLedger,
            gateway,
            outboundStatus,
            credits,
            telemetry,
            receipts,
            new SharedSubmitPacer(
                submitSchedule, carrierAccount, partsPerSecond, Clock.systemUTC()),
            packGsm,
            window,
            clock,
            queuedMaxAge,
            outboxClaims,
            instance)
        .quietHours(quietHours);
  }
}
