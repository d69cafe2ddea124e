package dev.smsinbox.runtime;

import dev.smsinbox.adapter.persistence.JdbcContactRepository;
import dev.smsinbox.adapter.persistence.JdbcConversationRepository;
import dev.smsinbox.adapter.persistence.JdbcCreditLedger;
import dev.smsinbox.adapter.persistence.JdbcEarlyReceipts;
import dev.smsinbox.adapter.persistence.JdbcInboundJournal;
import dev.smsinbox.adapter.persistence.JdbcInboundPartRepository;
import dev.smsinbox.adapter.persistence.JdbcInboxEvents;
import dev.smsinbox.adapter.persistence.JdbcMessageRepository;
import dev.smsinbox.adapter.persistence.JdbcSenderNumberRepository;
import dev.smsinbox.adapter.persistence.JdbcUnitOfWork;
import dev.smsinbox.application.CreditPricing;
import dev.smsinbox.application.Credits;
import dev.smsinbox.application.DeleteContact;
import dev.smsinbox.application.DispatchOutbox;
import dev.smsinbox.application.InboundFiler;
import dev.smsinbox.application.InboxQueries;
import dev.smsinbox.application.InboxTelemetry;
import dev.smsinbox.application.ManageNumbers;
import dev.smsinbox.application.MessageHooks;
import dev.smsinbox.application.OutboundQueue;
import dev.smsinbox.application.OutboundStatus;
import dev.smsinbox.application.ReassembleSms;
import dev.smsinbox.application.ReceiveSms;
import dev.smsinbox.application.RecordDeliveryReceipt;
import dev.smsinbox.application.SendCrmSms;
import dev.smsinbox.application.SendReply;
import dev.smsinbox.application.SmsGateway;
import dev.smsinbox.application.SubmitPacer;
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
      Duration earlyReceiptRetention) {}

  /** SMS filed to a transaction when the journal has a backlog (IN lists stay a fixed length). */
  private static final int FILING_BATCH = 128;

  final JdbcUnitOfWork unitOfWork;
  final JdbcContactRepository contacts;
  final JdbcSenderNumberRepository numbers;
  final JdbcMessageRepository messages;
  final JdbcConversationRepository conversations;
  final JdbcInboxEvents events;
  final Credits credits;
  final ReceiveSms receiveSms;

  /** Started with the link: nothing reaches the journal without it. */
  final InboundFiler inboundFiler;

  final ReassembleSms reassembly;
  final OutboundStatus outboundStatus;
  final RecordDeliveryReceipt receipts;
  final OutboundQueue outboundQueue;
  final SendReply sendReply;
  final SendCrmSms sendCrmSms;
  final InboxQueries queries;
  final ManageNumbers manageNumbers;
  final DeleteContact deleteContact;
  final Housekeeping housekeeping;
  private final InboxTelemetry telemetry;
  private final Clock clock;

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
    this.telemetry = telemetry;
    this.clock = clock;
    unitOfWork = new JdbcUnitOfWork(dataSource);
    contacts = new JdbcContactRepository(unitOfWork);
    numbers = new JdbcSenderNumberRepository(unitOfWork);
    messages = new JdbcMessageRepository(unitOfWork);
    conversations = new JdbcConversationRepository(unitOfWork, messages);
    events = new JdbcInboxEvents(unitOfWork, json, clock, onEvent);
    credits =
        new Credits(
            unitOfWork,
            new JdbcCreditLedger(unitOfWork),
            new CreditPricing(settings.creditsPerPartByCountry()),
            clock);
    JdbcInboundJournal journal = new JdbcInboundJournal(unitOfWork, this::wakeFiler);
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
            journal);
    inboundFiler = new InboundFiler(unitOfWork, receiveSms, journal, FILING_BATCH, clock);
    reassembly =
        new ReassembleSms(
            unitOfWork,
            new JdbcInboundPartRepository(unitOfWork),
            receiveSms,
            settings.reassemblyTimeout(),
            clock);
    outboundStatus = new OutboundStatus(messages, events, clock);
    receipts =
        new RecordDeliveryReceipt(
            unitOfWork,
            messages,
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
            clock);
    sendReply = new SendReply(unitOfWork, conversations, outboundQueue, credits);
    sendCrmSms = new SendCrmSms(unitOfWork, contacts, numbers, conversations, outboundQueue, clock);
    queries = new InboxQueries(unitOfWork, conversations, events);
    manageNumbers = new ManageNumbers(unitOfWork, numbers, clock);
    deleteContact = new DeleteContact(unitOfWork, contacts, conversations, events, clock);
    housekeeping =
        new Housekeeping(
            unitOfWork, events, settings.eventRetention(), settings.earlyReceiptRetention(), clock);
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
  void fillMissingSearchKeys() {
    while (unitOfWork.inTransaction(contacts::fillMissingSearchKeys) > 0) {
      // a thousand at a time, each batch its own transaction
    }
  }

  /** The outbox's dispatcher over a carrier gateway. */
  DispatchOutbox dispatcher(SmsGateway gateway, int partsPerSecond, boolean packGsm, int window) {
    return new DispatchOutbox(
        unitOfWork,
        messages,
        gateway,
        outboundStatus,
        credits,
        telemetry,
        receipts,
        new SubmitPacer(partsPerSecond),
        packGsm,
        window,
        clock);
  }
}
