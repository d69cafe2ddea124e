package dev.smsinbox.runtime;

import dev.smsinbox.adapter.persistence.JdbcContactRepository;
import dev.smsinbox.adapter.persistence.JdbcConversationRepository;
import dev.smsinbox.adapter.persistence.JdbcInboundPartRepository;
import dev.smsinbox.adapter.persistence.JdbcInboxEvents;
import dev.smsinbox.adapter.persistence.JdbcMessageRepository;
import dev.smsinbox.adapter.persistence.JdbcSenderNumberRepository;
import dev.smsinbox.adapter.persistence.JdbcUnitOfWork;
import dev.smsinbox.adapter.rest.JsonConfig;
import dev.smsinbox.adapter.rest.LiveEventHub;
import dev.smsinbox.adapter.smpp.SmppLinkState;
import dev.smsinbox.application.InboxQueries;
import dev.smsinbox.application.ManageNumbers;
import dev.smsinbox.application.MessageHooks;
import dev.smsinbox.application.OutboundStatus;
import dev.smsinbox.application.ReassembleSms;
import dev.smsinbox.application.ReceiveSms;
import dev.smsinbox.application.RecordDeliveryReceipt;
import dev.smsinbox.application.SendReply;
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
import javax.sql.DataSource;

/**
 * Builds the plain-Java use cases and adapters once, from configuration, and offers them to CDI.
 * The application and domain layers stay free of CDI; this is the one place that knows them all.
 */
@ApplicationScoped
public class InboxWiring {

  @Resource(lookup = "jdbc/inbox")
  DataSource dataSource;

  @Inject InboxConfig config;
  @Inject LiveEventHub hub;

  private final Clock clock = Clock.systemUTC();
  private JdbcUnitOfWork unitOfWork;
  private JdbcMessageRepository messages;
  private JdbcConversationRepository conversations;
  private JdbcInboxEvents events;
  private OutboxWorker outbox;
  private volatile IntegratorEvents integrators;
  private final SmppLinkState link = new SmppLinkState();
  private final Jsonb json = JsonConfig.create();

  @Inject @Any Instance<MessageHooks.InboundHook> inboundHooks;
  @Inject @Any Instance<MessageHooks.StoredListener> storedListeners;
  @Inject @Any Instance<MessageHooks.SendGuard> sendGuards;

  /** Hooks are any CDI beans implementing the hook interfaces, looked up at each call. */
  MessageHooks hooks() {
    return new MessageHooks(
        () -> inboundHooks.stream().toList(),
        () -> storedListeners.stream().toList(),
        () -> sendGuards.stream().toList());
  }

  DataSource dataSource() {
    return dataSource;
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
  synchronized JdbcUnitOfWork unitOfWork() {
    if (unitOfWork == null) {
      unitOfWork = new JdbcUnitOfWork(dataSource);
    }
    return unitOfWork;
  }

  @Produces
  @Singleton
  synchronized JdbcInboxEvents events() {
    if (events == null) {
      events =
          new JdbcInboxEvents(
              unitOfWork(),
              json,
              clock,
              (type, body) -> {
                hub.wake();
                IntegratorEvents integrators = this.integrators;
                if (integrators != null) {
                  integrators.publish(type, body);
                }
              });
    }
    return events;
  }

  synchronized JdbcMessageRepository messages() {
    if (messages == null) {
      messages = new JdbcMessageRepository(unitOfWork());
    }
    return messages;
  }

  synchronized JdbcConversationRepository conversations() {
    if (conversations == null) {
      conversations = new JdbcConversationRepository(unitOfWork(), messages());
    }
    return conversations;
  }

  @Produces
  @Singleton
  JdbcContactRepository contacts() {
    return new JdbcContactRepository(unitOfWork());
  }

  @Produces
  @Singleton
  JdbcSenderNumberRepository numbers() {
    return new JdbcSenderNumberRepository(unitOfWork());
  }

  @Produces
  @Singleton
  ReceiveSms receiveSms() {
    return new ReceiveSms(
        unitOfWork(),
        contacts(),
        numbers(),
        conversations(),
        messages(),
        events(),
        config.getDuration("inbox.attribution-window", Duration.ofDays(30)),
        hooks());
  }

  @Produces
  @Singleton
  ReassembleSms reassembleSms(ReceiveSms receiveSms) {
    return new ReassembleSms(
        unitOfWork(),
        new JdbcInboundPartRepository(unitOfWork()),
        receiveSms,
        config.getDuration("smpp.reassembly-timeout", Duration.ofMinutes(10)),
        clock);
  }

  @Produces
  @Singleton
  OutboundStatus outboundStatus() {
    return new OutboundStatus(messages(), events(), clock);
  }

  @Produces
  @Singleton
  RecordDeliveryReceipt recordDeliveryReceipt(OutboundStatus status) {
    return new RecordDeliveryReceipt(unitOfWork(), messages(), status, clock);
  }

  @Produces
  @Singleton
  SendReply sendReply() {
    return new SendReply(
        unitOfWork(),
        conversations(),
        messages(),
        () -> outbox().wake(),
        hooks(),
        config.getInt("inbox.max-segments", 10),
        clock);
  }

  @Produces
  @Singleton
  InboxQueries inboxQueries() {
    return new InboxQueries(unitOfWork(), conversations(), events());
  }

  @Produces
  @Singleton
  ManageNumbers manageNumbers() {
    return new ManageNumbers(unitOfWork(), numbers(), clock);
  }

  /** Set by the Camel runtime once the carrier gateway exists. */
  synchronized void outbox(OutboxWorker worker) {
    this.outbox = worker;
  }

  synchronized OutboxWorker outbox() {
    if (outbox == null) {
      throw new IllegalStateException("The outbox starts with the SMPP link");
    }
    return outbox;
  }

  void integrators(IntegratorEvents integrators) {
    this.integrators = integrators;
  }

  /** Null until Camel has started. */
  IntegratorEvents integrators() {
    return integrators;
  }

  Jsonb json() {
    return json;
  }
}
