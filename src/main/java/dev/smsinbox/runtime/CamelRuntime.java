package dev.smsinbox.runtime;

import dev.smsinbox.adapter.persistence.JdbcMessageRepository;
import dev.smsinbox.adapter.smpp.CamelSmsGateway;
import dev.smsinbox.adapter.smpp.DeliverSmHandler;
import dev.smsinbox.adapter.smpp.InboxSmppBinding;
import dev.smsinbox.adapter.smpp.SmppLinkState;
import dev.smsinbox.adapter.smpp.SmppRoutes;
import dev.smsinbox.application.DispatchOutbox;
import dev.smsinbox.application.OutboundStatus;
import dev.smsinbox.application.ReassembleSms;
import dev.smsinbox.application.ReceiveSms;
import dev.smsinbox.application.RecordDeliveryReceipt;
import dev.smsinbox.application.SubmitPacer;
import dev.smsinbox.sms.DefaultAlphabet;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.logging.Logger;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.microprofile.config.CamelMicroProfilePropertiesSource;
import org.apache.camel.component.smpp.SmppEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.SupervisingRouteController;

/**
 * Owns the CamelContext (camel-cdi is gone in Camel 4): builds it with our routes and the
 * integrators' route files, starts it, and stops it cleanly. Routes are supervised, so an SMSC that
 * is down at start-up delays the link, not the application.
 */
final class CamelRuntime implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(CamelRuntime.class.getName());

  private final DefaultCamelContext context = new DefaultCamelContext();
  private OutboxWorker outbox;

  CamelContext context() {
    return context;
  }

  OutboxWorker start(
      InboxConfig config,
      ReceiveSms receiveSms,
      ReassembleSms reassembly,
      RecordDeliveryReceipt receipts,
      OutboundStatus statuses,
      InboxWiring wiring,
      SmppLinkState link,
      Clock clock)
      throws Exception {
    context.getCamelContextExtension().setName("sms-inbox");
    context.getPropertiesComponent().addPropertiesSource(new CamelMicroProfilePropertiesSource());
    SupervisingRouteController supervisor = context.getRouteController().supervising();
    supervisor.setBackOffDelay(1000);
    supervisor.setBackOffMaxDelay(30_000);
    supervisor.setBackOffMultiplier(2);
    supervisor.setBackOffMaxAttempts(0); // unlimited: the link keeps trying and says so
    supervisor.setInitialDelay(0);

    context.getRegistry().bind("smppLinkState", link);
    boolean rxTx = "RX_TX".equals(config.get("smpp.bind-type", "TRX").toUpperCase(Locale.ROOT));
    // Transceiver: the producer's bind also receives, and hands deliver_sm to the inbound route.
    String producerUri =
        rxTx
            ? baseUri(config)
            : baseUri(config) + "&messageReceiverRouteId=" + SmppRoutes.INBOUND_ROUTE_ID;
    String consumerUri = rxTx ? baseUri(config) : null;

    DeliverSmHandler handler =
        new DeliverSmHandler(
            receiveSms,
            reassembly,
            receipts,
            DefaultAlphabet.valueOf(
                config.get("smpp.default-alphabet", "GSM7").toUpperCase(Locale.ROOT)),
            clock);
    context.addRoutes(new SmppRoutes(producerUri, consumerUri, handler));

    // Every PDU must reach our code: our binding on the endpoints before the routes start.
    context
        .getEndpoint(producerUri, SmppEndpoint.class)
        .setBinding(bindingFor(context, producerUri));
    if (consumerUri != null) {
      context
          .getEndpoint(consumerUri, SmppEndpoint.class)
          .setBinding(bindingFor(context, consumerUri));
    }

    ProducerTemplate producer = context.createProducerTemplate();
    JdbcMessageRepository messages = wiring.messages();
    DispatchOutbox dispatch =
        new DispatchOutbox(
            wiring.unitOfWork(),
            messages,
            new CamelSmsGateway(producer, link),
            statuses,
            wiring.credits(),
            wiring.metrics(),
            new SubmitPacer(config.getInt("smpp.submit-tps", 50)),
            config.getBoolean("smpp.pack-gsm", false),
            clock);
    outbox = new OutboxWorker(dispatch);
    OutboxWorker worker = outbox;
    context.addRoutes(
        new RouteBuilder() {
          @Override
          public void configure() {
            from("timer:outbox?period={{outbox.poll-ms:1000}}")
                .routeId("outbox-tick")
                .process(e -> worker.wake());
            from("timer:reassembly?period=60000")
                .routeId("reassembly-timeout")
                .process(e -> reassembly.fileIncompleteSets());
          }
        });

    RouteFiles.load(context, config.get("camel.routes.dir", "camel-routes"));
    context.start();
    wiring.integrators(new IntegratorEvents(context));
    LOG.info(
        () ->
            "Camel started; SMPP link to "
                + config.get("smpp.host", "127.0.0.1")
                + ":"
                + config.get("smpp.port", "2775")
                + " ("
                + (rxTx ? "RX + TX" : "transceiver")
                + ") binds in the background");
    return outbox;
  }

  private static InboxSmppBinding bindingFor(CamelContext context, String uri) {
    SmppEndpoint endpoint = context.getEndpoint(uri, SmppEndpoint.class);
    return new InboxSmppBinding(endpoint.getConfiguration());
  }

  private static String baseUri(InboxConfig config) {
    return "smpp://"
        + encode(config.get("smpp.system-id", "smsinbox"))
        + "@"
        + config.get("smpp.host", "127.0.0.1")
        + ":"
        + config.getInt("smpp.port", 2775)
        + "?password=RAW("
        + config.get("smpp.password", "")
        + ")"
        + config.optional("smpp.system-type").map(t -> "&systemType=" + encode(t)).orElse("")
        + "&enquireLinkTimer="
        + config.getInt("smpp.enquire-link-ms", 30_000)
        + "&transactionTimer="
        + config.getInt("smpp.transaction-ms", 10_000)
        + "&initialReconnectDelay=1000&reconnectDelay="
        + config.getInt("smpp.reconnect-delay-ms", 5_000)
        + "&sessionStateListener=#smppLinkState";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws Exception {
    if (outbox != null) {
      outbox.close();
    }
    context.stop();
    LOG.info("Camel stopped");
  }
}
