package dev.smsinbox.adapter.smpp;

import dev.smsinbox.application.inbound.InboundFiler;
import dev.smsinbox.application.inbound.InboundWriter;
import dev.smsinbox.application.inbound.ReassembleSms;
import dev.smsinbox.application.inbound.ReceiveSms;
import dev.smsinbox.application.outbound.RecordDeliveryReceipt;
import dev.smsinbox.application.port.SmsGateway;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.logging.Logger;
import org.apache.camel.CamelContext;
import org.apache.camel.component.smpp.SmppEndpoint;

/**
 * The carrier link, whole: the endpoint URIs from the settings, our binding on every endpoint, the
 * receive pipeline (deliver_sm → inbound writer → journal, then the filer), the submit route behind
 * the {@link SmsGateway}, and the supervisor that rebinds a lost link. The runtime owns the Camel
 * context and decides when things start and stop; this class decides what the link is made of.
 *
 * <p>Stopping goes in three steps, because the order keeps the promises: {@link #stopRebinding}
 * before the context stops (no rebind restarts a stopping route), then {@link #close} after it
 * (nothing hands the writer SMS any more, and the filer ends after the batch under way).
 */
public final class SmppLink implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(SmppLink.class.getName());

  /** The most inbound SMS one commit to the journal takes, whatever the receiving threads. */
  static final int LARGEST_COMMIT = 128;

  private final CamelContext context;
  private final LinkSettings settings;
  private final SmppLinkState state;
  private final IntConsumer undecodable;
  private InboundWriter inboundWriter;
  private InboundFiler inboundFiler;
  private LinkSupervisor supervisor;

  /**
   * @param undecodable told of each deliver_sm that could not be decoded and was answered with a
   *     generic_nack (its sequence number)
   */
  public SmppLink(
      CamelContext context, LinkSettings settings, SmppLinkState state, IntConsumer undecodable) {
    this.context = context;
    this.settings = settings;
    this.state = state;
    this.undecodable = undecodable;
  }

  /**
   * Adds the link's routes to the context, before it starts. What an earlier run journaled and did
   * not file is filed first; while the link is saturated, filing holds back.
   */
  public void addRoutes(
      ReceiveSms receiveSms,
      InboundFiler filer,
      ReassembleSms reassembly,
      RecordDeliveryReceipt receipts,
      Clock clock)
      throws Exception {
    context.getRegistry().bind("smppLinkState", state);
    // Every deliver_sm answered, even one jSMPP cannot decode: our sessions under camel-smpp.
    context.removeComponent("smpp");
    context.addComponent("smpp", new InboxSmppComponent(undecodable));
    // Transceiver: the producer's bind also receives, and hands deliver_sm to the inbound route.
    String producerUri =
        settings.receiverAndTransmitter()
            ? baseUri()
            : baseUri() + "&messageReceiverRouteId=" + SmppRoutes.INBOUND_ROUTE_ID;
    String consumerUri = settings.receiverAndTransmitter() ? baseUri() : null;

    // A whole SMS holds no receiving thread while its commit is under way (its answer is held),
    // so a commit may take more SMS than there are threads: what the carrier's windows put in
    // flight.
    inboundWriter =
        new InboundWriter(
            receiveSms,
            Math.max(settings.receiveThreads(), LARGEST_COMMIT),
            settings.receiveWriters(),
            Duration.ofMillis(settings.transactionMs()));
    inboundFiler = filer;
    inboundFiler.start(inboundWriter::busy);
    DeliverSmHandler handler =
        new DeliverSmHandler(
            inboundWriter, reassembly, receipts, settings.defaultAlphabet(), clock);
    context.addRoutes(new SmppRoutes(producerUri, consumerUri, handler));

    // Every PDU must reach our code: our binding on the endpoints before the routes start.
    useOurBinding(producerUri);
    if (consumerUri != null) {
      useOurBinding(consumerUri);
    }
  }

  /** What the outbox submits through. */
  public SmsGateway gateway() {
    return new CamelSmsGateway(context.createProducerTemplate(), state);
  }

  /** Once the context has started: rebinds a lost link with back-off, for as long as it is down. */
  public void supervise(Runnable onRebindAttempt) {
    supervisor =
        new LinkSupervisor(
            context,
            settings.receiverAndTransmitter()
                ? List.of(SmppRoutes.SUBMIT_ROUTE_ID, SmppRoutes.INBOUND_ROUTE_ID)
                : List.of(SmppRoutes.SUBMIT_ROUTE_ID),
            state,
            Duration.ofMillis(settings.rebindFirstDelayMs()),
            Duration.ofMillis(settings.rebindMaxDelayMs()),
            onRebindAttempt);
    LOG.info(
        () ->
            "Camel started; SMPP link to "
                + settings.host()
                + ":"
                + settings.port()
                + " ("
                + (settings.receiverAndTransmitter() ? "RX + TX" : "transceiver")
                + ") binds in the background");
  }

  /** Received SMS waiting for the inbound writer; 0 before the link starts. */
  public long inboundWaiting() {
    return inboundWriter == null ? 0 : inboundWriter.waiting();
  }

  /** SMS committed to the inbound journal and not filed yet; 0 before the link starts. */
  public long inboundUnfiled() {
    return inboundFiler == null ? 0 : inboundFiler.depth();
  }

  /** Before the Camel context stops. */
  public void stopRebinding() {
    if (supervisor != null) {
      supervisor.close();
    }
  }

  /** After the Camel context stopped. */
  @Override
  public void close() {
    // Nothing hands the writer SMS any more, and what it holds is stored.
    if (inboundWriter != null) {
      inboundWriter.close();
    }
    // Last: it stops after the batch under way; what is left waits in the journal for the next
    // start.
    if (inboundFiler != null) {
      inboundFiler.close();
    }
  }

  private void useOurBinding(String uri) {
    SmppEndpoint endpoint = context.getEndpoint(uri, SmppEndpoint.class);
    endpoint.setBinding(new InboxSmppBinding(endpoint.getConfiguration()));
  }

  private String baseUri() {
    return "smpp://"
        + encode(settings.systemId())
        + "@"
        + settings.host()
        + ":"
        + settings.port()
        + "?password=RAW("
        + settings.password()
        + ")"
        + (settings.systemType().isEmpty() ? "" : "&systemType=" + encode(settings.systemType()))
        + "&enquireLinkTimer="
        + settings.enquireLinkMs()
        + "&transactionTimer="
        + settings.transactionMs()
        // camel-smpp's own retries cover a blip; a longer outage is the LinkSupervisor's.
        + "&initialReconnectDelay=1000&maxReconnect=3&reconnectDelay="
        + settings.reconnectDelayMs()
        + "&sessionStateListener=#smppLinkState"
        // deliver_sm handled side by side: an SMS is handed to the inbound writer, its resp held
        // until the commit (AnswersAfterCommit); a part or a receipt waits for its own commit.
        // As many may queue for these threads as for the writer (InboundWriter.QUEUED).
        + "&pduProcessorDegree="
        + settings.receiveThreads()
        + "&pduProcessorQueueCapacity=1000";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
