package dev.smsinbox.adapter.smpp;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.smpp.SmppBinding;
import org.apache.camel.component.smpp.SmppCommand;
import org.apache.camel.component.smpp.SmppConfiguration;
import org.apache.camel.component.smpp.SmppConstants;
import org.apache.camel.component.smpp.SmppMessage;
import org.apache.camel.component.smpp.SmppMessageType;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.session.SMPPSession;

/**
 * Every deliver_sm reaches our route as the raw PDU: nothing is decoded here, so nothing can fail
 * here (camel-smpp acknowledges with OK, without running the route, when building the exchange
 * fails). Our submits go through {@link SubmitPartCommand}.
 */
public class InboxSmppBinding extends SmppBinding {

  public InboxSmppBinding(SmppConfiguration configuration) {
    super(configuration);
  }

  @Override
  public SmppMessage createSmppMessage(CamelContext camelContext, DeliverSm deliverSm) {
    SmppMessage message = new SmppMessage(camelContext, deliverSm, getConfiguration());
    message.setBody(deliverSm);
    message.setHeader(
        SmppConstants.MESSAGE_TYPE,
        (Pdus.isReceipt(deliverSm) ? SmppMessageType.DeliveryReceipt : SmppMessageType.DeliverSm)
            .toString());
    return message;
  }

  @Override
  public SmppCommand createSmppCommand(SMPPSession session, Exchange exchange) {
    if (exchange.getIn().getBody() instanceof OutboundSubmit) {
      return new SubmitPartCommand(session);
    }
    return super.createSmppCommand(session, exchange);
  }
}
