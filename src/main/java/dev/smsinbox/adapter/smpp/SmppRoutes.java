package dev.smsinbox.adapter.smpp;

import org.apache.camel.builder.RouteBuilder;

/**
 * The carrier link as Camel routes. In transceiver mode (the default) one bind carries both ways:
 * the submit route's producer binds TRX and hands deliver_sm to the inbound route. In RX_TX mode an
 * smpp consumer binds RX for inbound and the producer binds TX.
 */
public class SmppRoutes extends RouteBuilder {

  public static final String INBOUND = "direct:smpp-inbound";
  public static final String SUBMIT = "direct:smpp-submit";
  public static final String INBOUND_ROUTE_ID = "smpp-inbound";
  public static final String SUBMIT_ROUTE_ID = "smpp-submit";

  private final String producerUri;
  private final String consumerUri;
  private final DeliverSmHandler deliverSm;

  /**
   * @param consumerUri the RX endpoint in RX_TX mode, null in transceiver mode
   */
  public SmppRoutes(String producerUri, String consumerUri, DeliverSmHandler deliverSm) {
    this.producerUri = producerUri;
    this.consumerUri = consumerUri;
    this.deliverSm = deliverSm;
  }

  @Override
  public void configure() {
    // No error handler: the exception must stay on the exchange so camel-smpp answers the
    // deliver_sm with our command status instead of OK.
    errorHandler(noErrorHandler());

    from(consumerUri != null ? consumerUri : INBOUND).routeId(INBOUND_ROUTE_ID).process(deliverSm);

    from(SUBMIT).routeId(SUBMIT_ROUTE_ID).to(producerUri);
  }
}
