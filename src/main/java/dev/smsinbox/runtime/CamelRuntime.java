package dev.smsinbox.runtime;

import dev.smsinbox.adapter.smpp.CamelSmsGateway;
import dev.smsinbox.adapter.smpp.DeliverSmHandler;
import dev.smsinbox.adapter.smpp.InboxSmppBinding;
import dev.smsinbox.adapter.smpp.SmppLinkState;
import dev.smsinbox.adapter.smpp.SmppRoutes;
import dev.smsinbox.application.InboundFiler;
import dev.smsinbox.application.InboundWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.microprofile.config.CamelMicroProfilePropertiesSource;
import org.apache.camel.component.smpp.SmppEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.SupervisingRouteController;
import org.apache.camel.support.RouteWatcherReloadStrategy;

/**
 * Owns the CamelContext (camel-cdi is gone in Camel 4): builds it with our routes and the
 * integrators' route files, starts it, and stops it cleanly. Routes are supervised, so an SMSC that
 * is down at start-up delays the link, not the application.
 */
public final class CamelRuntime implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(CamelRuntime.class.getName());

  private final DefaultCamelContext context = new DefaultCamelContext();
  private final RouteFiles routeFiles = new RouteFiles();
  private boolean reloadRoutes;
  private OutboxWorker outbox;
  private InboundWriter inboundWriter;
  private InboundFiler inboundFiler;
  private LinkSupervisor linkSupervisor;
  private Runnable onRebindAttempt = () -> {};

  /** Told of each rebind attempt after a lost link (a metric). */
  void onRebindAttempt(Runnable action) {
    this.onRebindAttempt = action;
  }

  public CamelContext context() {
    return context;
  }

  RouteFiles routeFiles() {
    return routeFiles;
  }

  /** Received SMS waiting for the inbound writer; 0 before the link starts. */
  long inboundWaiting() {
    return inboundWriter == null ? 0 : inboundWriter.waiting();
  }

  /** SMS committed to the inbound journal and not filed yet; 0 before the link starts. */
  long inboundUnfiled() {
    return inboundFiler == null ? 0 : inboundFiler.depth();
  }

  /** Starts the link and the outbox; returns the outbox's worker. */
  public OutboxWorker start(LinkSettings settings, InboxCore core, SmppLinkState link, Clock clock)
      throws Exception {
    context.getCamelContextExtension().setName("sms-inbox");
    if (settings.microProfileConfig()) {
      context.getPropertiesComponent().addPropertiesSource(new CamelMicroProfilePropertiesSource());
    }
    SupervisingRouteController supervisor = context.getRouteController().supervising();
    supervisor.setBackOffDelay(1000);
    supervisor.setBackOffMaxDelay(10_000);
    supervisor.setBackOffMultiplier(2);
    supervisor.setBackOffMaxAttempts(0); // unlimited: the link keeps trying and says so
    supervisor.setInitialDelay(0);

    context.getRegistry().bind("smppLinkState", link);
    // Stable helpers for integrators' routes (camel-routes/README.md).
    context.getRegistry().bind("hmacSigner", new HmacSigner());
    context.getRegistry().bind("chatText", new ChatText());
    // Transceiver: the producer's bind also receives, and hands deliver_sm to the inbound route.
    String producerUri =
        settings.receiverAndTransmitter()
            ? baseUri(settings)
            : baseUri(settings) + "&messageReceiverRouteId=" + SmppRoutes.INBOUND_ROUTE_ID;
    String consumerUri = settings.receiverAndTransmitter() ? baseUri(settings) : null;

    // As many SMS share a commit as there are threads that can wait for one.
    inboundWriter =
        new InboundWriter(
            core.receiveSms,
            settings.receiveThreads(),
            settings.receiveWriters(),
            Duration.ofMillis(settings.transactionMs()));
    // What an earlier run journaled and did not file goes first; while the link is saturated,
    // filing holds back.
    inboundFiler = core.inboundFiler;
    inboundFiler.start(inboundWriter::busy);
    DeliverSmHandler handler =
        new DeliverSmHandler(
            inboundWriter, core.reassembly, core.receipts, settings.defaultAlphabet(), clock);
    context.addRoutes(new SmppRoutes(producerUri, consumerUri, handler));

    // Every PDU must reach our code: our binding on the endpoints before the routes start.
    useOurBinding(producerUri);
    if (consumerUri != null) {
      useOurBinding(consumerUri);
    }

    outbox =
        new OutboxWorker(
            core.dispatcher(
                new CamelSmsGateway(context.createProducerTemplate(), link),
                settings.submitTps(),
                settings.packGsm(),
                settings.submitWindow()));
    OutboxWorker worker = outbox;
    context.addRoutes(
        new RouteBuilder() {
          @Override
          public void configure() {
            from("timer:outbox?period=1000").routeId("outbox-tick").process(e -> worker.wake());
            from("timer:reassembly?period=60000")
                .routeId("reassembly-timeout")
                .process(e -> core.reassembly.fileIncompleteSets());
            from("timer:housekeeping?delay=60000&period=3600000")
                .routeId("housekeeping")
                .process(e -> core.housekeeping.run());
          }
        });

    context.start();
    linkSupervisor =
        new LinkSupervisor(
            context,
            settings.receiverAndTransmitter()
                ? List.of(SmppRoutes.SUBMIT_ROUTE_ID, SmppRoutes.INBOUND_ROUTE_ID)
                : List.of(SmppRoutes.SUBMIT_ROUTE_ID),
            link,
            Duration.ofMillis(settings.rebindFirstDelayMs()),
            Duration.ofMillis(settings.rebindMaxDelayMs()),
            onRebindAttempt);
    // After the inbox's own routes run, so no integrator's file can stop them.
    if (settings.routesDir() != null) {
      routeFiles.load(context, settings.routesDir());
      if (reloadRoutes) {
        watchRouteFiles(settings.routesDir());
      }
    }
    LOG.info(
        () ->
            "Camel started; SMPP link to "
                + settings.host()
                + ":"
                + settings.port()
                + " ("
                + (settings.receiverAndTransmitter() ? "RX + TX" : "transceiver")
                + ") binds in the background");
    return outbox;
  }

  /**
   * Reloads a route file when it changes (camel.routes.reload). Only that file's routes are
   * replaced: the inbox's own routes and the other files' stay (removeAllRoutes false).
   */
  private void watchRouteFiles(String folder) throws Exception {
    RouteWatcherReloadStrategy watcher =
        new RouteWatcherReloadStrategy(
            java.nio.file.Path.of(folder).toAbsolutePath().toString(), false);
    watcher.setPattern("*.camel.yaml,*.camel.xml");
    watcher.setRemoveAllRoutes(false);
    context.addService(watcher);
    LOG.info(() -> "Integrators' route files in " + folder + " reload when they change");
  }

  /** Before {@link #start}: watch the route files and reload them when they change. */
  void reloadRoutes(boolean reload) {
    this.reloadRoutes = reload;
  }

  private void useOurBinding(String uri) {
    SmppEndpoint endpoint = context.getEndpoint(uri, SmppEndpoint.class);
    endpoint.setBinding(new InboxSmppBinding(endpoint.getConfiguration()));
  }

  private static String baseUri(LinkSettings settings) {
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
        // deliver_sm handled side by side: each waits for its own commit before its resp
        + "&pduProcessorDegree="
        + settings.receiveThreads()
        + "&pduProcessorQueueCapacity=1000";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws Exception {
    if (linkSupervisor != null) {
      linkSupervisor.close();
    }
    if (outbox != null) {
      outbox.close();
    }
    context.stop();
    // After the link stopped: nothing hands it SMS any more, and what it holds is stored.
    if (inboundWriter != null) {
      inboundWriter.close();
    }
    // Last: it stops after the batch under way; what is left waits in the journal for the next
    // start.
    if (inboundFiler != null) {
      inboundFiler.close();
    }
    LOG.info("Camel stopped");
  }
}
